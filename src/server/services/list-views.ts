/** What supervisors, officers and approvers see of the monthly lists (docs/protocol.md "Lists"). */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { DiffLine, ListDiff } from '../../domain/list-diff';
import { matchKey } from '../../domain/list-matches';
import type { ListRow } from '../../domain/list-rows';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { ListDetail, ListSummary, WireFinding } from '../../protocol/lists';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { decidedReasons, decreaseKeys, fieldSuggestions } from './list-decisions';
import { fieldProposalsOf } from './list-field-outcomes';
import { matchAnswers } from './list-answers';
import { isoTime } from './push-context';

const iso = (epochMs: number | null): string | null => (epochMs === null ? null : isoTime(Number(epochMs)));

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('lists')
    .innerJoin('users as preparer', 'preparer.id', 'lists.preparer_id')
    .leftJoin('users as approver', 'approver.id', 'lists.approver_id')
    .select([
      'lists.id',
      'lists.kind',
      'lists.period',
      'lists.commune_code',
      'lists.status',
      'lists.file_name',
      'lists.total',
      'lists.line_count',
      'lists.preparer_id',
      'lists.created_at',
      'lists.approved_at',
      'lists.published_at',
      'preparer.display_name as preparer_name',
      'approver.display_name as approver_name',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: SummaryRow): ListSummary {
  return {
    listId: r.id,
    kind: r.kind,
    period: r.period,
    communeCode: r.commune_code,
    status: r.status,
    fileName: r.file_name,
    total: Number(r.total),
    lineCount: Number(r.line_count),
    preparerId: r.preparer_id,
    preparerName: r.preparer_name,
    createdAt: isoTime(Number(r.created_at)),
    approverName: r.approver_name ?? null,
    approvedAt: iso(r.approved_at),
    publishedAt: iso(r.published_at),
  };
}

export async function listLists(
  db: Kysely<Database>,
  user: User,
  query: { commune: string; period: string },
): Promise<Result<ListSummary[], RequestErrorCode>> {
  if (!can(user, 'lists.view', query.commune)) return err('forbidden');
  const rows = await summaryQuery(db)
    .where('lists.commune_code', '=', query.commune)
    .where('lists.period', '=', query.period)
    .orderBy('lists.created_at', 'desc')
    .execute();
  return ok(rows.map(toSummary));
}

export async function getList(
  db: Kysely<Database>,
  user: User,
  listId: string,
): Promise<Result<Omit<ListDetail, 'protocol'>, RequestErrorCode>> {
  const row = await summaryQuery(db)
    .select(['lists.findings', 'lists.diff'])
    .where('lists.id', '=', listId)
    .executeTakeFirst();
  // A list of another commune is not found, not forbidden: its existence is not told.
  if (!row || !can(user, 'lists.view', row.commune_code)) return err('not-found');
  const diff = JSON.parse(row.diff) as ListDiff;
  const reasons = await decidedReasons(db, listId);
  const answers = await matchAnswers(db, listId);
  const suggestions = await fieldSuggestions(db, row.commune_code, row.period, decreaseKeys(diff));
  const lines = await db
    .selectFrom('list_lines')
    .select(['row', 'beneficiary_id', 'kind', 'total', 'data'])
    .where('list_id', '=', listId)
    .orderBy('row')
    .execute();
  const proposals = await fieldProposalsOf(db, { id: listId, commune_code: row.commune_code, period: row.period });
  const rows = new Map(lines.map((l) => [l.row, JSON.parse(l.data) as ListRow]));
  // An adjustment's changes by its current line's key (a person's id, or `row:N` for a row paired by name).
  const changes = new Map(diff.adjustments.map((a) => [a.current.key, a.changes]));
  const changesOf = (l: { row: number; beneficiary_id: string | null }) =>
    (changes.get(`row:${l.row}`) ?? changes.get(l.beneficiary_id ?? '') ?? []).map((c) => ({
      field: c.field,
      from: c.from as number | string | null,
      to: c.to as number | string | null,
    }));
  const events = await db
    .selectFrom('list_events')
    .innerJoin('users', 'users.id', 'list_events.user_id')
    .select(['list_events.at', 'users.display_name', 'list_events.action', 'list_events.comment'])
    .where('list_events.list_id', '=', listId)
    .orderBy('list_events.at')
    .orderBy('list_events.n')
    .execute();
  return ok({
    list: toSummary(row),
    findings: JSON.parse(row.findings) as WireFinding[],
    diff: {
      increases: diff.increases.length,
      decreases: diff.decreases.length,
      adjustments: diff.adjustments.length,
      unchanged: diff.unchanged.length,
      money: diff.money,
    },
    lines: lines.map((l) => {
      const data = rows.get(l.row) ?? (JSON.parse(l.data) as ListRow);
      return {
        row: l.row,
        beneficiaryId: l.beneficiary_id,
        kind: l.kind,
        total: Number(l.total),
        fullName: data.fullName,
        code: data.code,
        changes: l.kind === 'adjustment' ? changesOf(l) : [],
      };
    }),
    decreases: diff.decreases.map((d) => ({
      beneficiaryId: d.previous.key,
      fullName: d.previous.fullName,
      code: d.previous.code,
      total: d.previous.total,
      reason: reasons.get(d.previous.key)?.reason ?? null,
      note: reasons.get(d.previous.key)?.note ?? null,
      suggested: suggestions.get(d.previous.key) ?? null,
    })),
    events: events.map((e) => ({
      at: isoTime(Number(e.at)),
      userName: e.display_name,
      action: e.action,
      comment: e.comment,
    })),
    matches: matchesOf(diff, answers),
    fieldOutcomes: proposals.map((p) => ({
      ...p,
      fullName: rows.get(p.row)?.fullName ?? '',
      code: rows.get(p.row)?.code ?? null,
      // What the file gives them this month, held back or not.
      total: rows.get(p.row)?.total ?? 0,
    })),
  });
}

/** Open name-only proposals, and the rows the preparer said are the roster's person. */
function matchesOf(diff: ListDiff, answers: ReadonlyMap<string, boolean>): ListDetail['matches'] {
  const view = (previous: DiffLine, current: DiffLine, same: boolean | null) => ({
    beneficiaryId: previous.key,
    row: Number(current.key.slice('row:'.length)),
    fullName: current.fullName,
    birthDate: current.birthDate,
    village: current.village,
    previousCode: previous.code,
    same,
  });
  const open = diff.proposedMatches.map((m) =>
    view(m.previous, m.current, answers.get(matchKey(m.previous.key, m.current.key)) ?? null),
  );
  const pairs = [
    ...diff.adjustments,
    ...diff.unchanged,
    ...diff.decreases.flatMap((d) => (d.current ? [{ previous: d.previous, current: d.current }] : [])),
  ];
  const confirmed = pairs
    .filter((p) => answers.get(matchKey(p.previous.key, p.current.key)) === true)
    .map((p) => view(p.previous, p.current, true));
  return [...open, ...confirmed].sort((a, b) => a.row - b.row);
}
