/**
 * A list's way after import (docs/protocol.md "Lists"): the preparer submits it; an approver who
 * did not prepare it approves it or returns it with a comment (four eyes). Approval keeps a hash
 * of the exact lines approved, and an approved list is never edited. Every step is one
 * transaction that re-reads the list under its row lock and writes an event.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { ListStatus } from '../../protocol/lists';
import { can, type Action } from '../../protocol/permissions';
import type { ListDiff } from '../../domain/list-diff';
import { lockKey } from '../db/dialect';
import { decidedReasons, decreaseKeys } from './list-decisions';
import { fieldProposalsOf } from './list-field-outcomes';
import { matchAnswers } from './list-answers';
import { undecided } from './list-matches';
import type { Database, ListAction } from '../db/schema';

export type ListStep = 'submit' | 'return' | 'approve';

/** For each step: who may take it, from which statuses, and where it leads. */
const steps = {
  submit: { action: 'lists.prepare', from: ['draft', 'returned'], to: 'submitted' },
  return: { action: 'lists.approve', from: ['submitted'], to: 'returned' },
  approve: { action: 'lists.approve', from: ['submitted'], to: 'approved' },
} as const satisfies Record<ListStep, { action: Action; from: readonly ListStatus[]; to: ListStatus }>;

type StepInput = { listId: string; step: ListStep; comment?: string | undefined; now: number };

export async function takeListStep(
  db: Kysely<Database>,
  user: User,
  input: StepInput,
): Promise<Result<{ listId: string; status: ListStatus }, RequestErrorCode>> {
  return db.transaction().execute(async (trx) => {
    // Two steps on one list (an approval and a return at once) are decided one after the other.
    await lockKey(trx, `list:${input.listId}`);
    const list = await trx
      .selectFrom('lists')
      .select(['id', 'status', 'commune_code', 'period', 'preparer_id', 'diff'])
      .where('id', '=', input.listId)
      .executeTakeFirst();
    if (!list) return err('not-found');
    const step = steps[input.step];
    if (!can(user, step.action, list.commune_code)) return err('forbidden');
    // Four eyes, before any order check: nobody approves or returns a list they prepared.
    if (input.step !== 'submit' && list.preparer_id === user.id) return err('own-list');
    if (!(step.from as readonly string[]).includes(list.status)) return err('list-step-out-of-order');
    // Every name-only match and field finding is answered, and every person who leaves the list
    // has a reason, before it goes for approval.
    if (input.step === 'submit') {
      const diff = JSON.parse(list.diff) as ListDiff;
      if (undecided(diff, await matchAnswers(trx, list.id)) > 0) return err('match-undecided');
      if ((await fieldProposalsOf(trx, list)).some((p) => p.accepted === null)) return err('field-outcome-undecided');
      const decided = await decidedReasons(trx, list.id);
      if (decreaseKeys(diff).some((k) => !decided.has(k))) return err('decrease-reason-missing');
    }
    const approved = input.step === 'approve' ? await linesHash(trx, list.id) : null;
    await trx
      .updateTable('lists')
      .set({
        status: step.to,
        ...(approved === null ? {} : { approved_hash: approved, approver_id: user.id, approved_at: input.now }),
      })
      .where('id', '=', list.id)
      .execute();
    await logEvent(trx, list.id, user.id, input.step, input.comment ?? null, input.now);
    return ok({ listId: list.id, status: step.to });
  });
}

/** sha256 of the list's lines in row order: what exactly was approved. */
export async function linesHash(db: Kysely<Database>, listId: string): Promise<string> {
  const lines = await db
    .selectFrom('list_lines')
    .select(['row', 'beneficiary_id', 'kind', 'total', 'data'])
    .where('list_id', '=', listId)
    .orderBy('row')
    .execute();
  const hash = createHash('sha256');
  for (const l of lines) hash.update(JSON.stringify([l.row, l.beneficiary_id, l.kind, Number(l.total), l.data]));
  return hash.digest('hex');
}

export async function logEvent(
  trx: Transaction<Database>,
  listId: string,
  userId: string,
  action: ListAction,
  comment: string | null,
  now: number,
): Promise<void> {
  // Events of one list are numbered: two in the same millisecond still read in order.
  const last = await trx
    .selectFrom('list_events')
    .select((eb) => eb.fn.max('n').as('n'))
    .where('list_id', '=', listId)
    .executeTakeFirst();
  const n = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto('list_events')
    .values({ list_id: listId, n, at: now, user_id: userId, action, comment })
    .execute();
}
