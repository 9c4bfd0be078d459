/**
 * What each op does to the device's own copy of an entity (optimistic application). The same
 * pure reducers re-apply pending ops on top of freshly pulled rows, so a pull never hides a
 * change the server has not answered yet (SYNC.md "Pull").
 */
import type { AppDb, BeneficiaryRow, IdCheckRow, OutboxRow, PaymentLineRow } from './app-db';
import { toBeneficiaryRow } from './roster-row';
import { enrolmentDefaults, type BeneficiaryData } from '../protocol/entities';

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
      return row ? { ...(row as PaymentLineRow), status: 'paid', localOpId: op.id } : undefined;
    case 'payment.unpaid':
      // A later visit may still pay; an unpaid visit never undoes a payment.
      return row && (row as PaymentLineRow).status !== 'paid'
        ? { ...(row as PaymentLineRow), status: 'unpaid', localOpId: op.id }
        : row;
    case 'payment.void':
      return row ? { ...(row as PaymentLineRow), status: payload['target'] === 'line' ? 'void' : 'due' } : undefined;
    case 'id-check.record':
      return { id: op.id, version: 0, beneficiaryId: op.entityId, ...payload, recordedAt: op.envelope['recordedAt'] };
    default:
      return row;
  }
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
