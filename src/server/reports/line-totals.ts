/**
 * The totals of `report_lines` (docs/reports.md "Totals"), kept by delta: each line write removes
 * the line's old row from its sums and adds its new one, in the same transaction. A rebuild
 * computes them from `report_lines` instead; both must agree (projection.property.test.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { chunks } from '../db/chunks';
import type { Database, ReportLinesTable } from '../db/schema';

type LineRow = Selectable<ReportLinesTable>;
const NON_CASH: readonly string[] = ['bank', 'mobile-money'];
const isPaidNonCash = (r: LineRow) => r.status === 'paid' && NON_CASH.includes(r.method);

type Sums = { lines: number; amount: number; paid_amount: number };

function totalsKey(r: LineRow) {
  return {
    period_id: r.period_id,
    commune_code: r.commune_code,
    method: r.method,
    status: r.status,
    reason: r.unpaid_reason ?? '',
    receiver_kind: r.receiver_kind ?? '',
    failed: r.failed_transfers > 0 ? 1 : 0,
    conflicted: r.conflicts > 0 ? 1 : 0,
    voided: r.voids > 0 ? 1 : 0,
  };
}
type TotalsKey = ReturnType<typeof totalsKey>;

/** Applies `after` in place of `before` (rows of the same lines; either may lack a line). */
export async function applyLineDeltas(
  db: Kysely<Database>,
  before: readonly LineRow[],
  after: readonly LineRow[],
): Promise<void> {
  const totals = new Map<string, { key: TotalsKey; sums: Sums }>();
  const days = new Map<string, { key: { period_id: string; commune_code: string; paid_date: string }; sums: Sums }>();
  const add = (r: LineRow, sign: 1 | -1) => {
    const key = totalsKey(r);
    const id = JSON.stringify(key);
    const t = totals.get(id) ?? { key, sums: { lines: 0, amount: 0, paid_amount: 0 } };
    t.sums.lines += sign;
    t.sums.amount += sign * Number(r.amount);
    t.sums.paid_amount += sign * Number(r.paid_amount);
    totals.set(id, t);
    if (r.status === 'paid' && r.paid_date !== null) {
      const dayKey = { period_id: r.period_id, commune_code: r.commune_code, paid_date: r.paid_date };
      const dayId = JSON.stringify(dayKey);
      const d = days.get(dayId) ?? { key: dayKey, sums: { lines: 0, amount: 0, paid_amount: 0 } };
      d.sums.lines += sign;
      d.sums.amount += sign * Number(r.paid_amount);
      days.set(dayId, d);
    }
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);

  const changed = (s: Sums) => s.lines !== 0 || s.amount !== 0 || s.paid_amount !== 0;
  const totalRows = [...totals.values()].filter((t) => changed(t.sums)).map((t) => ({ ...t.key, ...t.sums }));
  for (const slice of chunks(totalRows, 500)) {
    await db
      .insertInto('report_line_totals')
      .values(slice)
      .onConflict((oc) =>
        oc
          .columns([
            'period_id',
            'commune_code',
            'method',
            'status',
            'reason',
            'receiver_kind',
            'failed',
            'conflicted',
            'voided',
          ])
          .doUpdateSet({
            lines: sql`report_line_totals.lines + excluded.lines`,
            amount: sql`report_line_totals.amount + excluded.amount`,
            paid_amount: sql`report_line_totals.paid_amount + excluded.paid_amount`,
          }),
      )
      .execute();
  }
  const dayRows = [...days.values()]
    .filter((d) => changed(d.sums))
    .map((d) => ({ ...d.key, lines: d.sums.lines, amount: d.sums.amount }));
  for (const slice of chunks(dayRows, 500)) {
    await db
      .insertInto('report_paid_days')
      .values(slice)
      .onConflict((oc) =>
        oc.columns(['period_id', 'commune_code', 'paid_date']).doUpdateSet({
          lines: sql`report_paid_days.lines + excluded.lines`,
          amount: sql`report_paid_days.amount + excluded.amount`,
        }),
      )
      .execute();
  }

  // A person's first month paid without cash moves only when such a line comes or goes.
  const people = new Set([...before, ...after].filter(isPaidNonCash).map((r) => r.beneficiary_id));
  await recomputeFirstNonCash(db, [...people]);
}

