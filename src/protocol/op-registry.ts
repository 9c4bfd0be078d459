/**
 * The op registry: one entry per op type (docs/protocol.md "Operation envelope") with its payload
 * schema and version, the roles that may send it and the entity family it changes. Each family
 * has one pure reducer in src/domain that the device's optimistic apply and the server's apply
 * both call (`familyReducers` below), so both sides decide every op the same way.
 *
 * Adding an op type to a family: its payload schema (payloads-*.ts), its entry here, and its case
 * in the family's domain reducer. The compiler refuses a registry entry without a version, roles
 * or family, a family reducer that lacks one of its types (`familyReducers`), and a message
 * catalogue without the type's label (`satisfies Record<OpType, string>` in src/ui).
 */
import type { z } from 'zod';
import { applyBeneficiaryOp, type BeneficiaryOp } from '../domain/beneficiary-ops';
import { decideCashOp, type CashOp } from '../domain/cash-ops';
import { recordIdCheck, type IdCheckOp } from '../domain/id-check-record';
import { applyPaymentOp, type PaymentOp } from '../domain/payment-line';
import type { Role } from '../domain/vocabulary';
import {
  cashAcknowledgePayloadSchema,
  cashClosePayloadSchema,
  cashHandoverPayloadSchema,
  cashReceivePayloadSchema,
  cashReturnPayloadSchema,
} from './payloads-cash';
import { idCheckPayloadSchema } from './payloads-id-check';
import {
  paymentAssignPayloadSchema,
  paymentRecordPayloadSchema,
  paymentUnpaidPayloadSchema,
  paymentVoidPayloadSchema,
  reroutePayloadSchema,
  transferCancelPayloadSchema,
  transferResultPayloadSchema,
  transferSendPayloadSchema,
} from './payloads-payment';
import {
  beneficiaryCreatePayloadSchema,
  beneficiaryUpdatePayloadSchema,
  setAccountStatusPayloadSchema,
  setPaymentMethodPayloadSchema,
  setStatusPayloadSchema,
} from './payloads-roster';

/**
 * The entity an op changes: a `beneficiary`, a `payment-line`, a new `id-check` record (keyed
 * by the op id; its entityId is the beneficiary checked), or a payer's cash ledger
 * (`cash-custody`, entityId = `ledgerId`; its entries are read through `GET /api/cash`, not pulled).
 */
export const opFamilies = ['beneficiary', 'payment-line', 'id-check', 'cash-custody'] as const;
export type OpFamily = (typeof opFamilies)[number];

export type OpDefinition = {
  family: OpFamily;
  /**
   * The payload version (`v`) this app writes. Raise it when the payload's shape changes, and
   * keep the schema accepting older versions: ops queued by an older app still go through.
   */
  version: number;
  /** Who may send it; the server rejects others with `forbidden` (docs/protocol.md "Auth"). */
  roles: readonly Role[];
  payload: z.ZodType;
};

const fieldStaff = ['officer', 'payer', 'supervisor'] as const;
const rosterStaff = ['officer', 'supervisor'] as const;
const serverMade = [] as const;

