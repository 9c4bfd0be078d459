import { compareCardWithPerson, type CccdCard } from '../../domain/citizen-id';
import type { CardComparison } from '../../domain/citizen-id-compare';
import type { BeneficiaryRow } from '../../storage/app-db';

type Whose = 'beneficiary' | 'guardian' | 'authorized';

/** The roster side to compare with: the person, or their registered representative. */
export function personSide(person: BeneficiaryRow, whose: Whose) {
  const rep = person.representative;
  if (whose === 'beneficiary' || !rep) return person;
  return { idNumber: rep.idNumber, oldIdNumber: null, fullName: rep.fullName, birthDate: null, gender: null };
}

export function compareFor(card: CccdCard, person: BeneficiaryRow, whose: Whose): CardComparison {
  return compareCardWithPerson(card, personSide(person, whose));
}
