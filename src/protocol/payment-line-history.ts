/**
 * A pulled or stored `payment-line` read as the domain's `PaymentLineState`. Beyond docs/protocol.md's
 * pinned fields the server keeps the line's history in the same data: the counted `payment`,
 * `lastVisit`, `conflicts`, `voids`, and for a line paid through a provider its `transfers` and
 * the `reroute` of a failed one. The server and the device both read a line through
 * `paymentLineStateOf`, so `applyPaymentOp` sees the same line on both sides.
 */
import { z } from 'zod';
import { paymentConflictCodes, type PaymentLineState } from '../domain/payment-line';
import {
  cashMethods,
  paymentLineStatuses,
  paymentMethods,
  receiverKinds,
  unpaidReasons,
  voidReasons,
  voidTargets,
} from '../domain/vocabulary';
import { moneySchema } from './common';
import { paymentLineDataSchema } from './entities';

const factBase = {
  opId: z.string(),
  actorId: z.string(),
  recordedAt: z.string(),
  /** Set by the server on a fact whose op was imported from a device's file (issue 13). */
  importedBy: z.string().optional(),
};
const paymentFactSchema = z.object({
  ...factBase,
  amount: moneySchema,
  receiver: z.object({
    kind: z.enum(receiverKinds),
    fullName: z.string().optional(),
    idNumber: z.string().optional(),
  }),
});
const visitFactSchema = z.object({
  ...factBase,
  reason: z.enum(unpaidReasons),
  note: z.string().nullable(),
  /** Visits recorded before revisits existed have none. */
  revisitOn: z.string().nullable().default(null),
});
const voidFactSchema = z.object({
  ...factBase,
  target: z.enum(voidTargets),
  reason: z.enum(voidReasons),
  note: z.string().nullable(),
  voidedPayment: paymentFactSchema.nullable(),
});
const transferOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    ...factBase,
    kind: z.enum(['paid', 'failed']),
    reason: z.string().nullable(),
    providerReference: z.string().nullable(),
  }),
  z.object({ ...factBase, kind: z.literal('cancelled'), reason: z.string().nullable(), providerReference: z.null() }),
]);
const transferFactSchema = z.object({
  ...factBase,
  batchId: z.string(),
  providerId: z.string(),
  reference: z.string(),
  statusBefore: z.enum(paymentLineStatuses),
  outcome: transferOutcomeSchema.nullable(),
});
const rerouteFactSchema = z.object({
  ...factBase,
  to: z.enum([...cashMethods, 'next-month']),
  reason: z.string(),
  methodBefore: z.enum(paymentMethods),
  transferOpId: z.string(),
});
const assignmentFactSchema = z.object({ ...factBase, payerId: z.string(), payerName: z.string() });
const lineConflictSchema = z.discriminatedUnion('kind', [
  z.object({
    code: z.enum(paymentConflictCodes),
    kind: z.literal('payment'),
    counted: z.boolean(),
    fact: paymentFactSchema,
  }),
  z.object({ code: z.enum(paymentConflictCodes), kind: z.literal('visit'), fact: visitFactSchema }),
]);

/** Lines written by the seed or an import have no history yet: it defaults to empty. */
export const paymentLineWithHistorySchema = paymentLineDataSchema.extend({
  payment: paymentFactSchema.nullable().default(null),
  lastVisit: visitFactSchema.nullable().default(null),
  conflicts: z.array(lineConflictSchema).default([]),
  voids: z.array(voidFactSchema).default([]),
  transfers: z.array(transferFactSchema).default([]),
  reroute: rerouteFactSchema.nullable().default(null),
  assignee: assignmentFactSchema.nullable().default(null),
});
export type PaymentLineWithHistory = z.infer<typeof paymentLineWithHistorySchema>;

/** The line's state for `applyPaymentOp`; undefined when `data` is not a payment line. */
export function paymentLineStateOf(data: unknown): PaymentLineState | undefined {
  const parsed = paymentLineWithHistorySchema.safeParse(data);
  return parsed.success ? lineStateFrom(parsed.data) : undefined;
}

/** Only the state's fields of a line (its data carries more: beneficiary, period, method, …). */
export function lineStateFrom(line: PaymentLineState): PaymentLineState {
  const { amount, status, payment, lastVisit, conflicts, voids, method, transfers, reroute, assignee } = line;
  return { amount, status, payment, lastVisit, conflicts, voids, method, transfers, reroute, assignee };
}