export const opRegistry = {
  'beneficiary.create': {
    family: 'beneficiary',
    version: 1,
    roles: rosterStaff,
    payload: beneficiaryCreatePayloadSchema,
  },
  'beneficiary.update': {
    family: 'beneficiary',
    version: 1,
    roles: rosterStaff,
    payload: beneficiaryUpdatePayloadSchema,
  },
  'beneficiary.set-payment-method': {
    family: 'beneficiary',
    version: 1,
    roles: rosterStaff,
    payload: setPaymentMethodPayloadSchema,
  },
  'beneficiary.set-account-status': {
    family: 'beneficiary',
    version: 1,
    roles: rosterStaff,
    payload: setAccountStatusPayloadSchema,
  },
  'beneficiary.set-status': {
    family: 'beneficiary',
    version: 1,
    roles: ['supervisor'],
    payload: setStatusPayloadSchema,
  },
  'id-check.record': { family: 'id-check', version: 1, roles: fieldStaff, payload: idCheckPayloadSchema },
  'payment.record': { family: 'payment-line', version: 1, roles: fieldStaff, payload: paymentRecordPayloadSchema },
  'payment.unpaid': { family: 'payment-line', version: 1, roles: fieldStaff, payload: paymentUnpaidPayloadSchema },
  'payment.void': { family: 'payment-line', version: 1, roles: ['supervisor'], payload: paymentVoidPayloadSchema },
  // Who carries a line on their round (issue 16): the officer or a supervisor assigns.
  'payment.assign': { family: 'payment-line', version: 1, roles: rosterStaff, payload: paymentAssignPayloadSchema },
  // Made by the server's batch services for the user acting on a batch (docs/protocol.md "Transfer
  // ops"); no device may push them, so no role has them.
  'payment.transfer-send': {
    family: 'payment-line',
    version: 1,
    roles: serverMade,
    payload: transferSendPayloadSchema,
  },
  'payment.transfer-result': {
    family: 'payment-line',
    version: 1,
    roles: serverMade,
    payload: transferResultPayloadSchema,
  },
  'payment.transfer-cancel': {
    family: 'payment-line',
    version: 1,
    roles: serverMade,
    payload: transferCancelPayloadSchema,
  },
  'payment.reroute': { family: 'payment-line', version: 1, roles: serverMade, payload: reroutePayloadSchema },
  // A payer's cash in hand (issue 16): each payer records their own; a supervisor acknowledges a
  // close whose count differs from the balance.
  'cash.receive': { family: 'cash-custody', version: 1, roles: ['payer'], payload: cashReceivePayloadSchema },
  'cash.return': { family: 'cash-custody', version: 1, roles: ['payer'], payload: cashReturnPayloadSchema },
  'cash.handover': { family: 'cash-custody', version: 1, roles: ['payer'], payload: cashHandoverPayloadSchema },
  'cash.close': { family: 'cash-custody', version: 1, roles: ['payer'], payload: cashClosePayloadSchema },
  'cash.acknowledge': {
    family: 'cash-custody',
    version: 1,
    roles: ['supervisor'],
    payload: cashAcknowledgePayloadSchema,
  },
} as const satisfies Record<string, OpDefinition>;

export type OpType = keyof typeof opRegistry;
export const opTypes = Object.keys(opRegistry) as OpType[];

/** The op types of one family. */
export type OpTypeOf<F extends OpFamily> = {
  [T in OpType]: (typeof opRegistry)[T]['family'] extends F ? T : never;
}[OpType];

/** A payload as parsed (what reducers see). */
export type PayloadOf<T extends OpType> = z.output<(typeof opRegistry)[T]['payload']>;
/** A payload as a screen gives it to `recordOp` (before defaults and transforms; without `v`). */
export type PayloadInput<T extends OpType> = WithoutVersion<z.input<(typeof opRegistry)[T]['payload']>>;
// Not `Omit`: on a loose payload (an index signature) Omit would drop every named field.
type WithoutVersion<P> = { [K in keyof P as K extends 'v' ? never : K]: P[K] };

/** An op's type and parsed payload, for one type or, by default, the union of all types. */
export type TypedOp<T extends OpType = OpType> = { [K in T]: { type: K; payload: PayloadOf<K> } }[T];

/**
 * Each family's reducer in src/domain. A parsed op of the family must be an op the reducer
 * takes: an op type added here without its case in the domain fails to compile.
 */
export const familyReducers = {
  beneficiary: applyBeneficiaryOp,
  'payment-line': applyPaymentOp,
  'id-check': recordIdCheck,
  'cash-custody': decideCashOp,
} satisfies Record<OpFamily, unknown>;

/** Compile-time: the registry's ops of each family are ops the family's reducer accepts. */
export type FamilyOpsAccepted = [
  TypedOp<OpTypeOf<'beneficiary'>> extends BeneficiaryOp ? true : never,
  TypedOp<OpTypeOf<'payment-line'>> extends Pick<PaymentOp, 'type' | 'payload'> ? true : never,
  TypedOp<OpTypeOf<'id-check'>> extends IdCheckOp ? true : never,
  TypedOp<OpTypeOf<'cash-custody'>> extends CashOp ? true : never,
];
export const familyOpsAccepted: FamilyOpsAccepted = [true, true, true, true];

/** The op types a device may send: those some role has (the others are made by the server). */
export const deviceOpTypes = opTypes.filter((type) => opRegistry[type].roles.length > 0);

export const familyOf = (type: OpType): OpFamily => opRegistry[type].family;

export const isOpType = (type: unknown): type is OpType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(opRegistry, type);
