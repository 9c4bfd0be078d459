/**
 * Operations (SYNC.md "Operation envelope"): the envelope, one payload schema per op type, and
 * the discriminated union the server validates each op with, one op at a time.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result';
import { comparisonOutcomes, fieldStatuses } from '../domain/citizen-id';
import {
  genders,
  idCheckMethods,
  idCheckSkipReasons,
  paymentMethods,
  receiverKinds,
  unpaidReasons,
  voidReasons,
  voidTargets,
  type Role,
} from '../domain/vocabulary';
import { birthDateSchema, isoDate, nfcString, moneySchema } from './common';
import { accountStatuses, beneficiaryDataSchema, paymentDetailsSchema } from './entities';

export const opTypes = [
  'beneficiary.create',
  'beneficiary.update',
  'beneficiary.set-payment-method',
  'beneficiary.set-account-status',
  'id-check.record',
  'payment.record',
  'payment.unpaid',
  'payment.void',
] as const;
export type OpType = (typeof opTypes)[number];

/**
 * The payload version (`v`) this app writes for each op type. Raise one when its payload's shape
 * changes, and keep that type's schema accepting the older versions: ops queued by an older app
 * still go through after an update.
 */
export const payloadVersions = {
  'beneficiary.create': 1,
  'beneficiary.update': 1,
  'beneficiary.set-payment-method': 1,
  'beneficiary.set-account-status': 1,
  'id-check.record': 1,
  'payment.record': 1,
  'payment.unpaid': 1,
  'payment.void': 1,
} as const satisfies Record<OpType, number>;

/** Who may send each op type (SYNC.md table); the server rejects others with `forbidden`. */
export const opTypeRoles = {
  'beneficiary.create': ['officer', 'supervisor'],
  'beneficiary.update': ['officer', 'supervisor'],
  'beneficiary.set-payment-method': ['officer', 'supervisor'],
  'beneficiary.set-account-status': ['officer', 'supervisor'],
  'id-check.record': ['officer', 'payer', 'supervisor'],
  'payment.record': ['officer', 'payer', 'supervisor'],
  'payment.unpaid': ['officer', 'payer', 'supervisor'],
  'payment.void': ['supervisor'],
} as const satisfies Record<OpType, readonly Role[]>;

const text = (max: number) => nfcString.pipe(z.string().trim().min(1).max(max));
/** Op, device, actor and entity ids: UUIDs or ULIDs made on the device, or server ids. */
const idSchema = z.string().min(1).max(100);
/** Content address of a blob (signature, photo): lower-case SHA-256 hex. */
const blobHashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

/**
 * Payload version. Absent means 1. A payload whose shape changes gets a new `v`, and the schema
 * keeps accepting the older shapes, so ops queued on a device before an update still pass.
 */
const payloadVersion = { v: z.number().int().positive().optional() };

// ---- payment ops (pinned fields: SYNC.md "Payloads that other programs rely on") ----

export const receiverSchema = z
  .object({
    /** The beneficiary, their guardian, or an authorised person. */
    kind: z.enum(receiverKinds),
    /** Required unless `kind` is 'self'. */
    fullName: text(200).optional(),
    /** Required unless `kind` is 'self'. */
    idNumber: z.string().trim().min(1).max(20).optional(),
  })
  .refine((r) => r.kind === 'self' || (r.fullName !== undefined && r.idNumber !== undefined), {
    message: 'fullName and idNumber are required unless kind is self',
    path: ['idNumber'],
  });

export const paymentRecordPayloadSchema = z.looseObject({
  /** Whole đồng; must equal the line's amount (else `amount-mismatch`). */
  amount: moneySchema,
  receiver: receiverSchema,
  /** The `id-check.record` op made before paying, if any. */
  idCheckId: idSchema.optional(),
  /** The receiver's card checked at the door, recorded with the payment (not pinned; additive). */
  idCheck: z.lazy(() => embeddedIdCheckSchema).optional(),
  /** Blob hash of the signature or thumbprint image. */
  signature: blobHashSchema.optional(),
  /** Blob hash of a photo (e.g. of the receiver with the money). */
  photo: blobHashSchema.optional(),
  /** Where the payment happened, when the device allowed it. */
  position: z
    .object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      /** Metres. */
      accuracy: z.number().nonnegative(),
    })
    .optional(),
  ...payloadVersion,
});

export const paymentUnpaidPayloadSchema = z.looseObject({
  /** Why the visit ended without payment. */
  reason: z.enum(unpaidReasons),
  note: text(500).optional(),
  /** A card checked before deciding not to pay (e.g. 'wrong-person'). */
  idCheck: z.lazy(() => embeddedIdCheckSchema).optional(),
  ...payloadVersion,
});

export const paymentVoidPayloadSchema = z.looseObject({
  /** 'payment' cancels a recorded payment (the line becomes payable); 'line' withdraws an unpaid line. */
  target: z.enum(voidTargets),
  reason: z.enum(voidReasons),
  note: text(500).optional(),
  /** Op id of the payment to void; default: the line's counted payment. */
  paymentOpId: idSchema.optional(),
  ...payloadVersion,
});

// ---- roster ops ----

/** Enrolment: the identity and the decision; other fields may follow in later updates. */
export const beneficiaryCreatePayloadSchema = beneficiaryDataSchema
  .partial()
  .required({ communeCode: true, fullName: true, birthDate: true, gender: true, category: true })
  .extend(payloadVersion);

