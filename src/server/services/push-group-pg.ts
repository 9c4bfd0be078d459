/**
 * Group commit for PostgreSQL: consecutive ops of one push share one transaction and one durable
 * commit, each op all-or-nothing in its own savepoint, as on SQLite (push-group.ts says why that
 * keeps docs/protocol.md "Push"). Each op in its own transaction cost one WAL flush and about nine
 * round trips per op.
 *
 * Why it cannot deadlock: a group takes every lock its ops need at its start, in one global
 * order, before the change counter: beneficiary keys (advisory, sorted), then payment-line rows
 * (`FOR UPDATE`, sorted by id), then the counter row. Every other writer takes its entity locks
 * before the counter too (`lockKey`), and entity rows are written only by the counter's holder.
 * So a group waiting for a lock holds no lock anyone ahead of it needs, and once it holds the
 * counter no other group can be between its locks. Ops of the group asking again for a lock
 * the group holds get it at once (row locks and advisory locks are re-entrant in a transaction).
 *
 * What the group saves: one counter update per group (group-state.ts), one statement locking and
 * reading all its lines and one reading their beneficiaries (parsed once; an op sees the value the
 * previous op wrote, not a re-read), report rows written once (group-state.ts) and one commit.
 *
 * Held-back writes: an op's writes to rows the group holds and its op log row are kept in memory
 * and written for the whole group in one statement per table (group-flush.ts), so a payment
 * decided on its held line sends nothing (it was three round trips: savepoint, line, op log).
 * Why the answers are the same as writing at once:
 * - Before any other statement of the group (a read of the op log, a conflict written, a blob
 *   looked up) everything held back is written first (db/statement-hook.ts): no statement can
 *   miss an earlier op's write. Held rows are read from the group's copy, which has them.
 * - An op that sends no statement changes nothing in the database: when it fails, forgetting its
 *   held-back writes is its rollback. An op that sends one opens its savepoint first.
 * - The op log's unique keys decide duplicates: a key taken inside the group is seen in memory;
 *   one taken by another request makes the held-back insert skip a row, and then the whole group
 *   is undone and run again op by op (nothing of it was committed or answered yet).
 *
 * A group is at most GROUP_MAX_OPS ops and closes after GROUP_MAX_MS: it holds the counter, so
 * other pushes wait for its commit.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { lockKey } from '../db/dialect';
import { hookStatements, type RunStatement } from '../db/statement-hook';
import type { Database } from '../db/schema';
import type { Logger } from '../logger';
import { familyOf, isOpType } from '../../protocol/op-registry';
import type { LooseOpEnvelope } from '../../protocol/ops';
import { lockEntities, readEntities } from './entity-store';
import { writeReportRows } from '../reports/report-store';
import { bindGroup, GroupState } from './group-state';
import type { OpScope } from './push-op';
import { isRecord } from './data-fields';
import { RedoUnbuffered, writeHeldBack } from './group-flush';

const GROUP_MAX_MS = 100;
const GROUP_MAX_OPS = 250;

/** The log line of a group undone and run again op by op (see group-flush.ts). */
export const GROUP_RERUN_LOG = 'push group run again op by op';

/** What an op locks: a payment line by its row, a beneficiary by its key (see `lockKey`). */
export type LockTarget = { kind: 'line'; id: string } | { kind: 'beneficiary'; id: string };

/** The lock an op's family takes (nothing for ID checks, unknown types or unreadable ids). */
export function lockOf(raw: LooseOpEnvelope): LockTarget | null {
  const { type, entityId } = raw;
  if (!isOpType(type) || typeof entityId !== 'string' || entityId.length === 0) return null;
  switch (familyOf(type)) {
    case 'payment-line':
      return { kind: 'line', id: entityId };
    case 'beneficiary':
      return { kind: 'beneficiary', id: entityId };
    case 'id-check':
    case 'cash-custody':
      return null;
  }
}

