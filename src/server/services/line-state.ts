/**
 * A stored `payment-line` entity ⇄ the domain's `PaymentLineState`. The pulled data keeps the
 * pinned fields (beneficiaryId, periodId, amount, method, status, …) and adds the line's
 * history: the counted `payment`, `lastVisit`, `conflicts`, `voids`, and `missingBlobs`.
 */
import { z } from 'zod';
import type { PaymentLineState } from '../../domain/payment-line';
import { paymentConflictCodes } from '../../domain/payment-line';
import { receiverKinds, unpaidReasons, voidReasons, voidTargets } from '../../domain/vocabulary';
import { missingBlobSchema, type MissingBlob } from '../../protocol/blobs';
import { paymentLineDataSchema } from '../../protocol/entities';

const factBase = { opId: z.string(), actorId: z.string(), recordedAt: z.string() };
const paymentFactSchema = z.object({
  ...factBase,
  amount: z.number(),
  receiver: z.object({
    kind: z.enum(receiverKinds),
    fullName: z.string().optional(),
    idNumber: z.string().optional(),
  }),
});
const visitFactSchema = z.object({ ...factBase, reason: z.enum(unpaidReasons), note: z.string().nullable() });
const voidFactSchema = z.object({
  ...factBase,
  target: z.enum(voidTargets),
  reason: z.enum(voidReasons),
  note: z.string().nullable(),
  voidedPayment: paymentFactSchema.nullable(),
});
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
const storedLineSchema = paymentLineDataSchema.extend({
  payment: paymentFactSchema.nullable().default(null),
  lastVisit: visitFactSchema.nullable().default(null),
  conflicts: z.array(lineConflictSchema).default([]),
  voids: z.array(voidFactSchema).default([]),
  missingBlobs: z.array(missingBlobSchema).default([]),
});

export type StoredLine = {
  /** The stored data as it was, including fields this server version does not know. */
  raw: Record<string, unknown>;
  beneficiaryId: string;
  periodId: string;
  state: PaymentLineState;
  missingBlobs: MissingBlob[];
};

/** Undefined when the stored data is not a payment line (a broken import): the op cannot be applied to it. */
export function readLine(data: unknown): StoredLine | undefined {
  const parsed = storedLineSchema.safeParse(data);
  if (!parsed.success || typeof data !== 'object' || data === null) return undefined;
  const d = parsed.data;
  return {
    raw: { ...data },
    beneficiaryId: d.beneficiaryId,
    periodId: d.periodId,
    state: {
      amount: d.amount,
      status: d.status,
      payment: d.payment,
      lastVisit: d.lastVisit,
      conflicts: d.conflicts,
      voids: d.voids,
    },
    missingBlobs: d.missingBlobs,
  };
}

export function lineData(
  line: StoredLine,
  state: PaymentLineState,
  missingBlobs: MissingBlob[],
): Record<string, unknown> {
  return {
    ...line.raw,
    amount: state.amount,
    status: state.status,
    payment: state.payment,
    lastVisit: state.lastVisit,
    conflicts: state.conflicts,
    voids: state.voids,
    missingBlobs,
  };
}
