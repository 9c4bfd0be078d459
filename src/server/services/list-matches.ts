/**
 * The preparer's answers about name-only matches (docs/protocol.md "Lists"): "the same person"
 * pairs the row with the roster's person — the diff is made again, the row's line becomes theirs
 * (no second enrolment) and they no longer leave the list; "two people" keeps them apart. Every
 * proposal is answered before the list is submitted.
 */
import type { Kysely } from 'kysely';
import type { ListDiff } from '../../domain/list-diff';
import { kindsByKey, linesOfDiff, matchKey, pairedPrevious, rediff } from '../../domain/list-matches';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { Database } from '../db/schema';
import { matchAnswers, settleTotals } from './list-answers';
import { preparingList } from './list-preparing';

export type MatchAnswer = { beneficiaryId: string; row: number; same: boolean };

/** Proposals of the diff not answered "two people" (answered "same", they are no longer proposals). */
export function undecided(diff: ListDiff, answers: ReadonlyMap<string, boolean>): number {
  return diff.proposedMatches.filter((m) => !answers.has(matchKey(m.previous.key, m.current.key))).length;
}

export async function setMatches(
  db: Kysely<Database>,
  user: User,
  input: { listId: string; answers: MatchAnswer[]; now: number },
): Promise<Result<{ undecided: number }, RequestErrorCode>> {
  return db.transaction().execute(async (trx) => {
    const preparing = await preparingList(trx, user, input.listId);
    if (!preparing.ok) return preparing;
    const list = preparing.value;
    const diff = JSON.parse(list.diff) as ListDiff;
    // What may be answered: an open proposal, or a pair confirmed before (to take it back).
    const paired = pairedPrevious(diff);
    const askable = new Set([
      ...diff.proposedMatches.map((m) => matchKey(m.previous.key, m.current.key)),
      ...[...paired].filter(([current]) => current.startsWith('row:')).map(([c, p]) => matchKey(p, c)),
    ]);
    for (const a of input.answers) {
      if (!askable.has(matchKey(a.beneficiaryId, `row:${a.row}`))) return err('invalid-body');
      const values = { same: a.same ? 1 : 0, decided_by: user.id, decided_at: input.now };
      await trx
        .insertInto('list_matches')
        .values({ list_id: list.id, beneficiary_id: a.beneficiaryId, row: a.row, ...values })
        .onConflict((oc) => oc.columns(['list_id', 'beneficiary_id', 'row']).doUpdateSet(values))
        .execute();
    }
    const answers = await matchAnswers(trx, list.id);
    const confirmed = new Set([...answers].filter(([, same]) => same).map(([key]) => key));
    const next = rediff(diff, confirmed);
    await trx
      .updateTable('lists')
      .set({ diff: JSON.stringify(next) })
      .where('id', '=', list.id)
      .execute();
    await relinkLines(trx, list.id, next);
    // A row taken apart from a person held back is paid again as the file says.
    await settleTotals(trx, list.id, next);
    return ok({ undecided: undecided(next, answers) });
  });
}

/** Each line's person and kind as the remade diff says (a confirmed row becomes the roster's person). */
async function relinkLines(db: Kysely<Database>, listId: string, diff: ListDiff): Promise<void> {
  const newRows = new Set(linesOfDiff(diff).current.map((l) => l.key));
  const paired = pairedPrevious(diff);
  const kinds = kindsByKey(diff);
  const lines = await db
    .selectFrom('list_lines')
    .select(['row', 'beneficiary_id', 'kind'])
    .where('list_id', '=', listId)
    .execute();
  for (const l of lines) {
    const rowKey = `row:${l.row}`;
    const key = newRows.has(rowKey) ? rowKey : l.beneficiary_id;
    if (key === null) continue;
    const person = key.startsWith('row:') ? (paired.get(key) ?? null) : key;
    const kind = kinds.get(key) ?? l.kind;
    if (person === l.beneficiary_id && kind === l.kind) continue;
    await db
      .updateTable('list_lines')
      .set({ beneficiary_id: person, kind })
      .where('list_id', '=', listId)
      .where('row', '=', l.row)
      .execute();
  }
}
