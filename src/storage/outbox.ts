/**
 * The outbox: every local change is recorded together with its operation, in one transaction,
 * so a change is either durable with its op or not made at all (docs/protocol.md "Operation envelope").
 */
import type { CashRefusal } from '../domain/cash-ops';
import { assert } from '../lib/assert';
import { err, ok, type Result } from '../lib/result';
import { opRegistry, type OpType, type PayloadInput } from '../protocol/op-registry';
import { parsePayload, type Op, type OpOf } from '../protocol/ops';
import type { PaymentRecordPayload } from '../protocol/payloads-payment';
import type { AppDb, OpResult, OutboxRow, PaymentLineRow } from './app-db';
import { prepareReceipt, ReceiptRaceError, takeReceipt, type PreparedReceipt } from './device-receipts';
import {
  idCheckRow,
  readLocal,
  localContext,
  rebuildEntity,
  reduceLocal,
  shadowKey,
  tableOf,
  type LocalContext,
  type LocalRow,
  type LocalTable,
} from './local-ops';
import { toStorageErrorCode, type StorageErrorCode } from './storage-errors';

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

export const SEQ_KEY = 'opSeq';

/** The highest seq made on this device so far, sent or not (docs/protocol.md push `lastSeq`). */
export async function lastSeq(db: AppDb): Promise<number> {
  return ((await db.kv.get(SEQ_KEY))?.value as number | undefined) ?? 0;
}

/** Evidence written with its op in the same transaction (signature, photo), content-addressed. */
export type Evidence = { hash: string; type: 'image/png' | 'image/jpeg' | 'image/webp'; bytes: ArrayBuffer };

export type RecordOptions = {
  /** Server version of the entity the user saw (roster edits: `concurrent-edit` detection). */
  baseVersion?: number | undefined;
  /** Blobs the op refers to, stored in the same transaction as the op. */
  evidence?: readonly Evidence[] | undefined;
};

/**
 * Why nothing was recorded: the payload is not one the registry's schema accepts, or a cash op
 * its family's rule refuses (a ledger entry is never recorded to be refused later).
 */
export type RecordRefusal = { code: 'invalid-payload'; issues: string[] } | { code: CashRefusal };

/**
 * Records an op of `type` with its optimistic local change and its evidence, in one read-write
 * transaction: all of it is durable together, or none of it. The payload is validated by the
 * registry's schema for `type` first (a malformed one is not recorded). The op's family reducer
 * decides the local change, as the server will; when it refuses (a line this device holds in an
 * older state, a person not pulled yet), the device's copy stays as it is and the op is still
 * recorded: the server decides with its own, newer copy (docs/protocol.md "Principles": a field
 * fact is never lost). The seq comes from a counter in the same transaction, so two ops never
 * share one and none is skipped.
 */
export async function recordOp<T extends OpType>(
  db: AppDb,
  ctx: OpContext,
  type: T,
  entityId: string,
  input: PayloadInput<T>,
  options: RecordOptions = {},
): Promise<Result<OutboxRow, RecordRefusal>> {
  // Every payload says which version of its type's shape it follows (op-registry.ts `version`).
  const payload = parsePayload(type, { v: opRegistry[type].version, ...input });
  if (!payload.ok) return err({ code: 'invalid-payload', issues: payload.error.issues });
  // A cash ledger's op is its own record (cash-ledger.ts): no local table, no receipt.
  if (tableOf(type) === null) return recordLedgerOp(db, ctx, type, entityId, payload.value, options);
  // One instant for the op: its `recordedAt` and its receipt's day are the same moment.
  const now = ctx.now();
  for (let attempt = 1; ; attempt++) {
    // A payment carries the device's signed receipt (device-receipts.ts), signed before the
    // transaction (WebCrypto would end it). Should other payments keep taking its number first,
    // the last attempt records the payment without one: the payment matters more than its receipt.
    const receipt = attempt < RECEIPT_ATTEMPTS ? await receiptFor(db, ctx, type, entityId, payload.value, now) : null;
    const value = receipt ? { ...payload.value, receipt: receipt.stamp } : payload.value;
    try {
      return ok(await writeOp(db, ctx, type, entityId, value, options, now, receipt));
    } catch (e) {
      if (!(e instanceof ReceiptRaceError)) throw e;
    }
  }
}

const RECEIPT_ATTEMPTS = 5;

