/**
 * The payment operations as the domain sees them (docs/protocol.md `payment.record`, `payment.unpaid`,
 * `payment.void`), and the checks a payload must pass before it can be a fact. The wire schemas
 * in src/protocol/payloads-payment.ts infer types assignable to these (the op registry checks it).
 */
import { isIsoDate } from './calendar';
import {
  cashMethods,
  receiverKinds,
  unpaidReasons,
  voidReasons,
  voidTargets,
  type CashMethod,
  type ReceiverKind,
  type UnpaidReason,
  type VoidReason,
  type VoidTarget,
} from './vocabulary';

export type PaymentReceiver = {
  kind: ReceiverKind;
  /** Required unless `kind` is 'self'. */
  fullName?: string | undefined;
  /** Required unless `kind` is 'self'. */
  idNumber?: string | undefined;
};

export type PaymentRecordPayload = {
  /** Whole đồng; must equal the line's amount. */
  amount: number;
  receiver: PaymentReceiver;
  idCheckId?: string | undefined;
  signature?: string | undefined;
  photo?: string | undefined;
  position?: { lat: number; lon: number; accuracy: number } | undefined;
};

export type PaymentUnpaidPayload = {
  reason: UnpaidReason;
  note?: string | undefined;
  /** The calendar date the payer means to come back (issue 16, "Revisits"); only for a reason that allows one. */
  revisitOn?: string | undefined;
};

/** Reasons after which a payer comes back: the person may be home and willing another day. */
export const revisitReasons: readonly UnpaidReason[] = ['absent', 'refused', 'other'];

export type PaymentVoidPayload = {
  target: VoidTarget;
  reason: VoidReason;
  note?: string | undefined;
  /** The payment to void (its op id); default: the line's counted payment. */
  paymentOpId?: string | undefined;
};

/**
 * A line sent to a payment provider in a batch (issue 12): made by the server when an approved
 * batch's file is first downloaded, never by a device. `amount` must equal the line's.
 */
export type TransferSendPayload = { batchId: string; providerId: string; reference: string; amount: number };

/** The provider's answer for a line of a batch, read from its result file. */
export type TransferResultPayload = {
  batchId: string;
  outcome: 'paid' | 'failed';
  /** The provider's reason for a failure, as its file says. */
  reason?: string | undefined;
  /** The provider's own reference for the transfer. */
  providerReference?: string | undefined;
};

/** A batch cancelled before its results: its lines are payable again as they were before it. */
export type TransferCancelPayload = { batchId: string; note?: string | undefined };

/**
 * A supervisor's decision about a failed transfer: paid in cash this month (home delivery or at
 * the commune point), or left for the month's close to carry into next month.
 */
export type RerouteTarget = CashMethod | 'next-month';
export type ReroutePayload = { to: RerouteTarget; reason: string };

/**
 * The payer who takes a line on their round (issue 16, "Assignments"), by the officer or a
 * supervisor; `payerId` null takes the line off every payer's list. The name is kept with the
 * fact so every device shows it without a list of staff.
 */
export type PaymentAssignPayload = { payerId: string | null; payerName?: string | undefined };

type OpBase = {
  /** Op id chosen on the device: the idempotency key. */
  id: string;
  actorId: string;
  /** Device clock, ISO 8601; shown, never used for ordering. */
  recordedAt: string;
};

export type PaymentOp =
  | (OpBase & { type: 'payment.record'; payload: PaymentRecordPayload })
  | (OpBase & { type: 'payment.unpaid'; payload: PaymentUnpaidPayload })
  | (OpBase & { type: 'payment.void'; payload: PaymentVoidPayload })
  | (OpBase & { type: 'payment.transfer-send'; payload: TransferSendPayload })
  | (OpBase & { type: 'payment.transfer-result'; payload: TransferResultPayload })
  | (OpBase & { type: 'payment.transfer-cancel'; payload: TransferCancelPayload })
  | (OpBase & { type: 'payment.reroute'; payload: ReroutePayload })
  | (OpBase & { type: 'payment.assign'; payload: PaymentAssignPayload });

export type PaymentOpType = PaymentOp['type'];

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isNonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * The domain's own check of a payload, so the app's optimistic apply and the server decide the
 * same way even if a payload reached here without the zod schema (e.g. an old queued op).
 */
export function isWellFormedPaymentOp(op: PaymentOp): boolean {
  // Typed as a PaymentOp, but it may come from anywhere: nothing here may assume a shape.
  if (!isObject(op.payload)) return false;
  switch (op.type) {
    case 'payment.record': {
      const { amount, receiver } = op.payload;
      if (!Number.isSafeInteger(amount) || amount < 0) return false;
      if (!isObject(receiver) || !isOneOf(receiverKinds, receiver.kind)) return false;
      // Someone other than the beneficiary took the money: who, with which ID, is the fact.
      if (receiver.kind !== 'self' && !(isNonEmpty(receiver.fullName) && isNonEmpty(receiver.idNumber))) return false;
      return true;
    }
    case 'payment.unpaid': {
      const { reason, note, revisitOn } = op.payload;
      if (!isOneOf(unpaidReasons, reason) || !isOptionalString(note)) return false;
      // A revisit is a real calendar date, and only after a reason that leaves one to make.
      return (
        revisitOn === undefined ||
        (typeof revisitOn === 'string' && isIsoDate(revisitOn) && revisitReasons.includes(reason))
      );
    }
    case 'payment.void':
      return (
        isOneOf(voidTargets, op.payload.target) &&
        isOneOf(voidReasons, op.payload.reason) &&
        isOptionalString(op.payload.note) &&
        isOptionalString(op.payload.paymentOpId)
      );
    case 'payment.transfer-send': {
      const { batchId, providerId, reference, amount } = op.payload;
      return isNonEmpty(batchId) && isNonEmpty(providerId) && isNonEmpty(reference) && Number.isSafeInteger(amount);
    }
    case 'payment.transfer-result':
      return (
        isNonEmpty(op.payload.batchId) &&
        (op.payload.outcome === 'paid' || op.payload.outcome === 'failed') &&
        isOptionalString(op.payload.reason) &&
        isOptionalString(op.payload.providerReference)
      );
    case 'payment.transfer-cancel':
      return isNonEmpty(op.payload.batchId) && isOptionalString(op.payload.note);
    case 'payment.reroute':
      return isOneOf([...cashMethods, 'next-month'], op.payload.to) && isNonEmpty(op.payload.reason);
    case 'payment.assign':
      return op.payload.payerId === null
        ? isOptionalString(op.payload.payerName)
        : isNonEmpty(op.payload.payerId) && isNonEmpty(op.payload.payerName);
  }
}
