/**
 * Field-by-field comparison of an ID card (scanned or typed) with the roster's record of a
 * person, for the ID check screen: each field is `match`, `mismatch` or `missing`.
 */
import { normalizeIdNumber } from './citizen-id-number';
import { foldVietnamese, normalizeText } from './vietnamese-text';
import type { Gender } from './vocabulary';

export const fieldStatuses = ['match', 'mismatch', 'missing'] as const;
export type FieldStatus = (typeof fieldStatuses)[number];

export const comparisonOutcomes = ['match', 'mismatch', 'incomplete'] as const;
export type ComparisonOutcome = (typeof comparisonOutcomes)[number];

export type FieldCheck = {
  status: FieldStatus;
  /** The card's value, to show next to the roster's. */
  card: string | null;
  person: string | null;
};

/** What a card says; `CccdCard` from parseCccdQr fits, so does a typed-in card. */
export type CardIdentity = {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: Gender;
};

/** What the roster says; any field may be unknown. `birthDate` may be a year only. */
export type PersonIdentity = {
  idNumber: string | null;
  oldIdNumber?: string | null;
  fullName: string | null;
  birthDate: string | null;
  gender: Gender | null;
};

export type CardComparison = {
  /** `via` tells which roster number matched: the 12-digit one, or a legacy CMND. */
  idNumber: FieldCheck & { via: 'id-number' | 'old-id-number' | null };
  /** `exact` is false when only diacritics, tone placement or case differ ("Hoà" vs "Hòa"). */
  fullName: FieldCheck & { exact: boolean };
  /** `yearOnly` when the roster knows only the birth year, so only the year was compared. */
  birthDate: FieldCheck & { yearOnly: boolean };
  gender: FieldCheck;
  /** `mismatch` if any field differs, else `incomplete` if any is missing, else `match`. */
  overall: ComparisonOutcome;
};

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function compareIdNumber(card: CardIdentity, person: PersonIdentity): CardComparison['idNumber'] {
  const personId = blankToNull(person.idNumber);
  const personOld = blankToNull(person.oldIdNumber);
  const cardOld = card.oldIdNumber;
  if (personId) {
    const id = normalizeIdNumber(personId);
    if (id === card.idNumber) return { status: 'match', card: card.idNumber, person: personId, via: 'id-number' };
    // MIS exports and bank files often still hold the CMND in the ID column (docs/domain.md §1.2).
    if (cardOld !== null && id === cardOld) {
      return { status: 'match', card: cardOld, person: personId, via: 'old-id-number' };
    }
    return { status: 'mismatch', card: card.idNumber, person: personId, via: null };
  }
  if (personOld) {
    if (cardOld === null) return { status: 'missing', card: null, person: personOld, via: null };
    const matches = normalizeIdNumber(personOld) === cardOld;
    return {
      status: matches ? 'match' : 'mismatch',
      card: cardOld,
      person: personOld,
      via: matches ? 'old-id-number' : null,
    };
  }
  return { status: 'missing', card: card.idNumber, person: null, via: null };
}

function compareName(card: CardIdentity, person: PersonIdentity): CardComparison['fullName'] {
  const personName = blankToNull(person.fullName);
  if (!personName) return { status: 'missing', card: card.fullName, person: null, exact: false };
  const same = foldVietnamese(card.fullName) === foldVietnamese(personName);
  return {
    status: same ? 'match' : 'mismatch',
    card: card.fullName,
    person: personName,
    exact: normalizeText(card.fullName) === normalizeText(personName),
  };
}

function compareBirthDate(card: CardIdentity, person: PersonIdentity): CardComparison['birthDate'] {
  const personDate = blankToNull(person.birthDate);
  if (!personDate) return { status: 'missing', card: card.birthDate, person: null, yearOnly: false };
  const yearOnly = /^\d{4}$/u.test(personDate);
  const same = yearOnly ? card.birthDate.slice(0, 4) === personDate : card.birthDate === personDate;
  return { status: same ? 'match' : 'mismatch', card: card.birthDate, person: personDate, yearOnly };
}

function compareGender(card: CardIdentity, person: PersonIdentity): FieldCheck {
  if (!person.gender) return { status: 'missing', card: card.gender, person: null };
  return { status: card.gender === person.gender ? 'match' : 'mismatch', card: card.gender, person: person.gender };
}

export function compareCardWithPerson(card: CardIdentity, person: PersonIdentity): CardComparison {
  const fields = {
    idNumber: compareIdNumber(card, person),
    fullName: compareName(card, person),
    birthDate: compareBirthDate(card, person),
    gender: compareGender(card, person),
  };
  const statuses = Object.values(fields).map((field) => field.status);
  const overall = statuses.includes('mismatch') ? 'mismatch' : statuses.includes('missing') ? 'incomplete' : 'match';
  return { ...fields, overall };
}