/** Each person's first period with a paid line by bank or mobile money, from their lines. */
export async function recomputeFirstNonCash(db: Kysely<Database>, people: readonly string[] | 'all'): Promise<void> {
  const firsts = (ids: readonly string[] | null) => {
    let q = db
      .selectFrom('report_lines')
      .select((eb) => [
        'beneficiary_id',
        eb.fn.min('commune_code').as('commune_code'),
        eb.fn.min('period_id').as('first_period'),
      ])
      .where('status', '=', 'paid')
      .where('method', 'in', [...NON_CASH])
      .groupBy('beneficiary_id');
    if (ids) q = q.where('beneficiary_id', 'in', [...ids]);
    return q;
  };
  if (people === 'all') {
    await db.deleteFrom('report_first_non_cash').execute();
    await db
      .insertInto('report_first_non_cash')
      .columns(['beneficiary_id', 'commune_code', 'first_period'])
      .expression(firsts(null))
      .execute();
    return;
  }
  for (const slice of chunks(people)) {
    await db.deleteFrom('report_first_non_cash').where('beneficiary_id', 'in', slice).execute();
    await db
      .insertInto('report_first_non_cash')
      .columns(['beneficiary_id', 'commune_code', 'first_period'])
      .expression(firsts(slice))
      .execute();
  }
}

/** The totals computed from `report_lines` (the rebuild's way). */
export async function rebuildLineTotals(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('report_line_totals').execute();
  await db.deleteFrom('report_paid_days').execute();
  await db
    .insertInto('report_line_totals')
    .columns([
      'period_id',
      'commune_code',
      'method',
      'status',
      'reason',
      'receiver_kind',
      'failed',
      'conflicted',
      'voided',
      'lines',
      'amount',
      'paid_amount',
    ])
    .expression(
      db
        .selectFrom('report_lines')
        .select((eb) => [
          'period_id',
          'commune_code',
          'method',
          'status',
          sql<string>`coalesce(unpaid_reason, '')`.as('reason'),
          sql<string>`coalesce(receiver_kind, '')`.as('receiver_kind'),
          sql<number>`case when failed_transfers > 0 then 1 else 0 end`.as('failed'),
          sql<number>`case when conflicts > 0 then 1 else 0 end`.as('conflicted'),
          sql<number>`case when voids > 0 then 1 else 0 end`.as('voided'),
          eb.fn.countAll<number>().as('lines'),
          eb.fn.sum<number>('amount').as('amount'),
          eb.fn.sum<number>('paid_amount').as('paid_amount'),
        ])
        .groupBy([
          'period_id',
          'commune_code',
          'method',
          'status',
          sql`coalesce(unpaid_reason, '')`,
          sql`coalesce(receiver_kind, '')`,
          sql`case when failed_transfers > 0 then 1 else 0 end`,
          sql`case when conflicts > 0 then 1 else 0 end`,
          sql`case when voids > 0 then 1 else 0 end`,
        ]),
    )
    .execute();
  await db
    .insertInto('report_paid_days')
    .columns(['period_id', 'commune_code', 'paid_date', 'lines', 'amount'])
    .expression(
      db
        .selectFrom('report_lines')
        .select((eb) => [
          'period_id',
          'commune_code',
          sql<string>`paid_date`.as('paid_date'),
          eb.fn.countAll<number>().as('lines'),
          eb.fn.sum<number>('paid_amount').as('amount'),
        ])
        .where('status', '=', 'paid')
        .where('paid_date', 'is not', null)
        .groupBy(['period_id', 'commune_code', 'paid_date']),
    )
    .execute();
  await recomputeFirstNonCash(db, 'all');
}
