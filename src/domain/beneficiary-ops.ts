/**
 * The roster ops' rule (the `beneficiary` family of the op registry, docs/protocol.md "Operation
 * envelope"): what each op sets on a beneficiary. Pure: the device's optimistic apply and the
 * server both call `applyBeneficiaryOp`, so they decide the same way. The server adds only what
 * needs its database: scope, field versions (`concurrent-edit`) and conflict resolutions.
 *
 * Invariants: an op changes only the fields its type owns (an update never touches status,
 * group, amount or code); a field whose value does not change is not reported as changed, so it
 * never raises a conflict; an op on a beneficiary nobody holds is refused, except an enrolment.
 */
import { err, ok, type Result } from '../lib/result';
import { beneficiaryStatusOf, statusHistoryOf, type StatusDecision } from './beneficiary-status';
import type { Vnd } from './money';
import {
  type AccountStatus,
  type BeneficiaryStatus,
  type CategoryCode,
  type Gender,
  type HomeDeliveryReason,
  type PaymentMethod,
  type ReceiverKind,
  type RepresentativeKind,
} from './vocabulary';

export { beneficiaryStatusOf, statusInMonth, type StatusDecision } from './beneficiary-status';

/** A beneficiary's data as stored and pulled (docs/protocol.md "Pull"); fields are read by name. */
export type BeneficiaryFields = Readonly<Record<string, unknown>>;

/**
 * The fields `beneficiary.update` may change: identity, contact, address, representative and
 * papers. Decision fields (status, group, amount, code, decision number) change only through
 * their own ops and the monthly list.
 */
export const editableBeneficiaryFields = [
  'fullName',
  'birthDate',
  'gender',
  'idNumber',
  'oldIdNumber',
  'village',
  'address',
  'phone',
  'representative',
  'documents',
  'idCardRequest',
] as const;
export type EditableBeneficiaryField = (typeof editableBeneficiaryFields)[number];

type Representative = {
  kind: RepresentativeKind;
  fullName: string;
  idNumber: string | null;
  relationship: string;
  phone: string | null;
  paperRef: string | null;
  validUntil: string | null;
};

type PaymentDetails = {
  bankName?: string | undefined;
  accountNumber?: string | undefined;
  accountHolder?: string | undefined;
  provider?: string | undefined;
  walletPhone?: string | undefined;
  homeDeliveryReason?: HomeDeliveryReason | undefined;
};

/** An enrolment: the identity and the group; the rest may follow in later updates. */
export type BeneficiaryCreatePayload = {
  communeCode: string;
  fullName: string;
  birthDate: string;
  gender: Gender;
  category: CategoryCode;
} & Partial<Record<string, unknown>>;

/** A patch of editable fields; only the fields present change. */
export type BeneficiaryUpdatePayload = Partial<Record<EditableBeneficiaryField, unknown>> & {
  fullName?: string | undefined;
  representative?: Representative | null | undefined;
};

/**
 * Why a beneficiary's status changes (Decree 20/2021 Art. 8–9, docs/domain.md §3): the
 * allowance stops when the person dies, moves away or is no longer eligible, is suspended after
 * months not received (`missed-payments`), and resumes when the reason is gone.
 */
export const statusChangeReasons = [
  'deceased',
  'moved-away',
  'no-longer-eligible',
  'missed-payments',
  'resumed',
  'other',
] as const;
export type StatusChangeReason = (typeof statusChangeReasons)[number];

/** The reasons that fit each status: a death is recorded as `deceased`, a resumption as `active`. */
export const statusReasons: {
  [S in BeneficiaryStatus]: readonly [StatusChangeReason, ...StatusChangeReason[]];
} = {
  active: ['resumed', 'other'],
  suspended: ['missed-payments', 'moved-away', 'other'],
  terminated: ['moved-away', 'no-longer-eligible', 'other'],
  deceased: ['deceased'],
};

/** A supervisor's decision on a beneficiary's status, from a calendar month (`YYYY-MM`). */
export type SetStatusPayload = {
  status: BeneficiaryStatus;
  reason: StatusChangeReason;
  effectiveMonth: string;
  note?: string | undefined;
};

export type SetPaymentMethodPayload = { method: PaymentMethod; details?: PaymentDetails | undefined };

/**
 * The card (or wallet details) handed over to the person once the account is opened (issue 12):
 * the calendar day (`YYYY-MM-DD`, not the device's clock), who handed it over, who received it,
 * and that the safety guidance (never share a PIN or OTP) was given.
 */
export type CardHandover = {
  date: string;
  handedOverBy: string;
  receiver: { kind: ReceiverKind; fullName: string };
  guidanceGiven: true;
};
/** A hand-over as stored on the person (`cardHandover`), with the receiver's signature's blob hash. */
export type StoredCardHandover = CardHandover & { signature: string | null };

