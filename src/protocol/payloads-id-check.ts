/**
 * The payload of `id-check.record`, and the same check carried inside `payment.record` and
 * `payment.unpaid` (docs/protocol.md "Operation envelope"). Read by the domain's
 * `recordIdCheck`, which both sides use to build the `id-check` record.
 */
import { z } from 'zod';
import { comparisonOutcomes, fieldStatuses } from '../domain/citizen-id';
import { isIdNumberFormat, isOldIdNumberFormat } from '../domain/citizen-id-number';
import { genders, idCheckMethods, idCheckSkipReasons } from '../domain/vocabulary';
import { birthDateSchema, isoDate, payloadVersion, text } from './common';

const fieldStatus = z.enum(fieldStatuses);

/**
 * The result of checking a card against the roster, field by field. A check that could not be
 * made is recorded too (`method: 'not-possible'` with its `reason`; fields all `missing`).
 */
const idCheckFields = {
  /** Whose card was checked. */
  person: z.enum(['beneficiary', 'guardian', 'authorized']),
  method: z.enum(idCheckMethods),
  fields: z.object({ idNumber: fieldStatus, fullName: fieldStatus, birthDate: fieldStatus, gender: fieldStatus }),
  overall: z.enum(comparisonOutcomes),
  /** Why no check was possible; required when `method` is 'not-possible'. */
  reason: z.enum(idCheckSkipReasons).optional(),
  note: text(500).optional(),
  /** What the card said (from parseCccdQr or typed); the address is left out on purpose. */
  card: z
    .object({
      idNumber: z.string().refine(isIdNumberFormat, 'a 12-digit ID number'),
      oldIdNumber: z.string().refine(isOldIdNumberFormat, 'a 9- or 12-digit CMND').nullable(),
      fullName: text(200),
      birthDate: birthDateSchema,
      gender: z.enum(genders),
      issuedOn: isoDate.optional(),
    })
    .optional(),
  /** Card issue codes from parseCccdQr (e.g. 'gender-mismatch'). */
  issues: z.array(z.string().max(50)).max(20).optional(),
};

const reasonWhenNotPossible = (check: { method: string; reason?: string | undefined }) =>
  check.method !== 'not-possible' || check.reason !== undefined;
const reasonRule = { message: 'reason is required when method is not-possible', path: ['reason'] };

/**
 * entityId = the beneficiary. Loose: a check is evidence, and a newer app may add what it saw;
 * the record keeps only the fields above.
 */
export const idCheckPayloadSchema = z
  .looseObject({ ...idCheckFields, ...payloadVersion })
  .refine(reasonWhenNotPossible, reasonRule);
export type IdCheckPayload = z.infer<typeof idCheckPayloadSchema>;

/** The same check carried inside a payment or visit op: made at the door, recorded with it. */
export const embeddedIdCheckSchema = z.object(idCheckFields).refine(reasonWhenNotPossible, reasonRule);
export type EmbeddedIdCheck = z.infer<typeof embeddedIdCheckSchema>;
