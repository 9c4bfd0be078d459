/**
 * A payment line (one beneficiary, one period) and the pure rule that applies a payment op to
 * it. The server and the app both call `applyPaymentOp`, so they decide the same way (docs/protocol.md).
 *
 * Invariants: at most one counted payment per line (`status === 'paid'` ⇔ `payment !== null`);
 * a paid line changes only through a supervisor's void; a well-formed op is never dropped —
 * when it disagrees with the line it is kept in `conflicts` for a supervisor.
 */
import { isWellFormedPaymentOp, type PaymentOp, type PaymentReceiver, type RerouteTarget } from './payment-ops';
import { applyTransferOp, isTransferOp } from './payment-transfer';
import type { Vnd } from './money';
import { cashMethods } from './vocabulary';
import type {
  AccountStatus,
  BeneficiaryStatus,
  PaymentLineStatus,
  PaymentMethod,
  UnpaidReason,
  VoidReason,
  VoidTarget,
} from './vocabulary';

export type { PaymentOp, PaymentOpType, PaymentReceiver, RerouteTarget } from './payment-ops';
export { isWellFormedPaymentOp } from './payment-ops';

type FactBase = {
  opId: string;
  actorId: string;
  recordedAt: string;
  /** The supervisor or admin who imported the op from a broken tablet's file (the server adds it). */
  importedBy?: string | undefined;
};
export type PaymentFact = FactBase & { amount: Vnd; receiver: PaymentReceiver };
export type VisitFact = FactBase & {
  reason: UnpaidReason;
  note: string | null;
  /** When the payer means to come back; null: no revisit planned. */
  revisitOn: string | null;
};
export type VoidFact = FactBase & {
  target: VoidTarget;
  reason: VoidReason;
  note: string | null;
  /** The payment this void took out of the count, if any; it stays here as history. */
  voidedPayment: PaymentFact | null;
};

/** Who sent the line to a provider, in which batch, and what came of it (issue 12). */
export type TransferFact = FactBase & {
  batchId: string;
  providerId: string;
  reference: string;
  /** The line's status before it was sent: what a cancelled batch gives back. */
  statusBefore: PaymentLineStatus;
  /** Null while waiting for the provider. */
  outcome:
    | null
    | (FactBase & { kind: 'paid' | 'failed'; reason: string | null; providerReference: string | null })
    | (FactBase & { kind: 'cancelled'; reason: string | null; providerReference: null });
};
/** A supervisor's decision about a failed transfer (`payment.reroute`). */
export type RerouteFact = FactBase & {
  to: RerouteTarget;
  reason: string;
  methodBefore: PaymentMethod;
  /** The failed transfer decided about. */
  transferOpId: string;
};

/** Whose round the line is on (issue 16): the latest `payment.assign`. */
export type AssignmentFact = FactBase & { payerId: string; payerName: string };

export const paymentConflictCodes = ['already-paid', 'line-cancelled', 'beneficiary-inactive'] as const;
export type PaymentConflictCode = (typeof paymentConflictCodes)[number];
export const paymentRejectCodes = [
  'amount-mismatch',
  'invalid-payload',
  'nothing-to-void',
  'line-has-payment',
  'not-transferable',
  'not-in-batch',
  'not-failed',
  'line-in-batch',
  'line-settled',
  'not-cash-line',
] as const;
export type PaymentRejectCode = (typeof paymentRejectCodes)[number];

/** A fact that disagreed with the line, kept for a supervisor to resolve. */
export type LineConflict =
  | {
      code: PaymentConflictCode;
      kind: 'payment';
      /** True when this payment is the line's counted one (paid to an inactive beneficiary). */
      counted: boolean;
      fact: PaymentFact;
    }
  | { code: PaymentConflictCode; kind: 'visit'; fact: VisitFact };

export type PaymentLineState = {
  /** Whole đồng due on this line. */
  amount: Vnd;
  status: PaymentLineStatus;
  /** The one payment that counts; non-null exactly when `status` is 'paid'. */
  payment: PaymentFact | null;
  /** The latest visit without payment. */
  lastVisit: VisitFact | null;
  conflicts: LineConflict[];
  voids: VoidFact[];
  /** How the line is paid: its method changes only when a failed transfer is rerouted to cash. */
  method: PaymentMethod;
  /** Every time the line was sent to a provider, the latest last. */
  transfers: TransferFact[];
  /** The latest decision about a failed transfer. */
  reroute: RerouteFact | null;
  /** The payer whose round the line is on; null: on nobody's. */
  assignee: AssignmentFact | null;
};

export type PaymentOpContext = {
  /** Status of the line's beneficiary when the op is applied (server state, not the device's). */
  beneficiaryStatus: BeneficiaryStatus;
};