/** The receipt a payment op made here carries, unless the caller gave one or the device has no key. */
async function receiptFor(
  db: AppDb,
  ctx: OpContext,
  type: OpType,
  entityId: string,
  payload: Record<string, unknown>,
  now: number,
): Promise<PreparedReceipt | null> {
  if (type !== 'payment.record' || payload['receipt'] !== undefined) return null;
  const { amount, receiver } = payload as PaymentRecordPayload;
  // A key the browser cannot use (or any failure to sign) leaves the payment without a receipt,
  // never unrecorded; a storage failure shows again in the payment's own transaction.
  return prepareReceipt(db, { deviceId: ctx.deviceId, lineId: entityId, amount, receiver: receiver.kind, now }).catch(
    () => null,
  );
}

/** The one transaction of `recordOp`: seq, optimistic change, evidence, receipt head and the op. */
function writeOp<T extends OpType>(
  db: AppDb,
  ctx: OpContext,
  type: T,
  entityId: string,
  payload: Record<string, unknown>,
  options: RecordOptions,
  now: number,
  receipt: PreparedReceipt | null,
): Promise<OutboxRow> {
  const table = tableOf(type);
  assert(table !== null, `${type} has a local table`);
  const tables = [
    db.outbox,
    db.kv,
    db.shadows,
    db.beneficiaries,
    db.rosterPages,
    db.paymentLines,
    db.idChecks,
    db.blobs,
    db.deviceKeys,
  ];
  return db.transaction('rw', tables, async () => {
    // The receipt's number is taken here or not at all: the head and the op commit together.
    // (Both in one `Promise.all`: awaiting the helper's promise after awaiting the read ended the
    // transaction with `PrematureCommitError`, README "Gotchas".)
    const [last] = await Promise.all([lastSeq(db), receipt ? takeReceipt(db, receipt) : undefined]);
    const seq = last + 1;
    const envelope = envelopeOf(ctx, { seq, type, entityId, payload, now, baseVersion: options.baseVersion });
    const { id } = envelope;
    // The envelope was built from a parsed payload of this very type.
    const op = envelope as unknown as OpOf<T> as Op;
    // The reads go out together (issue 15 item 4): IndexedDB answers them in one round. An ID
    // check is a new fact of its own (keyed by the op id), not a change to a shared row.
    const [before, shadowHeld] =
      table === 'idChecks'
        ? [undefined, true]
        : await Promise.all([readLocal(db, table, entityId), hasShadow(db, table, entityId)]);
    const context = await localContext(db, op, before);
    const next = reduceLocal(op, before, context);
    const row: OutboxRow = {
      seq,
      id,
      type,
      entityId,
      state: 'pending',
      envelope,
      attempts: 0,
      lastError: null,
      result: null,
    };
    // The writes are queued at once, in this order; the transaction commits them together.
    const writes: Promise<unknown>[] = [];
    if (!shadowHeld)
      writes.push(db.shadows.put({ key: shadowKey(table, entityId), row: before ?? null, fromSeq: seq }));
    if (next.ok) {
      if (next.value) writes.push(db.table(table).put(next.value));
      // A check carried by a payment is kept with the payment, not with one the rule refused.
      const check = carriedIdCheck(op);
      if (check) writes.push(db.idChecks.put(idCheckRow(op, check, idCheckPlace(context, next.value))));
    }
    const evidence = options.evidence ?? [];
    if (evidence.length > 0) writes.push(db.blobs.bulkPut(evidence.map((e) => ({ ...e, uploaded: 0 as const }))));
    writes.push(db.kv.put({ key: SEQ_KEY, value: seq }), db.outbox.add(row));
    await Promise.all(writes);
    return row;
  });
}

/**
 * An op whose record is the op itself (a payer's cash ledger, cash-ledger.ts): the family's rule
 * must accept it before it is recorded, since no server copy can overrule a ledger entry. It is
 * durable with its evidence and its seq, as every op.
 */
