/**
 * One op of a push, atomic on its own: idempotency, seq, validation, authorisation, the op
 * family's rule, and the op log. Every path ends in exactly one `ops` row for the op id.
 */
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../lib/app-error';
import { isIllFormed } from '../../lib/well-formed';
import { assert } from '../../lib/assert';
import { familyOf, type OpFamily } from '../../protocol/op-registry';
import { isOfFamily, parseOp, type LooseOpEnvelope, type Op } from '../../protocol/ops';
import { can } from '../../protocol/permissions';
import type { PushResult } from '../../protocol/push';
import type { Database } from '../db/schema';
import { blobHashSchema } from '../../protocol/blobs';
import { clearMissingBlob, holdSweepOff, missingHashes, recordBlobRefs } from './blobs';
import { findOpOutcome, findSeqOwner, insertOp, rejected, replayResult, resultOf, type OpOutcome } from './op-log';
import type { Applied, PushContext } from './push-context';
import { applyBeneficiaryOnServer } from './apply-beneficiary';
import { applyCashOnServer } from './apply-cash';
import { applyIdCheckOnServer } from './apply-id-check';
import { applyPaymentLineOnServer } from './apply-payment-line';
import { checkReceiptOnServer } from './receipts';

export type OpRun = {
  result: PushResult;
  /** The seq this op claimed on the pushing device (null: none, or a replay). */
  claimedSeq: number | null;
};

/** Thrown inside the op's transaction to roll it back when a copy of the op committed first. */
class LostRace extends AppError<'lost-race'> {
  override name = 'LostRace';
  constructor() {
    super('lost-race', 'another copy of the op was recorded first');
  }
}

/** Deeper JSON than any op of protocol 1 is refused before it is walked or serialised. */
const MAX_DEPTH = 32;
const ATTEMPTS = 3;

/**
 * What the batch already knows about an op before its transaction: the op log had no row for its
 * id when the batch began, and its seq is above every seq the device had claimed. Both are only
 * shortcuts: the op log's unique keys still decide, and a retry checks everything again.
 */
export type OpHints = { isUnseen: boolean; isSeqFresh: boolean };

/**
 * Where an op runs. `atomically` makes the op's writes all-or-nothing: its own transaction, or its
 * own savepoint inside a commit group (push-group.ts, push-group-pg.ts); `reader` reads outside that unit, through
 * the same connection as the unit (inside a group, the group's transaction).
 */
export type OpScope = {
  reader: Kysely<Database>;
  atomically: <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;
};

/**
 * Applies one op. `missingBlobs` must be re-checked with `recheckBlobs` once the op's writes are
 * committed (not before: a blob upload must be able to see the op's missing rows).
 */
