/**
 * What each op does to the device's own copy of an entity (optimistic application). The same
 * pure reducers re-apply pending ops on top of freshly pulled rows, so a pull never hides a
 * change the server has not answered yet (SYNC.md "Pull").
 */
import type { AppDb, BeneficiaryRow, IdCheckRow, OutboxRow, PaymentLineRow } from './app-db';
import { toBeneficiaryRow } from './roster-row';
import { applyPaymentOp, type PaymentOp } from '../domain/payment-line';
import { enrolmentDefaults, type BeneficiaryData } from '../protocol/entities';
import { lineStateFrom, paymentLineStateOf } from '../protocol/payment-line-history';

export type LocalTable = 'beneficiaries' | 'paymentLines' | 'idChecks';
type Row = BeneficiaryRow | PaymentLineRow | IdCheckRow;
type Payload = Record<string, unknown>;

/** The local table an op type changes, or null for ops without a local effect. */
export function tableOf(type: string): LocalTable | null {
  if (type.startsWith('beneficiary.')) return 'beneficiaries';
  if (type.startsWith('payment.')) return 'paymentLines';
  if (type === 'id-check.record') return 'idChecks';
  return null;
}

/** The optimistic row after `op`; `undefined` leaves the row as it is. */
export function reduceLocal(op: OutboxRow, row: Row | undefined): Row | undefined {
  const payload = op.envelope['payload'] as Payload;
  switch (op.type) {
    case 'beneficiary.create': {
      const { v: _v, ...fields } = payload;
      return toBeneficiaryRow(op.entityId, 0, { ...enrolmentDefaults, ...fields } as BeneficiaryData);
    }
    case 'beneficiary.update':
    case 'beneficiary.set-payment-method':
    case 'beneficiary.set-account-status':
      return row ? patchBeneficiary(row as BeneficiaryRow, op.type, payload) : undefined;
    case 'payment.record':
    case 'payment.unpaid':
    case 'payment.void':
      return row ? reducePaymentLine(op, row as PaymentLineRow) : undefined;
    case 'id-check.record': {
      const { v: _v, ...fields } = payload;
      return { id: op.id, version: 0, beneficiaryId: op.entityId, ...fields, recordedAt: op.envelope['recordedAt'] };
    }
    default:
      return row;
  }
}

/**
 * The line as the server will see it after `op`: the same `applyPaymentOp` decides on both sides
 * (a second payment keeps the first one counted, a void of an uncounted payment leaves the line
 * paid, a visit never undoes a payment). A rejected op leaves the line as it is.
 */
function reducePaymentLine(op: OutboxRow, row: PaymentLineRow): PaymentLineRow {
  // A newer server may write history this app cannot read (a new conflict code, say): the line's
  // own amount and status still decide, so a payment never leaves the line payable again.
  const state = paymentLineStateOf(row) ?? {
    amount: row.amount,
    status: row.status,
    payment: null,
    lastVisit: null,
    conflicts: [],
    voids: [],
  };
  const { envelope } = op;
  const paymentOp = {
    id: op.id,
    type: op.type,
    actorId: String(envelope['actorId']),
    recordedAt: String(envelope['recordedAt']),
    payload: envelope['payload'],
  } as PaymentOp;
  // Only the server knows the beneficiary's status there; it changes the outcome's flag
  // (beneficiary-inactive), never the line's resulting status.
  const { line, outcome } = applyPaymentOp(state, paymentOp, { beneficiaryStatus: 'active' });
  return outcome.status === 'rejected' ? row : { ...row, ...lineStateFrom(line), localOpId: op.id };
}

function patchBeneficiary(row: BeneficiaryRow, type: string, payload: Payload): BeneficiaryRow {
  const { v: _v, documents: _d, ...fields } = payload;
  let patch: Partial<BeneficiaryData> = {};
  if (type === 'beneficiary.update') patch = fields;
  if (type === 'beneficiary.set-payment-method') {
    patch = {
      paymentMethod: payload['method'] as BeneficiaryData['paymentMethod'],
      paymentDetails: (payload['details'] as BeneficiaryData['paymentDetails']) ?? null,
    };
  }
  if (type === 'beneficiary.set-account-status') {
    patch = { accountStatus: payload['status'] as BeneficiaryData['accountStatus'] };
  }
  const { searchTokens: _t, sortKey: _s, id, version, ...data } = row;
  return toBeneficiaryRow(id, version, { ...data, ...patch });
}

/** Key of the server copy kept while an entity has unanswered ops. */
export const shadowKey = (table: LocalTable, id: string) => `${table}:${id}`;

/**
 * Rebuilds an entity from its server copy plus every op on it since the copy was taken that the
 * server did not reject, in seq order. Used after a pull (a new server copy) and after a
 * rejection (the rejected op's effect must go away). The copy is dropped once nothing is pending.
 */
export async function rebuildEntity(db: AppDb, table: LocalTable, id: string): Promise<void> {
  const key = shadowKey(table, id);
  const shadow = await db.shadows.get(key);
  if (!shadow) return;
  const ops = await db.outbox
    .where('entityId')
    .equals(id)
    .filter((o) => o.seq >= shadow.fromSeq && o.state !== 'rejected' && tableOf(o.type) === table)
    .sortBy('seq');
  let row = (shadow.row ?? undefined) as Row | undefined;
  for (const op of ops) row = reduceLocal(op, row);
  if (row) await db.table(table).put(row);
  else await db.table(table).delete(id);
  if (!ops.some((o) => o.state === 'pending')) await db.shadows.delete(key);
}

/** Keeps the server copy of an entity before its first unanswered op changes it. */
export async function keepShadow(db: AppDb, table: LocalTable, id: string, fromSeq: number): Promise<void> {
  const key = shadowKey(table, id);
  if (await db.shadows.get(key)) return;
  const row = ((await db.table(table).get(id)) as Row | undefined) ?? null;
  await db.shadows.put({ key, row, fromSeq });
}