async function recordLedgerOp(
  db: AppDb,
  ctx: OpContext,
  type: OpType,
  entityId: string,
  payload: unknown,
  options: RecordOptions,
): Promise<Result<OutboxRow, RecordRefusal>> {
  return db.transaction('rw', [db.outbox, db.kv, db.blobs], async () => {
    const seq = (await lastSeq(db)) + 1;
    const envelope = envelopeOf(ctx, { seq, type, entityId, payload, now: ctx.now() });
    const op = envelope as unknown as Op;
    const decided = reduceLocal(op, undefined, { beneficiary: undefined });
    if (!decided.ok) return err({ code: decided.error as CashRefusal });
    const row: OutboxRow = {
      seq,
      id: envelope.id,
      type,
      entityId,
      state: 'pending',
      envelope,
      attempts: 0,
      lastError: null,
      result: null,
    };
    const evidence = options.evidence ?? [];
    const writes: Promise<unknown>[] = [db.kv.put({ key: SEQ_KEY, value: seq }), db.outbox.add(row)];
    if (evidence.length > 0) writes.push(db.blobs.bulkPut(evidence.map((e) => ({ ...e, uploaded: 0 as const }))));
    await Promise.all(writes);
    return ok(row);
  });
}

/** The op's envelope (docs/protocol.md "Operation envelope"), its id made now. */
function envelopeOf(
  ctx: OpContext,
  op: { seq: number; type: OpType; entityId: string; payload: unknown; now: number; baseVersion?: number | undefined },
) {
  return {
    id: ctx.makeId(),
    deviceId: ctx.deviceId,
    seq: op.seq,
    type: op.type,
    entityId: op.entityId,
    actorId: ctx.actorId,
    recordedAt: isoWithOffset(op.now, ctx.utcOffsetMinutes ?? -new Date(op.now).getTimezoneOffset()),
    payload: op.payload,
    ...(op.baseVersion === undefined ? {} : { baseVersion: op.baseVersion }),
  };
}

/** Whether the server's copy of the entity is already kept (an earlier op on it is unanswered). */
async function hasShadow(db: AppDb, table: LocalTable, id: string): Promise<boolean> {
  return (await db.shadows.where(':id').equals(shadowKey(table, id)).count()) > 0;
}

/** The card check a payment or visit op carries (docs/protocol.md `payment.record` `idCheck`). */
function carriedIdCheck(op: Op) {
  return op.type === 'payment.record' || op.type === 'payment.unpaid' ? op.payload.idCheck : undefined;
}

/** Where a check carried by a payment op belongs: the line's beneficiary and commune. */
function idCheckPlace(context: LocalContext, row: LocalRow | undefined) {
  const line = row as PaymentLineRow | undefined;
  return {
    beneficiaryId: line?.beneficiaryId ?? '',
    communeCode: line?.communeCode ?? context.beneficiary?.communeCode ?? null,
    lineId: line?.id,
  };
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
  await db.transaction(
    'rw',
    [db.outbox, db.shadows, db.beneficiaries, db.rosterPages, db.paymentLines, db.idChecks],
    async () => {
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
        // A check recorded by a rejected op (on its own or carried by a payment) is not a fact either.
        if (stateOf(byId.get(op.id) ?? { status: 'applied' }) === 'rejected') await db.idChecks.delete(op.id);
        const table = tableOf(op.type);
        if (table !== 'idChecks' && table !== null && touched.delete(op.entityId))
          await rebuildEntity(db, table, op.entityId);
      }
    },
  );
}

/** Marks a failed attempt on ops that stay pending (network, server error). */
export async function notePushFailure(db: AppDb, sent: readonly OutboxRow[], code: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const op of sent) await db.outbox.update(op.seq, { attempts: op.attempts + 1, lastError: code });
  });
}

/** Why a screen's op was not recorded: a refusal, or storage that failed (full, closed). */
export type RecordError = RecordRefusal | { code: 'storage-failed'; storage: StorageErrorCode };

/** `recordOp` bound to the device's database, for screens (through the services context). */
export type Recorder = <T extends OpType>(
  ctx: OpContext,
  type: T,
  entityId: string,
  input: PayloadInput<T>,
  options?: RecordOptions,
) => Promise<Result<OutboxRow, RecordError>>;

/**
 * Records through `recordOp`, and answers a storage failure (quota, closed database) as a value,
 * so every screen can tell the user that nothing was recorded; other errors are bugs and throw.
 */
export function createRecorder(db: AppDb): Recorder {
  return async (ctx, type, entityId, input, options) => {
    try {
      return await recordOp(db, ctx, type, entityId, input, options);
    } catch (e) {
      const storage = toStorageErrorCode(e);
      if (storage === null) throw e;
      return err({ code: 'storage-failed', storage });
    }
  };
}