export type PaymentOpOutcome =
  | { status: 'applied' }
  | { status: 'conflict'; code: PaymentConflictCode }
  | { status: 'rejected'; code: PaymentRejectCode };

export type AppliedPaymentOp = { line: PaymentLineState; outcome: PaymentOpOutcome };

export function newPaymentLine(
  amount: Vnd,
  status: PaymentLineStatus = 'due',
  method: PaymentMethod = 'cash-point',
): PaymentLineState {
  return {
    amount,
    status,
    payment: null,
    lastVisit: null,
    conflicts: [],
    voids: [],
    method,
    transfers: [],
    reroute: null,
    assignee: null,
  };
}

const base = (op: PaymentOp): FactBase => ({ opId: op.id, actorId: op.actorId, recordedAt: op.recordedAt });
const rejected = (line: PaymentLineState, code: PaymentRejectCode): AppliedPaymentOp => ({
  line,
  outcome: { status: 'rejected', code },
});
const applied = (line: PaymentLineState): AppliedPaymentOp => ({ line, outcome: { status: 'applied' } });

const isCashMethod = (method: PaymentMethod) => (cashMethods as readonly string[]).includes(method);

/** Money already left for this line: a counted payment, or a transfer sent and not answered yet. */
const isSettled = (line: Pick<PaymentLineState, 'status'>) => line.status === 'paid' || line.status === 'transferred';

function applyRecord(line: PaymentLineState, op: PaymentOp & { type: 'payment.record' }, context: PaymentOpContext) {
  // A different amount means a wrong line or a changed list: not a fact we can count (docs/protocol.md).
  if (op.payload.amount !== line.amount) return rejected(line, 'amount-mismatch');
  // Equal to the line's amount (checked above), so whole đồng.
  const fact: PaymentFact = { ...base(op), amount: line.amount, receiver: op.payload.receiver };

  // The cash changed hands, so the payment is kept, but the first payment stays the counted one:
  // a line is never paid twice, whatever order the devices' ops arrive in.
  if (isSettled(line)) {
    const conflict: LineConflict = { code: 'already-paid', kind: 'payment', counted: false, fact };
    return { line: { ...line, conflicts: [...line.conflicts, conflict] }, outcome: conflictOutcome('already-paid') };
  }
  // Paid on a withdrawn line (e.g. the beneficiary died): kept, not counted, flagged.
  if (line.status === 'void') {
    const conflict: LineConflict = { code: 'line-cancelled', kind: 'payment', counted: false, fact };
    return { line: { ...line, conflicts: [...line.conflicts, conflict] }, outcome: conflictOutcome('line-cancelled') };
  }
  // due, unpaid (a later visit in the same month) or failed (a transfer that bounced): paid now.
  const paid: PaymentLineState = { ...line, status: 'paid', payment: fact };
  if (context.beneficiaryStatus !== 'active') {
    // Money reached a suspended, terminated or deceased beneficiary's line: it is counted (it was
    // paid) and flagged, so a supervisor can decide on recovery (truy thu).
    const conflict: LineConflict = { code: 'beneficiary-inactive', kind: 'payment', counted: true, fact };
    return {
      line: { ...paid, conflicts: [...paid.conflicts, conflict] },
      outcome: conflictOutcome('beneficiary-inactive'),
    };
  }
  return applied(paid);
}

function applyUnpaid(line: PaymentLineState, op: PaymentOp & { type: 'payment.unpaid' }) {
  const fact: VisitFact = {
    ...base(op),
    reason: op.payload.reason,
    note: op.payload.note ?? null,
    revisitOn: op.payload.revisitOn ?? null,
  };
  // One payer paid while another recorded a visit without payment: contradictory facts about
  // the same person (wrong person paid?). The line stays paid; the visit goes to a supervisor.
  if (isSettled(line)) {
    const conflict: LineConflict = { code: 'already-paid', kind: 'visit', fact };
    return { line: { ...line, conflicts: [...line.conflicts, conflict] }, outcome: conflictOutcome('already-paid') };
  }
  // A visit to a withdrawn line moves no money: recorded, and the line stays void.
  if (line.status === 'void') return applied({ ...line, lastVisit: fact });
  return applied({ ...line, status: 'unpaid', lastVisit: fact });
}

