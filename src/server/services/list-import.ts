/**
 * Importing a commune's monthly list (docs/protocol.md "Lists"): the file is read and checked
 * against the commune (list-analysis.ts) and kept as a draft list. With any error finding nothing is
 * created; the identical file again (same hash, month and commune) changes nothing; a new file
 * replaces a draft or returned list not yet submitted; an approved month is never changed — once
 * published, it is corrected by a correction list that goes through the same steps.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { DiffLine, ListDiff } from '../../domain/list-diff';
import type { ListRow } from '../../domain/list-rows';
import { mappingLetters, type SavedMapping } from '../../domain/list-import';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { DiffSummary, ListKind, ListReading, ListStatus, WireFinding } from '../../protocol/lists';
import { can } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import { isMonthClosed } from '../months/month-close';
import type { Database, ListLineKind } from '../db/schema';
import { analyseList, type ListAnalysis, type ListInput } from './list-analysis';
import { savedMappings } from './list-mappings';
import { putEntities } from './entity-store';
import { logEvent } from './list-steps';
import { periodChange } from './periods';

export type ListImportInput = ListInput;

/** The answer of an import (pinned): created, recognised as a duplicate, or refused with findings. */
export type ListImportAnswer = {
  listId: string | null;
  status: ListStatus | null;
  duplicate: boolean;
  findings: WireFinding[];
  diff: DiffSummary;
  reading?: ListReading;
};

export type ListImportResult =
  | { kind: 'created' | 'duplicate'; answer: ListImportAnswer }
  /** Error findings: nothing was created (422). */
  | { kind: 'refused'; answer: ListImportAnswer };

export async function importList(
  db: Kysely<Database>,
  user: User,
  input: ListImportInput,
  now: number,
): Promise<Result<ListImportResult, RequestErrorCode>> {
  const { period, communeCode } = input;
  const kind: ListKind = input.kind ?? 'month';
  if (!can(user, 'lists.prepare', communeCode)) return err('forbidden');
  const fileHash = createHash('sha256').update(input.bytes).digest('hex');
  // Answered before the file is read; checked again under the lock before anything is written.
  const saved = await savedMappings(db, communeCode);
  const settled = settledBy(await listsOf(db, communeCode, period), kind, fileHash, saved);
  if (settled) return settled;
  if (await isMonthClosed(db, communeCode, period)) return err('period-closed');

  const analysed = await analysedLines(db, input, saved);
  if (!analysed.ok) return analysed;
  const draft = analysed.value;
  const { diff, findings: wireFindings, reading, sourceKey, mapping } = draft;
  const lineCount = draft.lines?.rows.length ?? 0;
  const summary = summaryOf(diff);
  if (wireFindings.some((f) => f.severity === 'error')) {
    return ok({
      kind: 'refused',
      answer: { listId: null, status: null, duplicate: false, findings: wireFindings, diff: summary, reading },
    });
  }

  const listId = randomUUID();
  const raced = await db.transaction().execute(async (trx) => {
    // Two imports of one month and commune at once are decided one after the other.
    await lockKey(trx, `lists:${communeCode}:${period}`);
    const lists = await listsOf(trx, communeCode, period);
    const settledMeanwhile = settledBy(lists, kind, fileHash, saved);
    if (settledMeanwhile) return settledMeanwhile;
    if (await isMonthClosed(trx, communeCode, period)) return err('period-closed' as const);
    // A draft or returned list of the month gives way to the new file (kept, marked replaced).
    for (const old of lists.filter((l) => l.kind === kind && (l.status === 'draft' || l.status === 'returned'))) {
      await trx.updateTable('lists').set({ status: 'replaced' }).where('id', '=', old.id).execute();
      await logEvent(trx, old.id, user.id, 'replace', null, now);
    }
    await trx
      .insertInto('lists')
      .values({
        id: listId,
        kind,
        period,
        commune_code: communeCode,
        status: 'draft',
        file_hash: fileHash,
        file_name: input.fileName,
        source_key: sourceKey,
        mapping: JSON.stringify({
          fields: mappingLetters(mapping),
          headerRow: mapping.headerRow + 1,
          headers: mapping.headers,
        }),
        // Set once the lines are written and let go: each is tens of MB of JSON for a large list.
        findings: '[]',
        diff: '{}',
        total: diff.money.current,
        line_count: lineCount,
        preparer_id: user.id,
        created_at: now,
        approved_hash: null,
        approver_id: null,
        approved_at: null,
        published_at: null,
      })
      .execute();
    if (draft.lines) await insertLines(trx, listId, draft.lines, diff);
    // The rows are written: let go of them before the findings and the diff are made JSON.
    draft.lines = null;
    await trx
      .updateTable('lists')
      .set({ findings: JSON.stringify(wireFindings) })
      .where('id', '=', listId)
      .execute();
    await trx
      .updateTable('lists')
      .set({ diff: JSON.stringify(diff) })
      .where('id', '=', listId)
      .execute();
    await logEvent(trx, listId, user.id, 'import', input.fileName, now);
    // The month's period exists from its first list on (docs/protocol.md "Lists").
    const month = await periodChange(trx, period, 'open');
    if (month) await putEntities(trx, [month], { now });
    return null;
  });
  if (raced) return raced;
  return ok({
    kind: 'created',
    answer: { listId, status: 'draft', duplicate: false, findings: wireFindings, diff: summary, reading },
  });
}

