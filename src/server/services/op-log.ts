/**
 * The ops table (docs/protocol.md "What the server stores"): every received op, verbatim, with who sent
 * it, when, and its first result. Rows are inserted once and never updated or deleted; a replay
 * is answered from the stored first result.
 */
import { cutText, isIllFormed, toWellFormed } from '../../lib/well-formed';
import type { Kysely, Transaction } from 'kysely';
import { opTypes } from '../../protocol/ops';
import { opResultMessagesVi } from '../../protocol/op-messages.vi';
import {
  conflictCodes,
  rejectCodes,
  type ConflictCode,
  type OpResultCode,
  type PushResult,
  type RejectCode,
} from '../../protocol/push';
import { preparedQuery } from '../db/prepared';
import type { Database, OpsTable } from '../db/schema';
import { groupOf } from './group-state';

/** The result of one op, as decided by the server. */
export type OpOutcome =
  | { status: 'applied'; version: number }
  | { status: 'conflict'; code: ConflictCode; version: number }
  | { status: 'rejected'; code: RejectCode; detail?: string };

export const rejected = (code: RejectCode, detail?: string): OpOutcome => ({
  status: 'rejected',
  code,
  ...(detail === undefined ? {} : { detail }),
});

/** An op's first outcome, and the op as it arrived (to tell a replay from a reused id). */
export type StoredOutcome = Pick<OpsTable, 'status' | 'code' | 'version' | 'envelope'>;

const selectOutcome = preparedQuery<{ deviceId: string; opId: string }, StoredOutcome>((db, arg) =>
  db
    .selectFrom('ops')
    .select(['status', 'code', 'version', 'envelope'])
    .where('device_id', '=', arg('deviceId'))
    .where('op_id', '=', arg('opId')),
);

const outcomeOf = (row: StoredOutcome): StoredOutcome => ({
  status: row.status,
  code: row.code,
  version: row.version === null ? null : Number(row.version),
  envelope: row.envelope,
});

/** The device's op `opId` if it arrived before: op ids are a device's own (issue 13, finding 3). */
export async function findOpOutcome(
  db: Kysely<Database>,
  deviceId: string,
  opId: string,
): Promise<StoredOutcome | undefined> {
  const [row] = await selectOutcome(db, { deviceId, opId });
  return row && outcomeOf(row);
}

/** First outcomes of the device's ops among `opIds` that were seen before (one query for a batch). */
export async function findOpOutcomes(
  db: Kysely<Database>,
  deviceId: string,
  opIds: readonly string[],
): Promise<Map<string, StoredOutcome>> {
  const ids = [...new Set(opIds)].filter((id) => !isIllFormed(id));
  const found = new Map<string, StoredOutcome>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('ops')
    .select(['op_id', 'status', 'code', 'version', 'envelope'])
    .where('device_id', '=', deviceId)
    .where('op_id', 'in', ids)
    .execute();
  for (const r of rows) found.set(r.op_id, outcomeOf(r));
  return found;
}

/**
 * The answer to an op id the device sent before: its first outcome when it is the same op (a
 * replay), else `op-id-reused` — another op under a used id is never taken for its duplicate.
 */
export function replayResult(id: string, first: StoredOutcome, raw: Record<string, unknown>): PushResult {
  return isSameOp(first.envelope, raw) ? duplicateResult(id, first) : resultOf(id, rejected('op-id-reused'));
}