function applyVoid(line: PaymentLineState, op: PaymentOp & { type: 'payment.void' }) {
  const { target, reason, paymentOpId } = op.payload;
  const voidFact = (voidedPayment: PaymentFact | null): VoidFact => ({
    ...base(op),
    target,
    reason,
    note: op.payload.note ?? null,
    voidedPayment,
  });

  if (target === 'line') {
    if (line.status === 'void') return rejected(line, 'nothing-to-void');
    // Sent to a provider and not answered: the batch must be cancelled first.
    if (line.status === 'transferred') return rejected(line, 'line-in-batch');
    // Cancelling a paid line would hide real cash: the payment must be voided on its own first.
    if (line.payment) return rejected(line, 'line-has-payment');
    return applied({ ...line, status: 'void', voids: [...line.voids, voidFact(null)] });
  }

  if (line.payment && (paymentOpId === undefined || paymentOpId === line.payment.opId)) {
    // The line becomes payable again; the voided payment stays in history.
    const voided = line.payment;
    const conflicts = line.conflicts.map((c) =>
      c.kind === 'payment' && c.counted && c.fact.opId === voided.opId ? { ...c, counted: false } : c,
    );
    return applied({ ...line, status: 'due', payment: null, conflicts, voids: [...line.voids, voidFact(voided)] });
  }
  // Resolving an already-paid conflict: the uncounted second payment is voided.
  const index = line.conflicts.findIndex((c) => c.kind === 'payment' && !c.counted && c.fact.opId === paymentOpId);
  const conflict = line.conflicts[index];
  if (conflict?.kind === 'payment') {
    const conflicts = line.conflicts.filter((_, i) => i !== index);
    return applied({ ...line, conflicts, voids: [...line.voids, voidFact(conflict.fact)] });
  }
  return rejected(line, 'nothing-to-void');
}

/** Why a line cannot be put on (or moved to) a payer's round, or null when it can. */
export function assignRefusal(
  line: Pick<PaymentLineState, 'status' | 'method'>,
): 'line-settled' | 'not-cash-line' | null {
  if (isSettled(line) || line.status === 'void') return 'line-settled';
  return isCashMethod(line.method) ? null : 'not-cash-line';
}

/**
 * Puts the line on a payer's round, or on nobody's. Money that already left for the line (paid,
 * or sent to a provider) and a withdrawn line stay where they are: the payer who paid accounts
 * for it (issue 16: "reassigning a line already paid is refused with the reason"). Only lines
 * paid in cash are carried by payers.
 */
function applyAssign(line: PaymentLineState, op: PaymentOp & { type: 'payment.assign' }) {
  const refusal = assignRefusal(line);
  if (refusal) return rejected(line, refusal);
  const { payerId, payerName } = op.payload;
  const assignee = payerId === null ? null : { ...base(op), payerId, payerName: payerName ?? '' };
  return applied({ ...line, assignee });
}

function conflictOutcome(code: PaymentConflictCode): PaymentOpOutcome {
  return { status: 'conflict', code };
}

/**
 * Whether the line's history already holds the op `opId` (its payment, a visit, a conflict or a
 * void): the op was applied to this copy of the line. A device re-applying its unanswered ops on
 * a freshly pulled line must skip such an op, or its own payment would conflict with itself.
 */
export function lineHasOp(line: PaymentLineState, opId: string): boolean {
  return (
    line.payment?.opId === opId ||
    line.lastVisit?.opId === opId ||
    line.conflicts.some((c) => c.fact.opId === opId) ||
    line.voids.some((v) => v.opId === opId) ||
    line.transfers.some((t) => t.opId === opId || t.outcome?.opId === opId) ||
    line.reroute?.opId === opId ||
    line.assignee?.opId === opId
  );
}

/**
 * Applies one payment op to a line. Pure: returns the new line and the outcome; a rejected op
 * returns the line unchanged. Ops with the same id must be deduplicated before (docs/protocol.md: the
 * server answers a replay with the first answer); this rule does not see op history.
 * Authorisation (who may void) is the caller's concern too: the op registry's roles, asked through
 * `can` (src/protocol/permissions.ts).
 */
export function applyPaymentOp(line: PaymentLineState, op: PaymentOp, context: PaymentOpContext): AppliedPaymentOp {
  if (!isWellFormedPaymentOp(op)) return rejected(line, 'invalid-payload');
  if (isTransferOp(op)) return applyTransferOp(line, op);
  switch (op.type) {
    case 'payment.record':
      return applyRecord(line, op, context);
    case 'payment.unpaid':
      return applyUnpaid(line, op);
    case 'payment.void':
      return applyVoid(line, op);
    case 'payment.assign':
      return applyAssign(line, op);
  }
}

/**
 * The method a line is paid by: the registered one, except that an account or wallet not open yet
 * cannot be paid into, so its line goes to the commune point (as does a person with no method).
 */
export function payableMethod(registered: PaymentMethod | null, accountStatus: AccountStatus): PaymentMethod {
  const isAccountOpen = accountStatus === 'opened' || accountStatus === 'card-handed-over';
  if (registered === null) return 'cash-point';
  return (registered === 'bank' || registered === 'mobile-money') && !isAccountOpen ? 'cash-point' : registered;
}
