/**
 * The `id-check` family of the op registry: a card checked against the roster becomes an
 * `id-check` record of its own, keyed by the op that carried it. It is recorded by
 * `id-check.record` (about a beneficiary) or carried inside `payment.record` / `payment.unpaid`
 * (about a line). Pure: the device's optimistic row and the server's entity are both built here,
 * so they hold the same fields; the server adds only its own clock (`receivedAt`).
 */
import type { ComparisonOutcome, FieldStatus } from './citizen-id-compare';
import type { Gender, IdCheckMethod, IdCheckSkipReason } from './vocabulary';

/** Whose card was checked. */
export type CheckedPerson = 'beneficiary' | 'guardian' | 'authorized';

/** The check as an op carries it (docs/protocol.md, `id-check.record`). */
export type IdCheckFact = {
  person: CheckedPerson;
  method: IdCheckMethod;
  fields: { idNumber: FieldStatus; fullName: FieldStatus; birthDate: FieldStatus; gender: FieldStatus };
  overall: ComparisonOutcome;
  reason?: IdCheckSkipReason | undefined;
  note?: string | undefined;
  card?:
    | {
        idNumber: string;
        oldIdNumber: string | null;
        fullName: string;
        birthDate: string;
        gender: Gender;
        issuedOn?: string | undefined;
      }
    | undefined;
  issues?: string[] | undefined;
};

export type IdCheckOp = { type: 'id-check.record'; payload: IdCheckFact };

/** Who recorded the check, from the op's envelope. */
export type IdCheckAuthor = { id: string; actorId: string; recordedAt: string };

/** Where the check belongs: the beneficiary, their commune, and the line when made at a payment. */
export type IdCheckPlace = { beneficiaryId: string; communeCode: string | null; lineId?: string | undefined };

/** The stored and pulled `id-check` data (besides the server's `receivedAt`). */
export type IdCheckRecord = {
  person: CheckedPerson;
  method: IdCheckMethod;
  fields: IdCheckFact['fields'];
  overall: ComparisonOutcome;
  reason: IdCheckSkipReason | null;
  note: string | null;
  card: NonNullable<IdCheckFact['card']> | null;
  issues: string[];
  beneficiaryId: string;
  lineId: string | null;
  communeCode: string | null;
  actorId: string;
  recordedAt: string;
};

/**
 * The record of a check (synced to the commune's devices, so it names who checked, never the
 * device: a device id is for its own user's sign-in and pushes alone); optional fields become explicit nulls so both sides store one shape. */
export function recordIdCheck(check: IdCheckFact, author: IdCheckAuthor, place: IdCheckPlace): IdCheckRecord {
  const { person, method, fields, overall, card, issues, reason, note } = check;
  return {
    person,
    method,
    fields,
    overall,
    reason: reason ?? null,
    note: note ?? null,
    card: card ?? null,
    issues: issues ?? [],
    beneficiaryId: place.beneficiaryId,
    lineId: place.lineId ?? null,
    communeCode: place.communeCode,
    actorId: author.actorId,
    recordedAt: author.recordedAt,
  };
}
