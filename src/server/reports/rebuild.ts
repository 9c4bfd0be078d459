/**
 * Rebuilds the report tables from the entities (docs/reports.md "Report tables"): after the
 * migration that creates them, and on demand (`npm run reports:rebuild`). One transaction, so
 * reports read either the old rows or the new ones. The month rows of earlier months are history
 * the entities no longer hold: they are kept, and the current month's are written again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { rebuildLineTotals } from './line-totals';
import { writeReportRows } from './report-store';

const PAGE = 5_000;
const KINDS = ['payment-line', 'beneficiary', 'id-check'] as const;

export async function rebuildReports(
  db: Kysely<Database>,
  now: number,
  onProgress?: (done: number) => void,
): Promise<{ entities: number }> {
  return db.transaction().execute(async (trx) => {
    for (const table of ['report_lines', 'report_people', 'report_id_checks'] as const) {
      await trx.deleteFrom(table).execute();
    }
    let done = 0;
    for (const kind of KINDS) {
      // Keyset pages by id: memory stays one page whatever the province's size.
      let after = '';
      for (;;) {
        const rows = await trx
          .selectFrom('entities')
          .select(['id', 'commune_code', 'data'])
          .where('entity', '=', kind)
          .where('deleted', '=', 0)
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE)
          .execute();
        if (rows.length === 0) break;
        await writeReportRows(
          trx,
          rows.map((r) => ({
            entity: kind,
            id: r.id,
            communeCode: r.commune_code,
            data: r.data === null ? null : (JSON.parse(r.data) as unknown),
          })),
          now,
          { totals: false },
        );
        done += rows.length;
        onProgress?.(done);
        after = rows[rows.length - 1]?.id ?? after;
      }
    }
    await rebuildLineTotals(trx);
    return { entities: done };
  });
}

/** The migrations that create report tables: when one has just run, the tables need filling. */
export const REPORT_MIGRATIONS: readonly string[] = [
  '0021-report-tables',
  '0023-report-totals',
  '0025-report-record-issues',
];