export async function pushOne(
  scope: OpScope,
  ctx: PushContext,
  raw: LooseOpEnvelope,
  hints: OpHints = { isUnseen: false, isSeqFresh: false },
): Promise<OpRun & { missingBlobs: string[] }> {
  // An id with a NUL cannot be stored as a key (PostgreSQL text refuses it): answered, not logged.
  if (isIllFormed(raw.id))
    return { result: resultOf(raw.id, rejected('invalid-payload')), claimedSeq: null, missingBlobs: [] };
  for (let attempt = 1; ; attempt++) {
    const isFirst = attempt === 1;
    if (!(isFirst && hints.isUnseen)) {
      const first = await findOpOutcome(scope.reader, ctx.device.id, raw.id);
      if (first) return { result: replayResult(raw.id, first, raw), claimedSeq: null, missingBlobs: [] };
    }
    try {
      const checkSeq = !(isFirst && hints.isSeqFresh);
      return await scope.atomically((trx) => decideAndLog(trx, ctx, raw, checkSeq));
    } catch (error) {
      // Idempotency under concurrency: 30 copies may pass the check above together; the op
      // log's unique keys let exactly one commit, the others roll back and answer `duplicate`
      // (or `seq-reused`) on the next round.
      if (!(error instanceof LostRace) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function decideAndLog(
  trx: Transaction<Database>,
  ctx: PushContext,
  raw: LooseOpEnvelope,
  checkSeq: boolean,
): Promise<OpRun & { missingBlobs: string[] }> {
  let seq = claimableSeq(raw, ctx.device.id);
  let applied: Applied | undefined;
  if (seq !== null && checkSeq) {
    const owner = await findSeqOwner(trx, ctx.device.id, seq);
    if (owner === raw.id) throw new LostRace();
    if (owner !== undefined) {
      // Not a fact: a device never reuses a seq, so this one is broken or replayed wrongly.
      applied = { outcome: rejected('seq-reused', `seq ${seq} is op ${owner}`) };
      seq = null;
    }
  }
  const scan = scanJson(raw);
  const evidence = namedBlobs(raw);
  // Before the op looks for its blobs: a sweep in progress finishes first, and the next one waits
  // until this op commits, so a blob it found present is not dropped before its name is recorded.
  if (evidence.length > 0) await holdSweepOff(trx);
  applied ??= await decide(trx, ctx, raw, scan);
  const isRecorded = await insertOp(trx, {
    opId: raw.id,
    deviceId: ctx.device.id,
    userId: ctx.user.id,
    seq,
    // Kept verbatim, unless too deep to serialise safely (then only its id and why).
    raw: scan.isTooDeep ? { id: raw.id, unreadable: 'nesting too deep' } : raw,
    receivedAt: ctx.receivedAt,
    outcome: applied.outcome,
    importedBy: ctx.importedBy,
  });
  if (!isRecorded) throw new LostRace();
  // An op taken into the record keeps the evidence it names (the unnamed is dropped in time).
  if (applied.outcome.status !== 'rejected' && evidence.length > 0)
    await recordBlobRefs(trx, { deviceId: ctx.device.id, opId: raw.id }, evidence);
  return { result: resultOf(raw.id, applied.outcome), claimedSeq: seq, missingBlobs: applied.missingBlobs ?? [] };
}

async function decide(
  trx: Transaction<Database>,
  ctx: PushContext,
  raw: LooseOpEnvelope,
  scan: JsonScan,
): Promise<Applied> {
  // PostgreSQL text cannot hold NUL, and no op of protocol 1 nests this deep: both are malformed.
  if (scan.isTooDeep) return { outcome: rejected('invalid-payload', 'nesting too deep') };
  if (scan.hasNul) return { outcome: rejected('invalid-payload', 'text contains a NUL or a lone surrogate') };
  const parsed = parseOp(raw);
  if (!parsed.ok) return { outcome: rejected('invalid-payload', parsed.error.issues.join('; ')) };
  const op = parsed.value;
  // The token is the identity: an op cannot speak for another device or person (docs/protocol.md "Push").
  if (op.deviceId !== ctx.device.id) return { outcome: rejected('forbidden', 'deviceId is not the signed-in device') };
  if (op.actorId !== ctx.user.id) return { outcome: rejected('forbidden', 'actorId is not the signed-in user') };
  if (!can(ctx.user, op.type)) return { outcome: rejected('forbidden', `role ${ctx.user.role}`) };
  const applied = await familyAppliers[familyOf(op.type)](trx, ctx, op);
  // A signed receipt is checked once the payment is decided, in the op's own unit: a flag is
  // kept with the op or not at all, and never refuses it (services/receipts.ts).
  if (op.type === 'payment.record' && applied.outcome.status !== 'rejected') await checkReceiptOnServer(trx, ctx, op);
  return applied;
}

/**
 * Each family's server apply (apply-*.ts), around the family's domain reducer. An op reaches
 * the one of its family (checked here, so a mismatch is a bug, never a silent no-op).
 */
const familyAppliers: Record<OpFamily, (trx: Transaction<Database>, ctx: PushContext, op: Op) => Promise<Applied>> = {
  beneficiary: (trx, ctx, op) => applyBeneficiaryOnServer(trx, ctx, ofFamily(op, 'beneficiary')),
  'payment-line': (trx, ctx, op) => applyPaymentLineOnServer(trx, ctx, ofFamily(op, 'payment-line')),
  'id-check': (trx, ctx, op) => applyIdCheckOnServer(trx, ctx, ofFamily(op, 'id-check')),
  'cash-custody': (trx, ctx, op) => applyCashOnServer(trx, ctx, ofFamily(op, 'cash-custody')),
};

/**
 * An op the server makes itself for the signed-in user (a batch's transfer ops, docs/protocol.md
 * "Transfer ops"): decided by its family's rule and logged like a pushed op, inside the caller's
 * transaction, with the session's device and no seq (it is not one of the device's own ops).
 */
export async function recordServerOp(trx: Transaction<Database>, ctx: PushContext, op: ServerOp): Promise<OpOutcome> {
  const { seq: _none, ...envelope } = op;
  const applied = await familyAppliers[familyOf(op.type)](trx, ctx, op);
  const isRecorded = await insertOp(trx, {
    opId: op.id,
    deviceId: ctx.device.id,
    userId: ctx.user.id,
    seq: null,
    raw: envelope,
    receivedAt: ctx.receivedAt,
    outcome: applied.outcome,
  });
  assert(isRecorded, `server op ${op.id} recorded once`);
  return applied.outcome;
}

/** A server-made op: an `Op` whose seq is 0 (never claimed, and not written to the log). */
export type ServerOp = Op & { seq: 0 };

function ofFamily<F extends OpFamily>(op: Op, family: F) {
  assert(isOfFamily(op, family), `${op.type} is not a ${family} op`);
  return op;
}

/** The seq an op claims: only a readable seq in the pushing device's own numbering. */
export function claimableSeq(raw: LooseOpEnvelope, deviceId: string): number | null {
  const seq = raw['seq'];
  return raw['deviceId'] === deviceId && typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/** Walks the parsed JSON without recursion and never below MAX_DEPTH. */
type JsonScan = { isTooDeep: boolean; hasNul: boolean };

function scanJson(value: unknown): JsonScan {
  let isTooDeep = false;
  let hasNul = false;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, depth } = item;
    if (typeof v === 'string') {
      hasNul ||= isIllFormed(v);
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_DEPTH) {
        isTooDeep = true;
        continue;
      }
      for (const [k, child] of Object.entries(v)) {
        hasNul ||= isIllFormed(k);
        stack.push({ v: child, depth: depth + 1 });
      }
    }
  }
  return { isTooDeep, hasNul };
}

/**
 * The evidence fields of the op types whose schema declares them (docs/protocol.md "Blobs"). Loose
 * payloads of other types may carry extra keys: those name nothing, or any accepted op could keep
 * any blob past the quota and the sweep.
 */
const evidenceFields: ReadonlyMap<string, readonly string[]> = new Map([
  ['payment.record', ['signature', 'photo']],
  ['beneficiary.set-account-status', ['signature']],
  ['cash.receive', ['signature']],
  ['cash.return', ['signature']],
  ['cash.handover', ['giverSignature', 'receiverSignature']],
]);

/** The blob hashes an accepted op names: its declared signature and photo. */
function namedBlobs(raw: LooseOpEnvelope): string[] {
  // A Map: a type of "__proto__" or "constructor" is a key like any other, not a property.
  const fields = typeof raw.type === 'string' ? evidenceFields.get(raw.type) : undefined;
  const payload: unknown = raw.payload;
  if (!fields || typeof payload !== 'object' || payload === null) return [];
  const values = payload as Record<string, unknown>;
  return fields.map((f) => values[f]).filter((h): h is string => blobHashSchema.safeParse(h).success);
}

/** See `clearMissingBlob`: a blob that arrived while this op was being applied is cleared now. */
export async function recheckBlobs(db: Kysely<Database>, hashes: readonly string[], now: number): Promise<void> {
  if (hashes.length === 0) return;
  const stillMissing = new Set(await missingHashes(db, hashes));
  for (const hash of hashes) if (!stillMissing.has(hash)) await clearMissingBlob(db, hash, now);
}