export type SetAccountStatusPayload = {
  status: AccountStatus;
  note?: string | undefined;
  /** Only with `card-handed-over` (the wire schema refuses it otherwise). */
  handover?: CardHandover | undefined;
  /** Blob hash of the receiver's signature; top level, as in `payment.record`, so the sync uploads it. */
  signature?: string | undefined;
};

/** The payload of each op type of the family, by type. */
export type BeneficiaryPayloads = {
  'beneficiary.create': BeneficiaryCreatePayload;
  'beneficiary.update': BeneficiaryUpdatePayload;
  'beneficiary.set-payment-method': SetPaymentMethodPayload;
  'beneficiary.set-account-status': SetAccountStatusPayload;
  'beneficiary.set-status': SetStatusPayload;
};
export type BeneficiaryOpType = keyof BeneficiaryPayloads;
export type BeneficiaryOp<T extends BeneficiaryOpType = BeneficiaryOpType> = {
  [K in T]: { type: K; payload: BeneficiaryPayloads[K] };
}[T];

/** Why a roster op cannot apply (besides the server's own: scope, conflicts it names). */
export const beneficiaryRefusals = ['unknown-entity', 'already-enrolled', 'reason-not-for-status'] as const;
export type BeneficiaryRefusal = (typeof beneficiaryRefusals)[number];

/**
 * The fields a new enrolment does not have to give, as the server fills them in. The device's
 * optimistic row is built from the same values, so it looks like the one the next pull brings.
 */
export const enrolmentDefaults = {
  idNumber: null,
  status: 'active' as BeneficiaryStatus,
  code: '',
  oldIdNumber: null,
  village: '',
  address: '',
  phone: null,
  disabilitySeverity: null,
  childrenCount: null,
  monthlyAmount: 0 as Vnd,
  paymentMethod: null,
  paymentDetails: null,
  representative: null,
  accountStatus: 'none' as AccountStatus,
  decisionNo: null,
  startMonth: null,
};

type Patch = Record<string, unknown>;
type Reducer<T extends BeneficiaryOpType> = (
  before: BeneficiaryFields | undefined,
  payload: BeneficiaryPayloads[T],
) => Result<Patch, BeneficiaryRefusal>;

/** Only the named fields of a payload, without absent ones (`v` and unknown keys never reach the entity). */
function pick(payload: object, names: readonly string[]): Patch {
  const fields = payload as Patch;
  return Object.fromEntries(names.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));
}

/** Every op but an enrolment needs the beneficiary to exist. */
const existing =
  <T extends BeneficiaryOpType>(reduce: (payload: BeneficiaryPayloads[T]) => Patch): Reducer<T> =>
  (before, payload) =>
    before === undefined ? err('unknown-entity') : ok(reduce(payload));

/**
 * What an account-status op does to `cardHandover`. A hand-over is stored with its signature. Any
 * status but `card-handed-over` clears it (the card is not handed over, e.g. a status put back).
 * `card-handed-over` without a hand-over (an op queued by an app that did not record one) keeps
 * the one the person has, so a late old op never erases a recorded hand-over.
 */
function cardHandoverPatch(payload: SetAccountStatusPayload): Patch {
  if (payload.status !== 'card-handed-over') return { cardHandover: null };
  if (payload.handover === undefined) return {};
  const stored: StoredCardHandover = { ...payload.handover, signature: payload.signature ?? null };
  return { cardHandover: stored };
}

/**
 * The data fields an enrolment may give: what a beneficiary has (docs/protocol.md "Pull") except
 * what other ops own (status, method, account progress): a new person is active, and those change
 * only through their own ops and roles.
 */
export const enrolmentFields = [
  'communeCode',
  'fullName',
  'birthDate',
  'gender',
  'category',
  'idNumber',
  'code',
  'oldIdNumber',
  'village',
  'address',
  'phone',
  'disabilitySeverity',
  'childrenCount',
  'monthlyAmount',
  'representative',
  'decisionNo',
  'startMonth',
  'documents',
] as const;

const reducers: { [T in BeneficiaryOpType]: Reducer<T> } = {
  // Enrolling an id that someone holds is never an overwrite (an enrolment would otherwise
  // change a status or an amount that only other ops and roles may change).
  'beneficiary.create': (before, payload) =>
    before === undefined ? ok(pick(payload, enrolmentFields)) : err('already-enrolled'),
  'beneficiary.update': existing((payload) => pick(payload, editableBeneficiaryFields)),
  'beneficiary.set-payment-method': existing((payload) => ({
    paymentMethod: payload.method,
    paymentDetails: payload.details ?? null,
  })),
  'beneficiary.set-account-status': existing((payload) => ({
    accountStatus: payload.status,
    accountStatusNote: payload.note ?? null,
    ...cardHandoverPatch(payload),
  })),
  'beneficiary.set-status': (before, payload) => {
    if (before === undefined) return err('unknown-entity');
    // A reason that contradicts the status (a death recorded as a suspension) is not a decision.
    if (!statusReasons[payload.status].includes(payload.reason)) return err('reason-not-for-status');
    // Every decision is kept with the status it replaced, so a month is judged by the decision in
    // force then (statusInMonth), not only by the latest one.
    const decision: StatusDecision = {
      status: payload.status,
      reason: payload.reason,
      effectiveMonth: payload.effectiveMonth,
      previous: beneficiaryStatusOf(before),
    };
    return ok({
      status: payload.status,
      statusReason: payload.reason,
      statusEffectiveMonth: payload.effectiveMonth,
      statusNote: payload.note ?? null,
      statusHistory: [...statusHistoryOf(before), decision],
    });
  },
};