/** What the push tells the groups about its ops. */
export type GroupHooks = {
  /** Answers each op, in order (inside the group's transaction). */
  step: (scope: OpScope, op: LooseOpEnvelope) => Promise<void>;
  /** Runs after each group's commit (post-commit work such as blob re-checks). */
  afterCommit: () => Promise<void>;
  /** False for an op known to be a replay (answered without writing or locking). */
  needsWrite: (op: LooseOpEnvelope) => boolean;
  /**
   * Runs once the group holds its locks: a copy of these ops that another request was applying
   * has committed by then, and is read now rather than decided twice (a copy decided again
   * would write the same conflict twice before its op log row could tell it was a copy).
   */
  onLocked: (reader: Kysely<Database>, ops: readonly LooseOpEnvelope[]) => Promise<void>;
  /**
   * Remembers what `step` has answered so far; the function returned forgets what it answered
   * since (a group undone to be run again, see group-flush.ts).
   */
  checkpoint: () => () => void;
  /** False runs every group writing op by op (tests compare both ways); true in service. */
  holdBack: boolean;
  /** Told of each group run again op by op: ids and counts only (docs/style.md §2.10). */
  logger: Logger;
  /** The pushing device, for the log. */
  deviceId: string;
};

/** Runs `step` on each op in order, in commit groups (the same contract as `runInCommitGroups`). */
export async function runInPgGroups(db: Kysely<Database>, ops: readonly LooseOpEnvelope[], hooks: GroupHooks) {
  let next = 0;
  while (next < ops.length) {
    const planned = ops.slice(next, next + GROUP_MAX_OPS);
    const restore = hooks.checkpoint();
    let ran: GroupRun;
    try {
      ran = await runGroup(db, planned, hooks, hooks.holdBack);
    } catch (error) {
      if (!(error instanceof RedoUnbuffered)) throw error;
      // Nothing of the group was committed or answered: run it again, each op written at once.
      // Logged: a rerun holds the counter twice as long, and one that recurs is a bug to find.
      hooks.logger.warn(GROUP_RERUN_LOG, {
        deviceId: hooks.deviceId,
        ops: planned.length,
        reason: error.message,
        cause: causeName(error.cause),
      });
      restore();
      ran = await runGroup(db, planned, hooks, false);
    }
    next += ran.done;
    await hooks.afterCommit();
    if (ran.failure) throw ran.failure.error;
  }
}

type GroupRun = { done: number; failure: { error: unknown } | null };

/** What failed under a rerun, without its message (a database error's may quote a value). */
function causeName(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  const name = cause.constructor.name;
  return typeof code === 'string' ? `${name} ${code}` : name;
}

async function runGroup(
  db: Kysely<Database>,
  planned: readonly LooseOpEnvelope[],
  { step, needsWrite, onLocked }: GroupHooks,
  holdBack: boolean,
): Promise<GroupRun> {
  return db.transaction().execute(async (trx) => {
    const writing = planned.filter(needsWrite);
    const scope = writing.length > 0 ? await openGroup(trx, writing, holdBack) : null;
    try {
      if (scope) await onLocked(trx, writing);
      const openedAt = performance.now();
      let done = 0;
      for (const op of planned) {
        try {
          await step(scope ?? plainScope(trx), op);
        } catch (error) {
          if (error instanceof RedoUnbuffered || scope?.isBroken()) throw error;
          await scope?.close();
          return { done, failure: { error } };
        }
        done++;
        if (performance.now() - openedAt >= GROUP_MAX_MS) break;
      }
      await scope?.close();
      return { done, failure: null };
    } finally {
      scope?.release();
    }
  });
}

