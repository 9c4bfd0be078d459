/**
 * Checking who receives the money at the door (seed step 6): the card of the beneficiary, or of
 * their guardian or authorised person, against what the roster registered for that receiver.
 * A check is a QR read, a typed ID number, or a recorded reason why no check was possible; a
 * card that contradicts the roster blocks the payment.
 */
import { compareCardWithPerson, type CardComparison, type CardIdentity, type PersonIdentity } from './citizen-id';
import { normalizeIdNumber } from './citizen-id-number';
import { foldVietnamese } from './vietnamese-text';
import type { Gender, IdCheckSkipReason, ReceiverKind, RepresentativeKind } from './vocabulary';

type RosterPerson = {
  idNumber: string | null;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: Gender;
  representative: { kind: RepresentativeKind; fullName: string; idNumber: string | null } | null;
};

/**
 * Whom the roster expects for this kind of receiver: the person, or the registered
 * representative of that kind; `null` when none of that kind is registered.
 */
export function expectedReceiver(person: RosterPerson, kind: ReceiverKind): PersonIdentity | null {
  if (kind === 'self') return person;
  const rep = person.representative;
  if (rep?.kind !== kind) return null;
  return { idNumber: rep.idNumber, oldIdNumber: null, fullName: rep.fullName, birthDate: null, gender: null };
}

const nobody: PersonIdentity = { idNumber: null, oldIdNumber: null, fullName: null, birthDate: null, gender: null };

/** A scanned card against the expected receiver (all `missing` when nobody is registered). */
export function compareScanned(card: CardIdentity, expected: PersonIdentity | null): CardComparison {
  return compareCardWithPerson(card, expected ?? nobody);
}

/**
 * A typed ID number (12-digit CCCD or 9-digit CMND) and optionally a typed name against the
 * expected receiver. Birth date and gender are not typed, so they are `missing` and the best
 * outcome is `incomplete`.
 */
export function compareTyped(
  typed: { idNumber: string; fullName?: string },
  expected: PersonIdentity | null,
): CardComparison {
  const id = normalizeIdNumber(typed.idNumber);
  const roster = expected ?? nobody;
  const rosterIds = [roster.idNumber, roster.oldIdNumber ?? null]
    .filter((v): v is string => v !== null && v.trim() !== '')
    .map(normalizeIdNumber);
  const idStatus = rosterIds.length === 0 ? 'missing' : rosterIds.includes(id) ? 'match' : 'mismatch';
  const idNumber = {
    status: idStatus,
    card: id,
    person: roster.idNumber ?? roster.oldIdNumber ?? null,
    via: idStatus !== 'match' ? null : id === normalizeIdNumber(roster.idNumber ?? '') ? 'id-number' : 'old-id-number',
  } as const;
  const name = typed.fullName?.trim() ?? '';
  const nameStatus =
    name === '' || roster.fullName === null
      ? 'missing'
      : foldVietnamese(name) === foldVietnamese(roster.fullName)
        ? 'match'
        : 'mismatch';
  const fullName = {
    status: nameStatus,
    card: name === '' ? null : name,
    person: roster.fullName,
    exact: nameStatus === 'match' && name.normalize('NFC') === roster.fullName?.normalize('NFC'),
  } as const;
  const birthDate = { status: 'missing', card: null, person: roster.birthDate, yearOnly: false } as const;
  const gender = { status: 'missing', card: null, person: roster.gender } as const;
  const statuses = [idNumber.status, fullName.status, birthDate.status, gender.status] as const;
  const overall = statuses.some((s) => s === 'mismatch')
    ? 'mismatch'
    : statuses.some((s) => s === 'missing')
      ? 'incomplete'
      : 'match';
  return { idNumber, fullName, birthDate, gender, overall };
}

/** What the payer did about the receiver's card. */
export type ReceiverCheck =
  | {
      method: 'qr';
      card: CardIdentity & { issuedOn?: string; issues?: readonly { code: string }[] };
      comparison: CardComparison;
    }
  | { method: 'manual'; comparison: CardComparison }
  | { method: 'not-possible'; reason: IdCheckSkipReason; note?: string };

/** Why the payment cannot be confirmed yet, or `null` when it can. */
export function paymentBlockedBy(check: ReceiverCheck | null): 'no-check' | 'card-mismatch' | null {
  if (check === null) return 'no-check';
  if (check.method !== 'not-possible' && check.comparison.overall === 'mismatch') return 'card-mismatch';
  return null;
}

/** The check as a payment op carries it (docs/protocol.md-additive `idCheck`; the address left out). */
export function idCheckPayload(check: ReceiverCheck, receiver: ReceiverKind) {
  const person = receiver === 'self' ? ('beneficiary' as const) : receiver;
  if (check.method === 'not-possible') {
    return {
      person,
      method: check.method,
      reason: check.reason,
      ...(check.note?.trim() ? { note: check.note.trim() } : {}),
      fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' },
      overall: 'incomplete',
    } as const;
  }
  const c = check.comparison;
  const fields = {
    idNumber: c.idNumber.status,
    fullName: c.fullName.status,
    birthDate: c.birthDate.status,
    gender: c.gender.status,
  };
  if (check.method === 'manual') return { person, method: check.method, fields, overall: c.overall };
  const { card } = check;
  return {
    person,
    method: check.method,
    fields,
    overall: c.overall,
    card: {
      idNumber: card.idNumber,
      oldIdNumber: card.oldIdNumber,
      fullName: card.fullName,
      birthDate: card.birthDate,
      gender: card.gender,
      ...(card.issuedOn ? { issuedOn: card.issuedOn } : {}),
    },
    issues: (card.issues ?? []).map((i) => i.code),
  };
}