/** Same type, entity and payload (the envelope's other fields may differ between resends). */
function isSameOp(storedEnvelope: string, raw: Record<string, unknown>): boolean {
  let stored: unknown;
  try {
    stored = JSON.parse(storedEnvelope);
  } catch {
    return false;
  }
  if (typeof stored !== 'object' || stored === null) return false;
  const s = stored as Record<string, unknown>;
  // An op stored as unreadable (nested too deep) is matched by its id alone: it was refused anyway.
  if ('unreadable' in s) return true;
  return (
    s['type'] === raw['type'] &&
    s['entityId'] === raw['entityId'] &&
    stableJson(s['payload']) === stableJson(raw['payload'])
  );
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

/** The op that claimed `seq` on the device, if any. */
const selectSeqOwner = preparedQuery<{ deviceId: string; seq: number }, { op_id: string }>((db, arg) =>
  db.selectFrom('ops').select('op_id').where('device_id', '=', arg('deviceId')).where('seq', '=', arg('seq')),
);

export async function findSeqOwner(db: Kysely<Database>, deviceId: string, seq: number): Promise<string | undefined> {
  const [row] = await selectSeqOwner(db, { deviceId, seq });
  return row?.op_id;
}

export type OpRecord = {
  opId: string;
  deviceId: string;
  userId: string;
  seq: number | null;
  raw: Record<string, unknown>;
  receivedAt: number;
  outcome: OpOutcome;
  /** Set when the op arrived in an outbox file imported by this user (not pushed by its device). */
  importedBy?: string | undefined;
};

const MAX_COLUMN_TEXT = 100;
/** UTF-16 units of `detail` kept (a schema failure lists every issue, some quoting the payload's keys). */
export const MAX_DETAIL = 2000;

/**
 * Inserts the op and its result. False when the op id or the (device, seq) claim is already
 * taken: a copy of the same op (or another op with the same seq) committed first. The caller
 * then rolls its transaction back, so nothing the op wrote survives, and asks again.
 */
export async function insertOp(trx: Transaction<Database>, record: OpRecord): Promise<boolean> {
  const { raw, outcome } = record;
  const row: OpsTable = {
    op_id: record.opId,
    device_id: record.deviceId,
    user_id: record.userId,
    seq: record.seq,
    type: typeof raw['type'] === 'string' && (opTypes as readonly string[]).includes(raw['type']) ? raw['type'] : null,
    entity_id: columnText(raw['entityId']),
    recorded_at: columnText(raw['recordedAt']),
    received_at: record.receivedAt,
    envelope: JSON.stringify(raw),
    status: outcome.status,
    code: outcome.status === 'applied' ? null : outcome.code,
    detail: outcome.status === 'rejected' && outcome.detail ? storableDetail(outcome.detail) : null,
    version: outcome.status === 'rejected' ? null : outcome.version,
    imported_by: record.importedBy ?? null,
  };
  // A PostgreSQL commit group writes it with its other ops' rows (push-group-pg.ts): a taken key
  // is found among those held back now, or among the committed ones when they are written.
  const group = groupOf(trx);
  if (group?.isBuffering) return group.holdBackOpLog(row);
  const [inserted] = await insertOpRow(trx, row);
  return inserted !== undefined;
}

/**
 * Every column of `ops`, so an insert of a whole row never leaves one out (tsc checks the keys):
 * the prepared insert here and the held-back insert (group-flush.ts).
 */
export const opColumns: Record<keyof OpsTable, true> = {
  op_id: true,
  device_id: true,
  user_id: true,
  seq: true,
  type: true,
  entity_id: true,
  recorded_at: true,
  received_at: true,
  envelope: true,
  status: true,
  code: true,
  detail: true,
  version: true,
  imported_by: true,
};

// No conflict target: either unique key (device_id + op_id, or device_id + seq) makes this a no-op.
const insertOpRow = preparedQuery<OpsTable, { op_id: string }>((db, arg) =>
  db
    .insertInto('ops')
    .values(Object.fromEntries(Object.keys(opColumns).map((c) => [c, arg(c as keyof OpsTable)])) as OpsTable)
    .onConflict((oc) => oc.doNothing())
    .returning('op_id'),
);

/**
 * Well-formed text whichever way the row is written: cut on a code point boundary (a cut inside
 * a surrogate pair left half an emoji, which the driver stored as U+FFFD and a held-back row's
 * JSON parameter made PostgreSQL refuse, running the whole group again), no lone surrogate.
 */
function storableDetail(detail: string): string {
  return toWellFormed(cutText(detail, MAX_DETAIL));
}

/** Raw envelope text kept in a column only when it is short, printable text. */
function columnText(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_COLUMN_TEXT && !isIllFormed(value) ? value : null;
}

export function resultOf(id: string, outcome: OpOutcome): PushResult {
  switch (outcome.status) {
    case 'applied':
      return { id, status: 'applied', version: outcome.version };
    case 'conflict':
      return {
        id,
        status: 'conflict',
        code: outcome.code,
        message: opResultMessagesVi[outcome.code],
        version: outcome.version,
      };
    case 'rejected':
      return { id, status: 'rejected', code: outcome.code, message: opResultMessagesVi[outcome.code] };
  }
}

/** A replay: the first outcome's status in `code`, its code in `firstCode` (docs/protocol.md "Push"). */
export function duplicateResult(id: string, first: StoredOutcome): PushResult {
  const firstCode = isResultCode(first.code) ? first.code : undefined;
  return {
    id,
    status: 'duplicate',
    code: first.status,
    ...(firstCode ? { firstCode, message: opResultMessagesVi[firstCode] } : {}),
    ...(first.version === null ? {} : { version: first.version }),
  };
}

const resultCodes: readonly string[] = [...conflictCodes, ...rejectCodes];
const isResultCode = (code: string | null): code is OpResultCode => code !== null && resultCodes.includes(code);
