/**
 * A payment's evidence on the wire (issue 13, "Evidence view"): for one payment line, each
 * payment recorded on it with its signature and photo (blob hashes) and the card checked, read by
 * a supervisor of the line's commune; every look is logged.
 */
import { z } from 'zod';
import { protocolField } from './common';

export const evidencePaymentSchema = z.object({
  opId: z.string(),
  userName: z.string().nullable(),
  recordedAt: z.string().nullable(),
  amount: z.number().int(),
  receiver: z.object({ kind: z.string(), fullName: z.string().optional(), idNumber: z.string().optional() }),
  signature: z.string().nullable(),
  photo: z.string().nullable(),
  /** The card checked at the door, as recorded with the payment. */
  idCheck: z.object({ method: z.string(), overall: z.string(), reason: z.string().nullable().optional() }).nullable(),
  /** Whether the payment counts on the line (false: a second payment kept for review, or voided). */
  isCounted: z.boolean(),
});
export type EvidencePayment = z.infer<typeof evidencePaymentSchema>;

export const evidenceResponseSchema = z.object({
  protocol: protocolField,
  lineId: z.string(),
  payments: z.array(evidencePaymentSchema),
});
export type EvidenceResponse = z.infer<typeof evidenceResponseSchema>;