/** Takes the group's locks in the global order, then the counter; returns the ops' scope. */
async function openGroup(trx: Transaction<Database>, ops: readonly LooseOpEnvelope[], holdBack: boolean) {
  const lines: string[] = [];
  const beneficiaries: string[] = [];
  for (const op of ops) {
    const target = lockOf(op);
    if (target?.kind === 'line') lines.push(target.id);
    else if (target?.kind === 'beneficiary') beneficiaries.push(target.id);
  }
  for (const id of [...new Set(beneficiaries)].sort()) await lockKey(trx, `beneficiary:${id}`);
  const locked = await lockEntities(trx, 'payment-line', lines);
  const counter = await sql<{ value: string | number }>`
    update change_counter set value = value where id = 1 returning value`.execute(trx);
  const savepoints = new OpSavepoints();
  const hook = holdBack ? await hookStatements(trx, () => savepoints.beforeStatement()) : null;
  const state = new GroupState(Number(counter.rows[0]?.value ?? 0), hook !== null);
  for (const row of locked) state.hold(row);
  // The lines' beneficiaries (a payment reads its status), read once now that nobody else can write.
  const people = locked.map((l) => (isRecord(l.data) ? l.data['beneficiaryId'] : undefined));
  const ids = people.filter((id): id is string => typeof id === 'string');
  for (const row of await readEntities(trx, 'beneficiary', ids)) state.hold(row);
  bindGroup(trx, state);
  return savepoints.scope(trx, state, hook);
}

/** A group of replays only: nothing is written, nothing locked. */
const plainScope = (trx: Transaction<Database>): OpScope => ({
  reader: trx,
  atomically: () => Promise.reject(new Error('a replay-only group applies no op')),
});

type Hook = { run: RunStatement; release: () => void };

/**
 * One savepoint per op. Without held-back writes every op opens its own at its start. With them
 * an op opens one only before its first statement: an op that sends none (a payment decided on
 * the held line, its line write and op log row held back) has nothing in the database to undo.
 * Before any statement the ended ops' writes go first (outside the op's savepoint), then the
 * running op's (inside it). The release of an op's savepoint is sent with the next savepoint
 * (one round trip for both), and the last one is left to the commit.
 */
class OpSavepoints {
  private isOpen = false;
  private isBroken = false;
  private running: { hasSavepoint: boolean } | null = null;
  private held: { trx: Transaction<Database>; state: GroupState; hook: Hook } | null = null;

  async beforeStatement(): Promise<void> {
    const held = this.held;
    if (!held) return;
    const { trx, state, hook } = held;
    await writeHeldBack(trx, hook.run, state.takeEnded());
    const running = this.running;
    if (!running) return;
    if (!running.hasSavepoint) {
      await this.openSavepoint((text) => hook.run(CompiledQuery.raw(text)).then(() => undefined));
      running.hasSavepoint = true;
    }
    await writeHeldBack(trx, hook.run, state.takeRunning());
  }

  private async openSavepoint(send: (text: string) => Promise<void>) {
    try {
      await send(this.isOpen ? 'release savepoint push_op; savepoint push_op' : 'savepoint push_op');
    } catch (error) {
      throw this.held ? new RedoUnbuffered('opening a savepoint failed', error) : error;
    }
    this.isOpen = true;
  }

  scope(trx: Transaction<Database>, state: GroupState, hook: Hook | null) {
    if (hook) this.held = { trx, state, hook };
    const send = (text: string) => (hook ? hook.run(CompiledQuery.raw(text)) : sql.raw(text).execute(trx));
    const scope: OpScope & { isBroken: () => boolean; close: () => Promise<void>; release: () => void } = {
      reader: trx,
      isBroken: () => this.isBroken,
      atomically: async (work) => {
        const running = { hasSavepoint: false };
        if (!hook) {
          await this.openSavepoint((text) => send(text).then(() => undefined));
          running.hasSavepoint = true;
        }
        this.running = running;
        let result;
        try {
          result = await work(trx);
        } catch (error) {
          this.running = null;
          if (error instanceof RedoUnbuffered) throw error;
          if (running.hasSavepoint) {
            try {
              await send('rollback to savepoint push_op');
            } catch {
              this.isBroken = true;
            }
          }
          state.opRolledBack();
          throw error;
        }
        this.running = null;
        state.opCommitted();
        return result;
      },
      close: async () => {
        if (hook) await writeHeldBack(trx, hook.run, state.takeEnded());
        const reports = state.pendingReports();
        if (reports.changes.length > 0) await writeReportRows(trx, reports.changes, reports.now);
        const last = state.finalCounter();
        if (last !== null) await sql`update change_counter set value = ${last} where id = 1`.execute(trx);
      },
      release: () => hook?.release(),
    };
    return scope;
  }
}