/**
 * The fields each roster op owns (what it may set). A `concurrent-edit` conflict is raised by one
 * op, so its fields belong to one op type: the one a supervisor keeps a side's values with.
 */
const ownedFields: { [T in Exclude<BeneficiaryOpType, 'beneficiary.create'>]: readonly string[] } = {
  'beneficiary.update': editableBeneficiaryFields,
  'beneficiary.set-payment-method': ['paymentMethod', 'paymentDetails'],
  'beneficiary.set-account-status': ['accountStatus', 'accountStatusNote', 'cardHandover'],
  'beneficiary.set-status': ['status', 'statusReason', 'statusEffectiveMonth', 'statusNote', 'statusHistory'],
};
export type ResolvingOpType = keyof typeof ownedFields;

/** The op type that owns every one of `fields`, or null when no single op does. */
export function opOwningFields(fields: readonly string[]): ResolvingOpType | null {
  const types = Object.keys(ownedFields) as ResolvingOpType[];
  return types.find((type) => fields.length > 0 && fields.every((f) => ownedFields[type].includes(f))) ?? null;
}

/**
 * The payload that sets a conflict side's `values` again through the op owning them. A side holds
 * only the fields that conflicted: the op's other fields are taken from the person as it is now
 * (`current`), so the payload is whole. (The values come from a pulled conflict: the registry's
 * schema validates the payload before anything is recorded.)
 */
export function keptValuesPayload(
  type: ResolvingOpType,
  sideValues: BeneficiaryFields,
  current: BeneficiaryFields,
): Record<string, unknown> {
  const values: BeneficiaryFields = { ...current, ...sideValues };
  switch (type) {
    case 'beneficiary.update':
      return Object.fromEntries(editableBeneficiaryFields.filter((k) => k in sideValues).map((k) => [k, values[k]]));
    case 'beneficiary.set-payment-method':
      return { method: values['paymentMethod'], details: values['paymentDetails'] ?? undefined };
    case 'beneficiary.set-account-status': {
      // The hand-over goes back with its status only (the schema refuses it with another one).
      const kept = values['accountStatus'] === 'card-handed-over' ? storedHandover(values['cardHandover']) : null;
      if (kept === null) return { status: values['accountStatus'], note: values['accountStatusNote'] ?? undefined };
      const { signature, ...handover } = kept;
      return {
        status: values['accountStatus'],
        note: values['accountStatusNote'] ?? undefined,
        handover,
        signature: signature ?? undefined,
      };
    }
    case 'beneficiary.set-status':
      return {
        status: values['status'],
        reason: values['statusReason'],
        effectiveMonth: values['statusEffectiveMonth'],
        note: values['statusNote'] ?? undefined,
      };
  }
}

/** A stored hand-over read back from a person's data, or null when there is none. */
function storedHandover(value: unknown): StoredCardHandover | null {
  return typeof value === 'object' && value !== null ? (value as StoredCardHandover) : null;
}

export type AppliedBeneficiaryOp = {
  /** The beneficiary after the op. */
  after: BeneficiaryFields;
  /** Fields whose value the op changed (for a new enrolment, the fields it gave). */
  changed: string[];
};

/**
 * Applies one roster op to a beneficiary (undefined: nobody holds it). Returns the beneficiary
 * after the op and the fields it changed, or why it cannot apply.
 */
export function applyBeneficiaryOp<T extends BeneficiaryOpType>(
  before: BeneficiaryFields | undefined,
  op: BeneficiaryOp<T>,
): Result<AppliedBeneficiaryOp, BeneficiaryRefusal> {
  const reduce: Reducer<T> = reducers[op.type];
  const patch = reduce(before, op.payload);
  if (!patch.ok) return patch;
  // A new beneficiary starts from the enrolment defaults; the fields the op gave are its changes.
  if (before === undefined)
    return ok({ after: { ...enrolmentDefaults, ...patch.value }, changed: Object.keys(patch.value) });
  const changed = Object.keys(patch.value).filter((k) => !sameValue(before[k], patch.value[k]));
  const after = { ...before, ...Object.fromEntries(changed.map((k) => [k, patch.value[k]])) };
  return ok({ after, changed });
}

/** Deep equality of JSON values; absent and null are the same (a patch may clear a field). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