/** 6 parameters a line: 3,000 per statement, far below SQLite's 32,766 and PostgreSQL's 65,535. */
const LINES_PER_INSERT = 500;

/** The file's people and how the diff compares each (same order); null once they are written. */
type Lines = { rows: ListRow[]; current: DiffLine[] };
type Draft = Omit<ListAnalysis, 'grid' | 'rows' | 'current'> & { lines: Lines | null };

/**
 * The file read and checked, without its grid: the grid (the largest thing the analysis makes) is
 * garbage before anything is written, and the rows can be let go once they are.
 */
async function analysedLines(
  db: Kysely<Database>,
  input: ListImportInput,
  saved: ReadonlyMap<string, SavedMapping>,
): Promise<Result<Draft, RequestErrorCode>> {
  const analysed = await analyseList(db, input, saved);
  if (!analysed.ok) return analysed;
  const { grid: _grid, rows, current, ...rest } = analysed.value;
  return ok({ ...rest, lines: { rows, current } });
}

/** Several lines per statement: far fewer round trips, and each batch's JSON is garbage at once. */
async function insertLines(trx: Kysely<Database>, listId: string, lines: Lines, diff: ListDiff): Promise<void> {
  const kinds = lineKinds(diff);
  const { rows, current } = lines;
  for (let from = 0; from < rows.length; from += LINES_PER_INSERT) {
    const values = rows.slice(from, from + LINES_PER_INSERT).map((row, j) => {
      const line = current[from + j];
      return {
        list_id: listId,
        row: row.row,
        beneficiary_id: line === undefined || line.key.startsWith('row:') ? null : line.key,
        kind: (line && kinds.get(line)) ?? 'unchanged',
        total: row.total,
        data: JSON.stringify(row),
      };
    });
    await trx.insertInto('list_lines').values(values).execute();
  }
}

type ListRowOfMonth = {
  id: string;
  kind: ListKind;
  status: ListStatus;
  file_hash: string;
  findings: string;
  diff: string;
  source_key: string;
  mapping: string;
};

function listsOf(db: Kysely<Database>, communeCode: string, period: string): Promise<ListRowOfMonth[]> {
  return db
    .selectFrom('lists')
    .select(['id', 'kind', 'status', 'file_hash', 'findings', 'diff', 'source_key', 'mapping'])
    .where('commune_code', '=', communeCode)
    .where('period', '=', period)
    .execute();
}

/**
 * What the month's lists already settle: the same file answers what it answered (before or after
 * publishing); a month approved or published takes no new month's list, nor one whose list awaits
 * approval. A correction needs the month's list published, and waits for the one before it.
 */
function settledBy(
  lists: readonly ListRowOfMonth[],
  kind: ListKind,
  fileHash: string,
  saved: ReadonlyMap<string, SavedMapping>,
): Result<ListImportResult, RequestErrorCode> | null {
  // The same bytes read with the same mapping: a mapping fixed since makes it a new reading.
  const same = lists.find(
    (l) => l.file_hash === fileHash && l.status !== 'replaced' && !mappingChanged(l, saved.get(l.source_key)),
  );
  if (same) {
    const answer: ListImportAnswer = {
      listId: same.id,
      status: same.status,
      duplicate: true,
      findings: JSON.parse(same.findings) as WireFinding[],
      diff: summaryOf(JSON.parse(same.diff) as ListDiff),
    };
    return ok({ kind: 'duplicate', answer });
  }
  const months = lists.filter((l) => l.kind === 'month');
  if (kind === 'correction') {
    if (!months.some((l) => l.status === 'published')) return err('correction-needs-published');
    // A submitted correction waits for its approver. (An approved one that can no longer be
    // published — a line it changes was paid meanwhile — does not block the next.)
    const corrections = lists.filter((l) => l.kind === 'correction');
    if (corrections.some((l) => l.status === 'submitted')) return err('list-step-out-of-order');
    return null;
  }
  if (months.some((l) => l.status === 'approved' || l.status === 'published')) return err('period-approved');
  // A submitted list waits for its approver: returned, it can be replaced.
  if (months.some((l) => l.status === 'submitted')) return err('list-step-out-of-order');
  return null;
}

/** Whether a user fixed, for this list's layout, a column the list was not read with. */
function mappingChanged(list: ListRowOfMonth, saved: SavedMapping | undefined): boolean {
  if (!saved) return false;
  const used = (JSON.parse(list.mapping) as { fields?: SavedMapping }).fields ?? {};
  return Object.entries(saved).some(([field, letter]) => used[field as keyof SavedMapping] !== letter);
}

function summaryOf(diff: ListDiff): DiffSummary {
  return {
    increases: diff.increases.length,
    decreases: diff.decreases.length,
    adjustments: diff.adjustments.length,
    unchanged: diff.unchanged.length,
    money: { ...diff.money },
  };
}

function lineKinds(diff: ListDiff): Map<DiffLine, ListLineKind> {
  const kinds = new Map<DiffLine, ListLineKind>();
  for (const l of diff.increases) kinds.set(l, 'increase');
  for (const a of diff.adjustments) kinds.set(a.current, 'adjustment');
  for (const u of diff.unchanged) kinds.set(u.current, 'unchanged');
  for (const d of diff.decreases) if (d.current) kinds.set(d.current, 'decrease');
  return kinds;
}
