/**
 * The write path of sync (docs/protocol.md "Push"), without HTTP: the route and the benchmark call
 * `applyPush`. Ops are applied one by one, each atomic on its own (its own savepoint in a commit
 * group: push-group.ts on SQLite, push-group-pg.ts on PostgreSQL), in the order sent; the batch is
 * not all-or-nothing, so one bad op never blocks the ops behind it.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { LooseOpEnvelope } from '../../protocol/ops';
import type { PushRequest, PushResponse, PushResult } from '../../protocol/push';
import type { AppDatabase } from '../db/database';
import type { Database } from '../db/schema';
import type { Logger } from '../logger';
import { isoTime, type PushContext } from './push-context';
import { findOpOutcomes, replayResult } from './op-log';
import { isPostgres } from '../db/dialect';
import { claimableSeq, pushOne, recheckBlobs, type OpScope } from './push-op';
import { runInCommitGroups } from './push-group';
import { runInPgGroups } from './push-group-pg';
import { recordSeqProgress } from './seq-progress';

export type PushDeps = {
  clock: Clock;
  logger: Logger;
  /** PostgreSQL: false writes each op's rows at once instead of holding a group's back (tests). */
  holdWritesBack?: boolean | undefined;
};

/**
 * Applies a push for the signed-in `user` on `device` (the token's). `forbidden` when the body
 * names another device: nothing is applied then.
 */
export async function applyPush(
  db: AppDatabase | Kysely<Database>,
  user: User,
  device: { id: string },
  body: PushRequest,
  deps: PushDeps,
): Promise<Result<PushResponse, 'forbidden'>> {
  if (body.deviceId !== device.id) return err('forbidden');
  const kysely = 'kysely' in db ? db.kysely : db;
  return ok(await applyOps(kysely, { user, deviceId: device.id, ops: body.ops, lastSeq: body.lastSeq }, deps));
}

export type OpsBatch = {
  /** The user the ops are applied as: the actor they must name, and whose role and communes authorise them. */
  user: User;
  /** The device the ops are applied as: the device they must name, whose seqs they claim. */
  deviceId: string;
  ops: readonly LooseOpEnvelope[];
  /** Highest seq made on the device, as far as the sender knows (never lowers what is stored). */
  lastSeq: number;
  /** Set for an imported outbox file: the supervisor or admin who imported it. */
  importedBy?: string | undefined;
};

/**
 * The push pipeline for a batch already tied to a device and its user: by a push (the token's)
 * or by an import of the device's outbox file (docs/protocol.md "Storage safety").
 */
export async function applyOps(
  kysely: Kysely<Database>,
  batch: OpsBatch,
  { clock, logger, holdWritesBack = true }: PushDeps,
): Promise<PushResponse> {
  const { user, deviceId } = batch;
  const row = await kysely
    .selectFrom('devices')
    .select(['name', 'max_seq_received'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  // One read for the whole batch instead of one per op: a retried batch is mostly replays.
  const seen = await findOpOutcomes(
    kysely,
    deviceId,
    batch.ops.map((op) => op.id),
  );
  let highestSeq = Number(row?.max_seq_received ?? 0);
  const results: PushResult[] = [];
  const arrived: number[] = [];
  let toRecheck: { hashes: string[]; now: number }[] = [];
  const step = async (scope: OpScope, raw: LooseOpEnvelope): Promise<void> => {
    const first = seen.get(raw.id);
    if (first) {
      results.push(replayResult(raw.id, first, raw));
      return;
    }
    const seq = claimableSeq(raw, deviceId);
    const ctx: PushContext = {
      user,
      device: { id: deviceId, name: row?.name ?? null },
      receivedAt: clock.now(),
      importedBy: batch.importedBy,
    };
    const run = await pushOne(scope, ctx, raw, { isUnseen: true, isSeqFresh: seq !== null && seq > highestSeq });
    results.push(run.result);
    if (seq !== null) highestSeq = Math.max(highestSeq, seq);
    if (run.claimedSeq !== null) arrived.push(run.claimedSeq);
    if (run.missingBlobs.length > 0) toRecheck.push({ hashes: run.missingBlobs, now: ctx.receivedAt });
  };
  // Only after the commit that holds the ops: a blob upload must be able to see their missing rows.
  const recheckCommitted = async () => {
    const committed = toRecheck;
    toRecheck = [];
    for (const { hashes, now } of committed) await recheckBlobs(kysely, hashes, now);
  };
  // Sequential on purpose: an op may depend on the one before it (a create, then its update).
  if (isPostgres(kysely)) {
    await runInPgGroups(kysely, batch.ops, {
      step,
      afterCommit: recheckCommitted,
      needsWrite: (op) => !seen.has(op.id),
      onLocked: async (reader, ops) => {
        const committed = await findOpOutcomes(
          reader,
          deviceId,
          ops.map((op) => op.id),
        );
        for (const [id, outcome] of committed) seen.set(id, outcome);
      },
      holdBack: holdWritesBack,
      logger,
      deviceId,
      checkpoint: () => {
        const [answered, highest, claimed, rechecks] = [results.length, highestSeq, arrived.length, toRecheck.length];
        return () => {
          results.length = answered;
          highestSeq = highest;
          arrived.length = claimed;
          toRecheck.length = rechecks;
        };
      },
    });
  } else {
    await runInCommitGroups(kysely, batch.ops, step, recheckCommitted);
  }
  // After the ops, in its own transaction: bookkeeping must never hold back or undo an op.
  await recordSeqProgress(kysely, deviceId, { lastSeq: batch.lastSeq, arrived, now: clock.now(), logger });
  return { protocol: PROTOCOL_VERSION, serverTime: isoTime(clock.now()), results };
}
