/**
 * Payloads of the `payment-line` family: `payment.record`, `payment.unpaid`, `payment.void`.
 * The pinned fields are docs/protocol.md "Payloads that other programs rely on"; these payloads
 * stay loose because other programs may add optional fields to them (the op log keeps them).
 */
import { z } from 'zod';
import { cashMethods, receiverKinds, unpaidReasons, voidReasons, voidTargets } from '../domain/vocabulary';
import { blobHashSchema, idSchema, isoDate, moneySchema, payloadVersion, text } from './common';
import { embeddedIdCheckSchema } from './payloads-id-check';
import { isIsoDate } from '../domain/calendar';
import { revisitReasons } from '../domain/payment-ops';

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

/** A receipt's number in the device's chain, the previous receipt's hash and the signature. */
export const receiptStampSchema = z.object({
  /** 1, 2, 3 … per device, never reused. */
  number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** SHA-256 hex of the device's previous receipt's canonical text; null for its first. */
  previous: z
    .string()
    .regex(/^[0-9a-f]{64}$/u)
    .nullable(),
  /** ECDSA P-256 / SHA-256 signature (IEEE P1363, 64 bytes) of the canonical text, base64url. */
  signature: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/u),
});

export const paymentRecordPayloadSchema = z.looseObject({
  /** Whole đồng; must equal the line's amount (else `amount-mismatch`). */
  amount: moneySchema,
  receiver: receiverSchema,
  /** The `id-check.record` op made before paying, if any. */
  idCheckId: idSchema.optional(),
  /** The receiver's card checked at the door, recorded with the payment (not pinned; additive). */
  idCheck: embeddedIdCheckSchema.optional(),
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
  /**
   * The device's signed receipt for this payment (issue 16, additive; docs/protocol.md
   * "Verifiable receipts"). Ops from older apps have none and are not checked.
   */
  receipt: receiptStampSchema.optional(),
  ...payloadVersion,
});
export type PaymentRecordPayload = z.infer<typeof paymentRecordPayloadSchema>;

export const paymentUnpaidPayloadSchema = z
  .looseObject({
    /** Why the visit ended without payment. */
    reason: z.enum(unpaidReasons),
    note: text(500).optional(),
    /** The calendar date of the planned revisit (issue 16), for `absent`, `refused` or `other`. */
    revisitOn: isoDate.optional(),
    /** A card checked before deciding not to pay (e.g. 'wrong-person'). */
    idCheck: embeddedIdCheckSchema.optional(),
    ...payloadVersion,
  })
  .refine((p) => p.revisitOn === undefined || (isIsoDate(p.revisitOn) && revisitReasons.includes(p.reason)), {
    message: 'revisitOn must be a real date, after absent, refused or other',
    path: ['revisitOn'],
  });
export type PaymentUnpaidPayload = z.infer<typeof paymentUnpaidPayloadSchema>;

/** Batch ids, references and provider ids are ids (docs/protocol.md "Transfer ops"). */
export const transferSendPayloadSchema = z.object({
  batchId: idSchema,
  providerId: idSchema,
  /** The line's reference in the batch file, unique across batches. */
  reference: idSchema,
  /** Whole đồng; must equal the line's amount. */
  amount: moneySchema,
  ...payloadVersion,
});

export const transferResultPayloadSchema = z.object({
  batchId: idSchema,
  outcome: z.enum(['paid', 'failed']),
  reason: text(500).optional(),
  providerReference: text(100).optional(),
  ...payloadVersion,
});

export const transferCancelPayloadSchema = z.object({
  batchId: idSchema,
  note: text(500).optional(),
  ...payloadVersion,
});

export const reroutePayloadSchema = z.object({
  /** Paid in cash this month (home delivery or the commune point), or carried by the close. */
  to: z.enum([...cashMethods, 'next-month']),
  reason: text(500).refine((s) => s.trim() !== '', 'a reason is required'),
  ...payloadVersion,
});

export const paymentVoidPayloadSchema = z.looseObject({
  /** 'payment' cancels a recorded payment (the line becomes payable); 'line' withdraws an unpaid line. */
  target: z.enum(voidTargets),
  reason: z.enum(voidReasons),
  note: text(500).optional(),
  /** Op id of the payment to void; default: the line's counted payment. */
  paymentOpId: idSchema.optional(),
  /** The conflict this void resolves (supervisors' conflicts screen); must be about this line. */
  conflictId: idSchema.optional(),
  ...payloadVersion,
});
export type PaymentVoidPayload = z.infer<typeof paymentVoidPayloadSchema>;

/**
 * A line put on a payer's round, or taken off (`payerId` null) (issue 16, docs/protocol.md
 * `payment.assign`). The server checks that the payer is an enabled payer of the line's commune.
 */
export const paymentAssignPayloadSchema = z
  .object({
    payerId: idSchema.nullable(),
    /** The payer's display name as the assigning device knows it; required with a payer. */
    payerName: text(200).optional(),
    ...payloadVersion,
  })
  .refine((p) => p.payerId === null || (p.payerName !== undefined && p.payerName.trim() !== ''), {
    message: 'payerName is required with a payer',
    path: ['payerName'],
  });
