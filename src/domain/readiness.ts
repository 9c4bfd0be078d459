/**
 * Readiness for non-cash payment (seed step 3): can an account (bank or mobile money) be opened
 * for this beneficiary, held by them or by their guardian or authorised person? Each reason
 * names what a commune officer must fetch or fix.
 */
import { ageOn } from './calendar';
import { checkIdNumber, normalizeIdNumber, type IdIssueCode } from './citizen-id-number';
import { checkPhone } from './phone';
import { CHILD_UNDER_AGE } from './benefits.data';
import type { Gender, PaymentMethod, RepresentativeKind } from './vocabulary';

export const readinessStatuses = ['ready', 'missing-papers', 'needs-new-id-card', 'not-needed'] as const;
export type ReadinessStatus = (typeof readinessStatuses)[number];

export const readinessReasonCodes = [
  'method-not-chosen',
  'id-number-missing',
  'id-number-inconsistent',
  'only-old-id-card',
  'no-id-card',
  'child-needs-guardian',
  'no-guardianship-paper',
  'no-authorisation-paper',
  'authorisation-expired',
  'no-phone-for-mobile-money',
  'phone-invalid',
  'phone-not-mobile',
  'phone-unusual',
] as const;
export type ReadinessReasonCode = (typeof readinessReasonCodes)[number];

export type ReadinessReason = {
  code: ReadinessReasonCode;
  /** Whose paper it is about. */
  person: 'beneficiary' | 'representative';
  /** Blocking reasons stop the account from being opened; the others are to check. */
  blocking: boolean;
  /** ID-number issue codes behind `id-number-inconsistent`. */
  idIssues?: IdIssueCode[];
};

export type ReadinessPerson = {
  fullName: string;
  idNumber: string | null;
  oldIdNumber?: string | null;
  birthDate?: string | null;
  gender?: Gender | null;
  phone?: string | null;
  /** The officer saw that the person holds no ID card at all (never issued, or lost). */
  hasNoIdCard?: boolean;
};

export type ReadinessRepresentative = ReadinessPerson & {
  kind: RepresentativeKind;
  /** Authorisation paper or guardianship extract, as the officer describes it. */
  paperRef: string | null;
  /** Last day the paper is valid (`YYYY-MM-DD`), if it has an end. */
  validUntil: string | null;
};

export type ReadinessInput = {
  beneficiary: ReadinessPerson & { birthDate: string; gender: Gender };
  paymentMethod: PaymentMethod | null;
  /** Wallet phone of a mobile-money registration, if different from the holder's phone. */
  walletPhone?: string | null;
  representative: ReadinessRepresentative | null;
  /** `YYYY-MM-DD`, passed in: ages and paper validity depend on it. */
  today: string;
};

export type Readiness = {
  status: ReadinessStatus;
  /** Who would hold the account. */
  holder: 'beneficiary' | 'representative';
  reasons: ReadinessReason[];
};

const ID_CARD_REASONS: readonly ReadinessReasonCode[] = ['only-old-id-card', 'no-id-card'];

function idReasons(
  person: ReadinessPerson,
  who: ReadinessReason['person'],
  isHolder: boolean,
  today: string,
): ReadinessReason[] {
  const id = person.idNumber ? normalizeIdNumber(person.idNumber) : '';
  if (id !== '') {
    const errors = checkIdNumber(id, { birthDate: person.birthDate, gender: person.gender, today })
      .filter((issue) => issue.severity === 'error')
      .map((issue) => issue.code);
    return errors.length > 0 ? [{ code: 'id-number-inconsistent', person: who, blocking: true, idIssues: errors }] : [];
  }
  // Banks and wallets open accounts on a 12-digit ID (CMNDs expired on 2024-12-31), so the
  // holder needs a new card; for a beneficiary who is not the holder it is only a note.
  if (person.oldIdNumber) return [{ code: 'only-old-id-card', person: who, blocking: isHolder }];
  if (person.hasNoIdCard) return [{ code: 'no-id-card', person: who, blocking: isHolder }];
  return [{ code: 'id-number-missing', person: who, blocking: isHolder }];
}

function representativeReasons(representative: ReadinessRepresentative, today: string): ReadinessReason[] {
  const reasons: ReadinessReason[] = [];
  if (!representative.paperRef?.trim()) {
    const code = representative.kind === 'guardian' ? 'no-guardianship-paper' : 'no-authorisation-paper';
    reasons.push({ code, person: 'representative', blocking: true });
  }
  if (representative.validUntil && representative.validUntil < today) {
    reasons.push({ code: 'authorisation-expired', person: 'representative', blocking: true });
  }
  return reasons;
}

function phoneReasons(phone: string | null | undefined, who: ReadinessReason['person']): ReadinessReason[] {
  if (!phone?.trim()) return [{ code: 'no-phone-for-mobile-money', person: who, blocking: true }];
  const check = checkPhone(phone);
  if (check.issues.some((issue) => issue.severity === 'error'))
    return [{ code: 'phone-invalid', person: who, blocking: true }];
  if (check.kind !== 'mobile') return [{ code: 'phone-not-mobile', person: who, blocking: true }];
  return check.issues.length > 0 ? [{ code: 'phone-unusual', person: who, blocking: false }] : [];
}

export function classifyReadiness(input: ReadinessInput): Readiness {
  const { beneficiary, representative, paymentMethod, today } = input;
  const holder = representative ? 'representative' : 'beneficiary';
  // Cash at the point or at home needs no account: nothing to prepare for non-cash payment.
  if (paymentMethod === 'cash-point' || paymentMethod === 'home-delivery') {
    return { status: 'not-needed', holder, reasons: [] };
  }

  const reasons: ReadinessReason[] = [];
  if (paymentMethod === null) reasons.push({ code: 'method-not-chosen', person: 'beneficiary', blocking: false });

  const age = ageOn(beneficiary.birthDate, today);
  if (age !== null && age < CHILD_UNDER_AGE && representative?.kind !== 'guardian') {
    // A child's allowance goes to the guardian or carer's account (docs/domain.md §5).
    reasons.push({ code: 'child-needs-guardian', person: 'beneficiary', blocking: true });
  }

  reasons.push(...idReasons(beneficiary, 'beneficiary', holder === 'beneficiary', today));
  if (representative) {
    reasons.push(...idReasons(representative, 'representative', true, today));
    reasons.push(...representativeReasons(representative, today));
  }

  if (paymentMethod === 'mobile-money') {
    const holderPhone = representative ? representative.phone : beneficiary.phone;
    reasons.push(...phoneReasons(input.walletPhone ?? holderPhone, holder));
  }

  const blocking = reasons.filter((reason) => reason.blocking);
  const status: ReadinessStatus = blocking.some((reason) => ID_CARD_REASONS.includes(reason.code))
    ? 'needs-new-id-card'
    : blocking.length > 0
      ? 'missing-papers'
      : 'ready';
  return { status, holder, reasons };
}
