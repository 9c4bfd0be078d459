/**
 * Payloads of the `beneficiary` family (roster ops). They are strict: a key that is not the op's
 * (a status in an update, a method in an enrolment, a field this version does not know) makes the
 * payload invalid on both sides, so the sender learns instead of seeing it dropped. The fields
 * each op may set are the domain's (`domain/beneficiary-ops.ts`).
 */
import { z } from 'zod';
import { editableBeneficiaryFields, enrolmentFields, statusChangeReasons } from '../domain/beneficiary-ops';
import { isIsoDate, parseBirthDate } from '../domain/calendar';
import { isAnyIdNumberFormat } from '../domain/citizen-id-number';
import { checkPhone } from '../domain/phone';
import { accountStatuses, beneficiaryStatuses, paymentMethods, receiverKinds } from '../domain/vocabulary';
import { blobHashSchema, idSchema, isoDate, isoMonth, nfcString, payloadVersion, text } from './common';
import { beneficiaryDataSchema, idCardRequestSchema, paymentDetailsSchema, representativeSchema } from './entities';

/**
 * What a roster op may write, by the domain's rules (issue 13, finding 7): bounded text, ID
 * numbers of the CCCD or CMND form, phone numbers the domain reads without an error, and birth
 * dates that are real calendar dates (or a year) between 1900 and 2099. The device checks the
 * same schemas before recording, so a typo is caught on the tablet and a forged op on the server.
 */
const idNumberField = z
  .string()
  .refine((s) => isAnyIdNumberFormat(s), 'an ID number has 12 digits (CCCD) or 9 (CMND)')
  .nullable();
const phoneField = z
  .string()
  .max(20)
  .refine((s) => !checkPhone(s).issues.some((i) => i.severity === 'error'), 'not a phone number')
  .nullable();
const birthDateField = z.string().refine((s) => {
  const parsed = parseBirthDate(s);
  return parsed !== null && parsed.year >= 1900 && parsed.year <= 2099;
}, 'a real date, or a year, between 1900 and 2099');
const representativeField = representativeSchema
  .extend({ fullName: text(200), idNumber: idNumberField, relationship: text(100), phone: phoneField })
  .nullable();
/** Real calendar days, a place of bounded length: a typo is caught on the tablet, a forgery on the server. */
const realDate = isoDate.refine(isIsoDate, 'not a calendar date');
const idCardRequestField = idCardRequestSchema
  .extend({ appointmentOn: realDate.nullable(), place: text(200).nullable(), issuedOn: realDate.nullable() })
  .strict()
  .nullable();
const rosterFields = {
  fullName: text(200),
  birthDate: birthDateField,
  idNumber: idNumberField,
  oldIdNumber: idNumberField,
  village: nfcString.pipe(z.string().max(200)),
  address: nfcString.pipe(z.string().max(500)),
  phone: phoneField,
  code: z.string().max(50),
  decisionNo: nfcString.pipe(z.string().max(100)).nullable(),
  representative: representativeField,
  idCardRequest: idCardRequestField,
};
const rosterShape = { ...beneficiaryDataSchema.shape, ...rosterFields };

// Object.fromEntries cannot type its keys: each mask has exactly the listed fields.
const mask = <K extends string>(fields: readonly K[]) =>
  Object.fromEntries(fields.map((field) => [field, true])) as Record<K, true>;

/**
 * Enrolment: the identity and the group; other fields may follow in later updates. Status,
 * method and account progress are not given here (the domain's `enrolmentFields`).
 */
export const beneficiaryCreatePayloadSchema = z
  .object(rosterShape)
  .pick(mask(enrolmentFields))
  .partial()
  .required({ communeCode: true, fullName: true, birthDate: true, gender: true, category: true })
  .extend(payloadVersion)
  .strict();

/**
 * The conflict an op resolves by keeping one side's values (supervisors only, on the conflicts
 * screen): its values are then the supervisor's decision and never raise a new conflict.
 */
const resolves = { conflictId: idSchema.optional() };

/** A field patch of editable fields; only the fields present change. At least one is required. */
export const beneficiaryUpdatePayloadSchema = z
  .object(rosterShape)
  .pick(mask(editableBeneficiaryFields))
  .partial()
  .extend({ ...resolves, ...payloadVersion })
  .strict()
  .refine((patch) => editableBeneficiaryFields.some((field) => patch[field] !== undefined), {
    message: 'empty patch',
  });

export const setPaymentMethodPayloadSchema = z
  .object({
    method: z.enum(paymentMethods),
    /** Bank account, wallet or home-delivery reason; an account may be filled in later. */
    details: paymentDetailsSchema.optional(),
    ...resolves,
    ...payloadVersion,
  })
  .strict();

/** The card or wallet details handed over to the person (stored as `cardHandover`). */
export const cardHandoverPayloadSchema = z
  .object({
    /** Calendar day of the hand-over, `YYYY-MM-DD`, a real date. */
    date: isoDate.refine(isIsoDate, { message: 'not a calendar date' }),
    /** Who handed it over (free text). */
    handedOverBy: text(200),
    /** The beneficiary (`self`), their guardian or an authorised person, by full name. */
    receiver: z.object({ kind: z.enum(receiverKinds), fullName: text(200) }).strict(),
    /** The safety guidance (never share a PIN or OTP) was given: nothing is recorded without it. */
    guidanceGiven: z.literal(true),
  })
  .strict();

/**
 * Account-opening progress. A `handover` goes only with `card-handed-over`, and always with the
 * receiver's `signature` (top level, as in `payment.record`, where the sync looks for the blobs to
 * upload). `card-handed-over` without one stays valid: ops queued by an older app still go through.
 */
export const setAccountStatusPayloadSchema = z
  .object({
    /** Account-opening progress: dossier ready, submitted, opened, card handed over. */
    status: z.enum(accountStatuses),
    note: text(500).optional(),
    /** The hand-over record; only with status `card-handed-over`. */
    handover: cardHandoverPayloadSchema.optional(),
    /** Blob hash of the receiver's signature; exactly when there is a `handover`. */
    signature: blobHashSchema.optional(),
    ...resolves,
    ...payloadVersion,
  })
  .strict()
  .refine((p) => p.handover === undefined || p.status === 'card-handed-over', {
    message: 'a handover goes only with status card-handed-over',
    path: ['handover'],
  })
  .refine((p) => (p.handover === undefined) === (p.signature === undefined), {
    message: 'a handover needs the signature, and a signature belongs to a handover',
    path: ['signature'],
  });

/** A supervisor suspends, terminates, records a death or resumes, from a month (`YYYY-MM`). */
export const setStatusPayloadSchema = z
  .object({
    status: z.enum(beneficiaryStatuses),
    reason: z.enum(statusChangeReasons),
    /** The first month the new status applies to (the allowance stops or resumes with it). */
    effectiveMonth: isoMonth,
    note: text(500).optional(),
    ...resolves,
    ...payloadVersion,
  })
  .strict();
