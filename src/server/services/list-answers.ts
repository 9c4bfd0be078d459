/**
 * The preparer's answers on a list being prepared (docs/protocol.md "Lists"), and the list's money
 * made again from them: name-only matches (the same person, or two people) and field findings
 * (held back this month, or paid). Both answers change the diff, so both end here.
 */
import type { Kysely } from 'kysely';
import type { ListDiff } from '../../domain/list-diff';
import { kindsByKey, linesOfDiff, matchKey, rediff } from '../../domain/list-matches';
import type { ListRow } from '../../domain/list-rows';
import { vnd, type Vnd } from '../../domain/money';
import { chunks } from '../db/chunks';
import type { Database } from '../db/schema';

/** The name-only matches answered: `previousKey|row:N` → the same person. */
export async function matchAnswers(db: Kysely<Database>, listId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('list_matches')
    .select(['beneficiary_id', 'row', 'same'])
    .where('list_id', '=', listId)
    .execute();
  return new Map(rows.map((r) => [matchKey(r.beneficiary_id, `row:${r.row}`), Number(r.same) === 1]));
}

/** The field findings answered, by person. */
export async function fieldAnswers(db: Kysely<Database>, listId: string) {
  const rows = await db
    .selectFrom('list_field_outcomes')
    .select(['beneficiary_id', 'accepted', 'note'])
    .where('list_id', '=', listId)
    .execute();
  return new Map(rows.map((r) => [r.beneficiary_id, { accepted: Number(r.accepted) === 1, note: r.note }]));
}

/**
 * The diff and lines again with the answers: a held person's line pays 0 (a decrease), any other
 * line what the file says — a person released, or a row no longer paired with a held person.
 */
export async function settleTotals(db: Kysely<Database>, listId: string, diff: ListDiff): Promise<void> {
  const answers = await fieldAnswers(db, listId);
  // The answered people's lines, and every line at 0 (held back once, maybe no longer).
  const lines = await db
    .selectFrom('list_lines')
    .select(['row', 'beneficiary_id', 'data'])
    .where('list_id', '=', listId)
    .where('total', '=', 0)
    .execute();
  const seen = new Set(lines.map((l) => l.row));
  for (const ids of chunks([...answers.keys()]))
    for (const l of await db
      .selectFrom('list_lines')
      .select(['row', 'beneficiary_id', 'data'])
      .where('list_id', '=', listId)
      .where('beneficiary_id', 'in', ids)
      .execute())
      if (!seen.has(l.row)) lines.push(l);
  const rowKeys = new Set(linesOfDiff(diff).current.map((l) => l.key));
  const keyOf = (l: { row: number; beneficiary_id: string | null }) =>
    rowKeys.has(`row:${l.row}`) ? `row:${l.row}` : (l.beneficiary_id ?? '');
  const totals = new Map<string, Vnd>();
  for (const l of lines) {
    const held = l.beneficiary_id !== null && answers.get(l.beneficiary_id)?.accepted === true;
    totals.set(keyOf(l), held ? vnd(0) : (JSON.parse(l.data) as ListRow).total);
  }
  const matches = await matchAnswers(db, listId);
  const confirmed = new Set([...matches].filter(([, same]) => same).map(([key]) => key));
  const next = rediff(diff, confirmed, totals);
  await db
    .updateTable('lists')
    .set({ diff: JSON.stringify(next), total: next.money.current })
    .where('id', '=', listId)
    .execute();
  const kinds = kindsByKey(next);
  for (const l of lines) {
    const key = keyOf(l);
    await db
      .updateTable('list_lines')
      .set({ total: totals.get(key) ?? 0, kind: kinds.get(key) ?? 'unchanged' })
      .where('list_id', '=', listId)
      .where('row', '=', l.row)
      .execute();
  }
}
