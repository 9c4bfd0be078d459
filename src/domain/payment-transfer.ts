/**
 * A payment line paid through a provider (issue 12, docs/protocol.md "Transfer ops"): sent in a
 * batch (`transferred`: sent, waiting), then answered by the provider's result (`paid` or
 * `failed`), or given back when the batch is cancelled before its results. A failed line is
 * rerouted by a supervisor: paid in cash this month, or left for the close to carry.
 *
 * These ops are made by the server's batch services, never pushed by a device (the op registry
 * gives them no role); the rules are here so the server and a device's copy read a line alike.
 */
import type { AppliedPaymentOp, PaymentLineState, PaymentRejectCode, TransferFact } from './payment-line';
import type { PaymentOp } from './payment-ops';

export type TransferOp = Extract<
  PaymentOp,
  { type: 'payment.transfer-send' | 'payment.transfer-result' | 'payment.transfer-cancel' | 'payment.reroute' }
>;

const transferTypes: ReadonlySet<string> = new Set([
  'payment.transfer-send',
  'payment.transfer-result',
  'payment.transfer-cancel',
  'payment.reroute',
]);

export const isTransferOp = (op: PaymentOp): op is TransferOp => transferTypes.has(op.type);

const base = (op: TransferOp) => ({ opId: op.id, actorId: op.actorId, recordedAt: op.recordedAt });
const applied = (line: PaymentLineState): AppliedPaymentOp => ({ line, outcome: { status: 'applied' } });
const rejected = (line: PaymentLineState, code: PaymentRejectCode): AppliedPaymentOp => ({
  line,
  outcome: { status: 'rejected', code },
});

const isProviderMethod = (line: PaymentLineState) => line.method === 'bank' || line.method === 'mobile-money';

/** The transfer still waiting for an answer in `batchId`, if the line is sent in that batch. */
function waitingIn(line: PaymentLineState, batchId: string): TransferFact | undefined {
  const last = line.transfers.at(-1);
  return line.status === 'transferred' && last?.batchId === batchId && last.outcome === null ? last : undefined;
}

/** The line with its latest transfer replaced. */
function withLast(line: PaymentLineState, transfer: TransferFact): PaymentLineState {
  return { ...line, transfers: [...line.transfers.slice(0, -1), transfer] };
}

export function applyTransferOp(line: PaymentLineState, op: TransferOp): AppliedPaymentOp {
  switch (op.type) {
    case 'payment.transfer-send': {
      // Only a line owed and paid through a provider, never one already paid, waiting or withdrawn.
      if (!isProviderMethod(line) || (line.status !== 'due' && line.status !== 'failed'))
        return rejected(line, 'not-transferable');
      if (op.payload.amount !== line.amount) return rejected(line, 'amount-mismatch');
      const { batchId, providerId, reference } = op.payload;
      const fact: TransferFact = {
        ...base(op),
        batchId,
        providerId,
        reference,
        statusBefore: line.status,
        outcome: null,
      };
      return applied({ ...line, status: 'transferred', transfers: [...line.transfers, fact] });
    }
    case 'payment.transfer-result': {
      const sent = waitingIn(line, op.payload.batchId);
      if (!sent) return rejected(line, 'not-in-batch');
      const { outcome: kind, reason, providerReference } = op.payload;
      const outcome = { ...base(op), kind, reason: reason ?? null, providerReference: providerReference ?? null };
      const answered = withLast(line, { ...sent, outcome });
      // Cash paid while the transfer was out: the transfer failed, so that cash is the payment.
      if (kind === 'failed') return applied(paidInCash(answered) ?? { ...answered, status: 'failed' });
      // The money reached the account holder: the line's one counted payment, made by the provider.
      const payment = { ...base(op), amount: line.amount, receiver: { kind: 'self' as const } };
      return applied({ ...answered, status: 'paid', payment });
    }
    case 'payment.transfer-cancel': {
      const sent = waitingIn(line, op.payload.batchId);
      if (!sent) return rejected(line, 'not-in-batch');
      const outcome = {
        ...base(op),
        kind: 'cancelled' as const,
        reason: op.payload.note ?? null,
        providerReference: null,
      };
      const cancelled = withLast(line, { ...sent, outcome });
      return applied(paidInCash(cancelled) ?? { ...cancelled, status: sent.statusBefore });
    }
    case 'payment.reroute': {
      const failed = lastAnswered(line);
      if (line.status !== 'failed' || failed?.outcome?.kind !== 'failed') return rejected(line, 'not-failed');
      const { to, reason } = op.payload;
      const reroute = { ...base(op), to, reason, methodBefore: line.method, transferOpId: failed.opId };
      // Next month: the line stays failed, and the month's close carries its money.
      if (to === 'next-month') return applied({ ...line, reroute });
      return applied({ ...line, reroute, method: to, status: 'due' });
    }
  }
}

/**
 * The line paid by the first cash payment recorded while it was sent (kept then as an uncounted
 * `already-paid` conflict), when the transfer turns out not to have paid: that cash reached the
 * person, so it becomes the line's counted payment — never a second payment later. The conflict
 * stays for a supervisor to see. Undefined when no cash was recorded.
 */
function paidInCash(line: PaymentLineState): PaymentLineState | undefined {
  const index = line.conflicts.findIndex((c) => c.kind === 'payment' && !c.counted && c.code === 'already-paid');
  const conflict = line.conflicts[index];
  if (conflict?.kind !== 'payment') return undefined;
  const conflicts = line.conflicts.map((c, i) => (i === index ? { ...conflict, counted: true } : c));
  return { ...line, status: 'paid', payment: conflict.fact, conflicts };
}

/**
 * The latest transfer the provider answered (a batch cancelled before its results is no answer: a
 * failed line re-sent in a batch that is then cancelled is still that failure).
 */
const lastAnswered = (line: PaymentLineState): TransferFact | undefined =>
  line.transfers.findLast((t) => t.outcome?.kind !== 'cancelled');

/** The latest transfer of a line, when it failed and no supervisor has decided about it yet. */
export function undecidedFailure(line: PaymentLineState): TransferFact | undefined {
  const last = lastAnswered(line);
  if (line.status !== 'failed' || last?.outcome?.kind !== 'failed') return undefined;
  return line.reroute?.transferOpId === last.opId ? undefined : last;
}
