/**
 * A stored `payment-line` entity ⇄ the domain's `PaymentLineState`. The pulled data keeps the
 * pinned fields (beneficiaryId, periodId, amount, method, status, …) and adds the line's
 * history: the counted `payment`, `lastVisit`, `conflicts`, `voids`, and `missingBlobs`.
 */
import { z } from 'zod';
import type { PaymentLineState } from '../../domain/payment-line';
import { missingBlobSchema, type MissingBlob } from '../../protocol/blobs';
import { lineStateFrom, paymentLineWithHistorySchema } from '../../protocol/payment-line-history';

const storedLineSchema = paymentLineWithHistorySchema.extend({
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
    state: lineStateFrom(d),
    missingBlobs: d.missingBlobs,
  };
}

export function lineData(
  line: StoredLine,
  state: PaymentLineState,
  missingBlobs: MissingBlob[],
): Record<string, unknown> {
  return { ...line.raw, ...lineStateFrom(state), missingBlobs };
}
