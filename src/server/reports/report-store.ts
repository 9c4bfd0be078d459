/**
 * Writes the report tables (docs/reports.md "Report tables") inside the caller's transaction:
 * `putEntities` calls it for every batch of entity changes, so a report row never lags its entity.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { chunks } from '../db/chunks';
import type { Database } from '../db/schema';
import { applyLineDeltas } from './line-totals';
import { projectEntity, type ProjectedEntity, type ReportRows } from './projection';

/** The report table of each projected entity kind, and its key column. */
const tableOf = {
  'payment-line': { table: 'report_lines', key: 'line_id' },
  beneficiary: { table: 'report_people', key: 'beneficiary_id' },
  'id-check': { table: 'report_id_checks', key: 'check_id' },
} as const;
type ProjectedKind = keyof typeof tableOf;
const isProjected = (entity: string): entity is ProjectedKind => Object.hasOwn(tableOf, entity);

type Row<K extends keyof ReportRows> = NonNullable<ReportRows[K]>;

/** Rows per statement: 17 columns each stays under SQLite's 32,766 bound parameters. */
const ROWS = 500;

export async function writeReportRows(
  db: Kysely<Database>,
  changes: readonly (ProjectedEntity & { deleted?: boolean | undefined })[],
  now: number,
  /** False for the rebuild, which computes the totals once at the end. */
  options: { totals: boolean } = { totals: true },
): Promise<void> {
  // The last change of an entity in the batch is its state.
  const latest = new Map<string, (typeof changes)[number]>();
  for (const c of changes) if (isProjected(c.entity)) latest.set(`${c.entity}\u0000${c.id}`, c);
  if (latest.size === 0) return;

  const lines: Row<'line'>[] = [];
  const people: Row<'person'>[] = [];
  const months: Row<'personMonth'>[] = [];
  const checks: Row<'idCheck'>[] = [];
  const gone: Record<ProjectedKind, string[]> = { 'payment-line': [], beneficiary: [], 'id-check': [] };
  for (const c of latest.values()) {
    const rows = c.deleted ? {} : projectEntity(c, now);
    if (rows.line) lines.push(rows.line);
    else if (rows.person) people.push(rows.person);
    else if (rows.idCheck) checks.push(rows.idCheck);
    // Deleted, or no longer of a shape reports count: no row (as a rebuild would leave it).
    else if (isProjected(c.entity)) gone[c.entity].push(c.id);
    if (rows.personMonth) months.push(rows.personMonth);
  }
  // The lines' rows before this write, to take out of the totals (line-totals.ts).
  const before: Row<'line'>[] = [];
  if (options.totals) {
    const ids = [...lines.map((l) => l.line_id), ...gone['payment-line']];
    for (const slice of chunks(ids)) {
      before.push(...(await db.selectFrom('report_lines').selectAll().where('line_id', 'in', slice).execute()));
    }
  }
  for (const slice of chunks(lines, ROWS)) await upsert(db, 'report_lines', ['line_id'], slice);
  for (const slice of chunks(people, ROWS)) await upsert(db, 'report_people', ['beneficiary_id'], slice);
  for (const slice of chunks(months, ROWS))
    await upsert(db, 'report_people_months', ['beneficiary_id', 'month'], slice);
  for (const slice of chunks(checks, ROWS)) await upsert(db, 'report_id_checks', ['check_id'], slice);
  for (const [kind, ids] of Object.entries(gone) as [ProjectedKind, string[]][]) {
    const { table, key } = tableOf[kind];
    for (const slice of chunks(ids)) await db.deleteFrom(table).where(key, 'in', slice).execute();
  }
  if (options.totals && (before.length > 0 || lines.length > 0)) await applyLineDeltas(db, before, lines);
}

type ReportTable = 'report_lines' | 'report_people' | 'report_people_months' | 'report_id_checks';

/**
 * Inserts rows, or sets every non-key column from the new row. Generic over the four tables, so
 * Kysely cannot check the column names here (hence the casts); the rows are typed by the caller.
 */
async function upsert<T extends ReportTable>(
  db: Kysely<Database>,
  table: T,
  keys: readonly (keyof Database[T] & string)[],
  rows: readonly Selectable<Database[T]>[],
): Promise<void> {
  const [sample] = rows;
  if (!sample) return;
  const columns = Object.keys(sample).filter((c) => !(keys as readonly string[]).includes(c));
  const update = Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]));
  await db
    .insertInto(table)
    .values(rows as never)
    .onConflict((oc) => oc.columns(keys).doUpdateSet(update as never))
    .execute();
}