export const documentSchema = z.object({
  /** e.g. 'birth-certificate', 'disability-certificate', 'authorisation', 'guardianship-extract'. */
  kind: text(100),
  /** Number or description of the paper as the officer records it. */
  ref: text(200),
  validUntil: isoDate.optional(),
});

/** A field patch; only the fields present change. At least one field is required. */
export const beneficiaryUpdatePayloadSchema = beneficiaryDataSchema
  .pick({
    fullName: true,
    birthDate: true,
    gender: true,
    idNumber: true,
    oldIdNumber: true,
    village: true,
    address: true,
    phone: true,
    representative: true,
  })
  .partial()
  .extend({ documents: z.array(documentSchema).max(50).optional(), ...payloadVersion })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'v'), { message: 'empty patch' });

export const setPaymentMethodPayloadSchema = z.looseObject({
  method: z.enum(paymentMethods),
  /** Bank account, wallet or home-delivery reason; an account may be filled in later. */
  details: paymentDetailsSchema.optional(),
  ...payloadVersion,
});

export const setAccountStatusPayloadSchema = z.looseObject({
  /** Account-opening progress: dossier ready, submitted, opened, card handed over. */
  status: z.enum(accountStatuses),
  note: text(500).optional(),
  ...payloadVersion,
});

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
      idNumber: z.string().regex(/^\d{12}$/u),
      oldIdNumber: z
        .string()
        .regex(/^(?:\d{9}|\d{12})$/u)
        .nullable(),
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

/** entityId = the beneficiary. */
export const idCheckPayloadSchema = z
  .looseObject({ ...idCheckFields, ...payloadVersion })
  .refine(reasonWhenNotPossible, { message: 'reason is required when method is not-possible', path: ['reason'] });

/** The same check carried inside a payment or visit op: made at the door, recorded with it. */
export const embeddedIdCheckSchema = z
  .object(idCheckFields)
  .refine(reasonWhenNotPossible, { message: 'reason is required when method is not-possible', path: ['reason'] });
export type EmbeddedIdCheck = z.infer<typeof embeddedIdCheckSchema>;

// ---- envelope ----

const envelopeFields = {
  /** UUID or ULID made on the device: the idempotency key. */
  id: idSchema,
  /** The device that made the op; must be the token's device. */
  deviceId: idSchema,
  /** Per device 1, 2, 3 … strictly increasing, never reused. */
  seq: z.number().int().positive(),
  /** The beneficiary, payment line, … the op is about. */
  entityId: idSchema,
  /** Server version of the entity the user saw (roster edits). */
  baseVersion: z.number().int().nonnegative().optional(),
  /** The user who made it; must be the token's user. */
  actorId: idSchema,
  /** Device clock, ISO 8601 with offset; shown, never trusted for order. */
  recordedAt: z.iso.datetime({ offset: true }),
};

const op = <T extends OpType, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ ...envelopeFields, type: z.literal(type), payload });

export const paymentRecordOpSchema = op('payment.record', paymentRecordPayloadSchema);
export const paymentUnpaidOpSchema = op('payment.unpaid', paymentUnpaidPayloadSchema);
export const paymentVoidOpSchema = op('payment.void', paymentVoidPayloadSchema);

/** Every op of protocol 1, discriminated on `type`. */
export const opSchema = z.discriminatedUnion('type', [
  op('beneficiary.create', beneficiaryCreatePayloadSchema),
  op('beneficiary.update', beneficiaryUpdatePayloadSchema),
  op('beneficiary.set-payment-method', setPaymentMethodPayloadSchema),
  op('beneficiary.set-account-status', setAccountStatusPayloadSchema),
  op('id-check.record', idCheckPayloadSchema),
  paymentRecordOpSchema,
  paymentUnpaidOpSchema,
  paymentVoidOpSchema,
]);
export type Op = z.infer<typeof opSchema>;
export type PaymentRecordOp = z.infer<typeof paymentRecordOpSchema>;
export type PaymentUnpaidOp = z.infer<typeof paymentUnpaidOpSchema>;
export type PaymentVoidOp = z.infer<typeof paymentVoidOpSchema>;
export type PaymentRecordPayload = z.infer<typeof paymentRecordPayloadSchema>;
export type PaymentUnpaidPayload = z.infer<typeof paymentUnpaidPayloadSchema>;
export type PaymentVoidPayload = z.infer<typeof paymentVoidPayloadSchema>;
export type IdCheckPayload = z.infer<typeof idCheckPayloadSchema>;
export type BeneficiaryCreatePayload = z.infer<typeof beneficiaryCreatePayloadSchema>;
export type BeneficiaryUpdatePayload = z.infer<typeof beneficiaryUpdatePayloadSchema>;

/**
 * What a push body's `ops` array holds before each op is validated: anything with an `id`.
 * Only the id is required, so one malformed op (even one without a `type`) gets its own
 * `rejected` result instead of failing the whole batch (SYNC.md "Push").
 */
export const looseOpEnvelopeSchema = z.looseObject({ id: idSchema, type: z.unknown().optional() });
export type LooseOpEnvelope = z.infer<typeof looseOpEnvelopeSchema>;

export type OpParseError = { code: 'invalid-payload'; issues: string[] };

/** Validates one op; `issues` are short paths and messages for the op log, not for users. */
export function parseOp(raw: unknown): Result<Op, OpParseError> {
  const parsed = opSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(op)'}: ${issue.message}`);
  return err({ code: 'invalid-payload', issues });
}
