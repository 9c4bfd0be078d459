/**
 * A batch's transfer ops for many lines at once (docs/protocol.md "Transfer ops"): the same rule
 * and the same op log rows as one op at a time (`serverOp`), in a few statements per thousand
 * lines instead of several per line. The lines are read under their row locks in id order (one
 * lock order for every writer, so two batches never deadlock), each op is decided by the domain
 * reducer on its line, and — only when every op applies — the lines are written with one
 * allocation of change sequences and the ops inserted together. Transfer ops raise no conflict
 * and carry no blob or ID check, which is what lets them skip the per-op path.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { assert, must } from '../../lib/assert';
import { applyPaymentOp, type PaymentOp } from '../../domain/payment-line';
import { opRegistry, type PayloadInput } from '../../protocol/op-registry';
import { parsePayload } from '../../protocol/ops';
import { isInScope } from '../../protocol/permissions';
import type { RejectCode } from '../../protocol/push';
import { chunks } from '../db/chunks';
import { isPostgres } from '../db/dialect';
import type { Database, OpsTable } from '../db/schema';
import { putEntities, type EntityChange } from '../services/entity-store';
import { lineData, readLine } from '../services/line-state';
import { isoTime, type PushContext } from '../services/push-context';

export type TransferOpType =
  'payment.transfer-send' | 'payment.transfer-result' | 'payment.transfer-cancel' | 'payment.reroute';

export type TransferItem<T extends TransferOpType> = { lineId: string; payload: PayloadInput<T> };

/** The lines whose op did not apply, with why; empty when every op was recorded. */
export type Refusal = { lineId: string; code: RejectCode };

/** Lines read and written per statement. */
const CHUNK = 500;

/**
 * Records one op of `type` per item. If any op would not apply, nothing is written and the
 * refusals are returned: the caller rolls its step back.
 */
export async function recordTransferOps<T extends TransferOpType>(
  trx: Transaction<Database>,
  ctx: PushContext,
  type: T,
  items: readonly TransferItem<T>[],
): Promise<Refusal[]> {
  const ops = items.map((item) => {
    // Checked by the registry's schema like a pushed op: a server bug never writes a malformed op.
    const parsed = parsePayload(type, { v: opRegistry[type].version, ...item.payload });
    assert(parsed.ok, `server op ${type}: ${parsed.ok ? '' : parsed.error.issues.join('; ')}`);
    return {
      id: randomUUID(),
      deviceId: ctx.device.id,
      type,
      entityId: item.lineId,
      actorId: ctx.user.id,
      recordedAt: isoTime(ctx.receivedAt),
      payload: parsed.value,
    };
  });
  const stored = await lockedLines(
    trx,
    ops.map((o) => o.entityId),
  );
  const refusals: Refusal[] = [];
  const changes: EntityChange[] = [];
  for (const op of ops) {
    const row = stored.get(op.entityId);
    const line = row ? readLine(row.data) : undefined;
    if (!row || !line || row.communeCode === null) {
      refusals.push({ lineId: op.entityId, code: 'unknown-entity' });
      continue;
    }
    if (!isInScope(ctx.user, row.communeCode)) {
      refusals.push({ lineId: op.entityId, code: 'forbidden' });
      continue;
    }
    // A transfer op's rule does not read the beneficiary's status.
    const decided = applyPaymentOp(line.state, op as unknown as PaymentOp, { beneficiaryStatus: 'active' });
    if (decided.outcome.status !== 'applied') {
      refusals.push({
        lineId: op.entityId,
        code: decided.outcome.status === 'rejected' ? decided.outcome.code : 'forbidden',
      });
      continue;
    }
    changes.push({
      entity: 'payment-line',
      id: op.entityId,
      communeCode: row.communeCode,
      data: lineData(line, decided.line, line.missingBlobs),
    });
  }
  if (refusals.length > 0) return refusals;
  const written = await putEntities(trx, changes, { now: ctx.receivedAt });
  const versions = new Map(written.map((w) => [w.id, w.version]));
  const rows: OpsTable[] = ops.map((op) => ({
    op_id: op.id,
    device_id: ctx.device.id,
    user_id: ctx.user.id,
    seq: null,
    type: op.type,
    entity_id: op.entityId,
    recorded_at: op.recordedAt,
    received_at: ctx.receivedAt,
    envelope: JSON.stringify(op),
    status: 'applied',
    code: null,
    detail: null,
    version: must(versions.get(op.entityId), 'the line was written'),
    imported_by: null,
  }));
  for (const part of chunks(rows, CHUNK)) await trx.insertInto('ops').values(part).execute();
  return [];
}

type LockedLine = { communeCode: string | null; data: unknown };

/** The lines by id, read under their row locks (PostgreSQL), in id order. */
async function lockedLines(trx: Transaction<Database>, ids: readonly string[]): Promise<Map<string, LockedLine>> {
  const byId = new Map<string, LockedLine>();
  const sorted = [...new Set(ids)].sort();
  for (const part of chunks(sorted, CHUNK)) {
    const query = trx
      .selectFrom('entities')
      .select(['id', 'commune_code', 'data', 'deleted'])
      .where('entity', '=', 'payment-line')
      .where('id', 'in', part)
      .orderBy('id');
    const rows = await (isPostgres(trx) ? query.forUpdate() : query).execute();
    for (const r of rows) {
      if (r.deleted || r.data === null) continue;
      byId.set(r.id, { communeCode: r.commune_code, data: JSON.parse(r.data) as unknown });
    }
  }
  return byId;
}
