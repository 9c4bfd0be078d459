/**
 * Payloads of the `cash-custody` family (docs/protocol.md "Cash ops"): cash received, returned,
 * handed to another payer, the day's close, and a supervisor's acknowledgement of a difference.
 * The rules that need more than one field (a count that adds up, a difference with a reason) are
 * the domain's (domain/cash-ops.ts), decided alike on the device and the server.
 */
import { z } from 'zod';
import { checkCashAmount, denominations, type Count } from '../domain/cash-custody';
import { isIsoDate } from '../domain/calendar';
import type { Vnd } from '../domain/money';
import { blobHashSchema, communeCodeSchema, idSchema, isoMonth, payloadVersion, text } from './common';

/** Cash as typed: whole đồng, above 0, below a billion (domain `checkCashAmount`). */
export const cashAmountSchema = z
  .number()
  .refine((n) => checkCashAmount(n) === null, { message: 'a whole amount of đồng above 0 and below 1,000,000,000' })
  .transform((n) => n as Vnd);

const ledger = {
  payerId: idSchema,
  communeCode: communeCodeSchema,
  /** The paying month the cash is for, `YYYY-MM`. */
  month: isoMonth,
};
const day = z.string().refine(isIsoDate, { message: 'a calendar date YYYY-MM-DD' });

export const cashReceivePayloadSchema = z.object({
  ...ledger,
  date: day,
  amount: cashAmountSchema,
  /** Who handed the cash over (the commune's treasurer, the post office's cashier). */
  fromName: text(200),
  /** Blob hash of the counterpart's signature on the tablet. */
  signature: blobHashSchema.optional(),
  ...payloadVersion,
});

export const cashReturnPayloadSchema = z.object({
  ...ledger,
  date: day,
  amount: cashAmountSchema,
  toName: text(200),
  signature: blobHashSchema.optional(),
  ...payloadVersion,
});

export const cashHandoverPayloadSchema = z.object({
  ...ledger,
  date: day,
  amount: cashAmountSchema,
  toPayerId: idSchema,
  toPayerName: text(200),
  giverSignature: blobHashSchema,
  receiverSignature: blobHashSchema,
  ...payloadVersion,
});

const countSchema = z
  .partialRecord(
    z.enum(denominations.map(String) as [string, ...string[]]),
    z.number().int().nonnegative().max(100_000),
  )
  .transform((c) => Object.fromEntries(Object.entries(c).map(([k, n]) => [Number(k), n])) as Count);

export const cashClosePayloadSchema = z.object({
  ...ledger,
  date: day,
  count: countSchema,
  counted: z
    .number()
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => n as Vnd),
  balance: z
    .number()
    .int()
    .min(Number.MIN_SAFE_INTEGER)
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => n as Vnd),
  reason: text(500).optional(),
  ...payloadVersion,
});

export const cashAcknowledgePayloadSchema = z.object({
  ...ledger,
  closeOpId: idSchema,
  note: text(500).optional(),
  ...payloadVersion,
});
