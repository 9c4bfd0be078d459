/**
 * The outbox: every local change is recorded together with its operation, in one transaction,
 * so a change is either durable with its op or not made at all (SYNC.md "Operation envelope").
 */
import type { Table } from 'dexie';
import type { AppDb, OpResult, OutboxRow } from './app-db';
import { keepShadow, rebuildEntity, reduceLocal, tableOf } from './local-ops';
import { payloadVersions } from '../protocol/ops';

export type NewOp = {
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
  /** Server version of the entity the user saw (roster edits). */
  baseVersion?: number;
};

export type OpContext = {
  deviceId: string;
  actorId: string;
  now: () => number;
  makeId: () => string;
  /** Minutes east of UTC of the device clock, for `recordedAt`'s offset (tests pin it). */
  utcOffsetMinutes?: number;
};

/** ISO 8601 with the device's offset: `2026-11-28T14:05:00.000+07:00`. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const SEQ_KEY = 'opSeq';

/** The highest seq made on this device so far, sent or not (SYNC.md push `lastSeq`). */
export async function lastSeq(db: AppDb): Promise<number> {
  return ((await db.kv.get(SEQ_KEY))?.value as number | undefined) ?? 0;
}

/**
 * Records `op` with its optimistic local change (local-ops.ts) and `extra` writes (evidence
 * blobs) in one read-write transaction: all of it is durable together, or none of it. The seq
 * comes from a counter in the same transaction, so two ops never share one and none is skipped.
 */
/** Every payload says which version of its type's shape it follows (see `payloadVersions`). */
function withPayloadVersion(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  const v = (payloadVersions as Record<string, number | undefined>)[type];
  return v === undefined ? payload : { v, ...payload };
}

export async function recordOp(
  db: AppDb,
  ctx: OpContext,
  op: NewOp,
  extraTables: Table[] = [],
  extra: (op: OutboxRow) => Promise<unknown> = () => Promise.resolve(),
): Promise<OutboxRow> {
  const local = tableOf(op.type);
  const tables = [db.outbox, db.kv, db.shadows, ...(local ? [db.table(local)] : []), ...extraTables];
  return db.transaction('rw', tables, async () => {
    const seq = (await lastSeq(db)) + 1;
    const now = ctx.now();
    const id = ctx.makeId();
    const envelope: Record<string, unknown> = {
      id,
      deviceId: ctx.deviceId,
      seq,
      type: op.type,
      entityId: op.entityId,
      actorId: ctx.actorId,
      recordedAt: isoWithOffset(now, ctx.utcOffsetMinutes ?? -new Date(now).getTimezoneOffset()),
      payload: withPayloadVersion(op.type, op.payload),
      ...(op.baseVersion === undefined ? {} : { baseVersion: op.baseVersion }),
    };
    const row: OutboxRow = {
      seq,
      id,
      type: op.type,
      entityId: op.entityId,
      state: 'pending',
      envelope,
      attempts: 0,
      lastError: null,
      result: null,
    };
    if (local === 'idChecks') {
      // An ID check is a new fact of its own (keyed by the op id), not a change to a shared row.
      const next = reduceLocal(row, undefined);
      if (next) await db.idChecks.put(next);
    } else if (local) {
      await keepShadow(db, local, op.entityId, seq);
      const next = reduceLocal(row, (await db.table(local).get(op.entityId)) as Parameters<typeof reduceLocal>[1]);
      if (next) await db.table(local).put(next);
    }
    await extra(row);
    await db.kv.put({ key: SEQ_KEY, value: seq });
    await db.outbox.add(row);
    return row;
  });
}

/** Ops not yet answered by the server, oldest first. */
export function pendingOps(db: AppDb, limit: number): Promise<OutboxRow[]> {
  // Index entries with equal keys are ordered by primary key, here seq.
  return db.outbox.where('state').equals('pending').limit(limit).toArray();
}

/** Where an answered op ends up: a duplicate takes the state of its first outcome. */
function stateOf(result: OpResult): OutboxRow['state'] {
  const status = result.status === 'duplicate' ? result.code : result.status;
  if (status === 'conflict') return 'conflict';
  if (status === 'rejected') return 'rejected';
  return 'done';
}

/**
 * Stores the server's answers in one transaction. Applied and duplicate ops are done; conflicts
 * are done but listed; rejected ops stay on the device and are never resent automatically.
 * An op without an answer stays pending and is sent again with the same id.
 */
export async function applyPushResults(
  db: AppDb,
  sent: readonly OutboxRow[],
  results: readonly (OpResult & { id: string })[],
): Promise<void> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const touched = new Set(sent.map((op) => op.entityId));
  await db.transaction('rw', [db.outbox, db.shadows, db.beneficiaries, db.paymentLines, db.idChecks], async () => {
    for (const op of sent) {
      const r = byId.get(op.id);
      if (!r) {
        await db.outbox.update(op.seq, { attempts: op.attempts + 1, lastError: 'no-result' });
        continue;
      }
      const result: OpResult = { status: r.status };
      if (r.code !== undefined) result.code = r.code;
      if (r.firstCode !== undefined) result.firstCode = r.firstCode;
      if (r.message !== undefined) result.message = r.message;
      if (r.version !== undefined) result.version = r.version;
      await db.outbox.update(op.seq, { state: stateOf(result), result, attempts: op.attempts + 1, lastError: null });
    }
    // A rejected op's optimistic effect goes away; answered entities drop their server copy.
    for (const op of sent) {
      const table = tableOf(op.type);
      if (table === 'idChecks') {
        if (stateOf(byId.get(op.id) ?? { status: 'applied' }) === 'rejected') await db.idChecks.delete(op.id);
      } else if (table && touched.delete(op.entityId)) await rebuildEntity(db, table, op.entityId);
    }
  });
}

/** Marks a failed attempt on ops that stay pending (network, server error). */
export async function notePushFailure(db: AppDb, sent: readonly OutboxRow[], code: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const op of sent) await db.outbox.update(op.seq, { attempts: op.attempts + 1, lastError: code });
  });
}
