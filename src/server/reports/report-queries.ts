/**
 * The reports' queries (docs/reports.md), over the report tables only: grouped by commune, within
 * the user's communes. Portable SQL; counts and sums come back as numbers or strings depending on
 * the driver, hence `n`.
 */
import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { addMonths } from '../../domain/calendar';
import type { Database } from '../db/schema';
import type { FunnelRow, MethodRow, Progress, Quality } from '../../protocol/reports';

/** The communes a report covers: every commune (an admin), or these. */
export type ReportScope = { kind: 'all' } | { kind: 'communes'; codes: readonly string[] };

const NON_CASH = ['bank', 'mobile-money'] as const;
const n = (v: unknown): number => Number(v ?? 0);

function scoped<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  column: string,
  scope: ReportScope,
): SelectQueryBuilder<DB, TB, O> {
  if (scope.kind === 'all') return q;
  // An empty scope sees nothing (an `in ()` would be invalid SQL).
  if (scope.codes.length === 0) return q.where(sql<SqlBool>`1 = 0`);
  return q.where(column as never, 'in', [...scope.codes] as never);
}

/** People and money by method for the 12 months up to `period`. */
export async function methodsReport(db: Kysely<Database>, scope: ReportScope, period: string): Promise<MethodRow[]> {
  const from = addMonths(period, -11) ?? period;
  const rows = await totals(db, scope)
    .select((eb) => [
      'period_id',
      'commune_code',
      'method',
      eb.fn.sum('lines').as('lines'),
      eb.fn.sum('amount').as('amount'),
      eb.fn.sum(eb.case().when('status', '=', 'paid').then(eb.ref('lines')).else(0).end()).as('paid_lines'),
      eb.fn.sum('paid_amount').as('paid_amount'),
    ])
    .where('period_id', '>=', from)
    .where('period_id', '<=', period)
    .groupBy(['period_id', 'commune_code', 'method'])
    .orderBy('period_id')
    .orderBy('commune_code')
    .orderBy('method')
    .execute();
  return rows.map((r) => ({
    period: r.period_id,
    commune: r.commune_code,
    method: r.method,
    lines: n(r.lines),
    amount: n(r.amount),
    paidLines: n(r.paid_lines),
    paidAmount: n(r.paid_amount),
  }));
}

/** The line totals (line-totals.ts) within the scope; rows whose lines all moved away count nothing. */
const totals = (db: Kysely<Database>, scope: ReportScope) =>
  scoped(db.selectFrom('report_line_totals').where('lines', '>', 0), 'commune_code', scope);

/** The cash → account funnel of each commune's active people, as of `period`. */
export async function funnelReport(db: Kysely<Database>, scope: ReportScope, period: string): Promise<FunnelRow[]> {
  const stage = (statuses: readonly string[]) => statuses;
  const ready = stage(['dossier-ready', 'submitted', 'opened', 'card-handed-over']);
  const submitted = stage(['submitted', 'opened', 'card-handed-over']);
  const opened = stage(['opened', 'card-handed-over']);
  const people = await scoped(
    db
      .selectFrom('report_people')
      .select((eb) => {
        const when = (cond: Parameters<typeof eb.case>[0]) => eb.fn.sum(eb.case().when(cond).then(1).else(0).end());
        return [
          'commune_code',
          eb.fn.countAll().as('people'),
          when(eb('method', 'in', [...NON_CASH])).as('chose'),
          when(eb('account_status', 'in', ready)).as('ready'),
          when(eb('account_status', 'in', submitted)).as('submitted'),
          when(eb('account_status', 'in', opened)).as('opened'),
          when(eb('account_status', '=', 'card-handed-over')).as('handed'),
        ];
      })
      .where('status', '=', 'active')
      .groupBy('commune_code'),
    'commune_code',
    scope,
  ).execute();

  const firsts = () => scoped(db.selectFrom('report_first_non_cash as f'), 'f.commune_code', scope);
  const first = await firsts()
    .select((eb) => ['f.commune_code', eb.fn.countAll().as('people')])
    .where('f.first_period', '<=', period)
    .groupBy('f.commune_code')
    .execute();
  const cohortEnd = addMonths(period, -3) ?? period;
  const cohort = await firsts()
    .select((eb) => [
      'f.commune_code',
      eb.fn.countAll().as('people'),
      eb.fn
        .sum(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('report_lines as cur')
                  .select('cur.line_id')
                  .whereRef('cur.beneficiary_id', '=', 'f.beneficiary_id')
                  .where('cur.period_id', '=', period)
                  .where('cur.method', 'in', [...NON_CASH]),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('still'),
    ])
    .where('f.first_period', '<=', cohortEnd)
    .groupBy('f.commune_code')
    .execute();

  const firstBy = new Map(first.map((r) => [r.commune_code, n(r.people)]));
  const cohortBy = new Map(cohort.map((r) => [r.commune_code, { people: n(r.people), still: n(r.still) }]));
  const communes = [...new Set([...people.map((p) => p.commune_code), ...firstBy.keys()])].sort();
  const peopleBy = new Map(people.map((p) => [p.commune_code, p]));
  return communes.map((commune) => {
    const p = peopleBy.get(commune);
    return {
      commune,
      people: n(p?.people),
      choseAccount: n(p?.chose),
      ready: n(p?.ready),
      submitted: n(p?.submitted),
      opened: n(p?.opened),
      cardHandedOver: n(p?.handed),
      firstNonCashPaid: firstBy.get(commune) ?? 0,
      cohortThreeMonths: cohortBy.get(commune)?.people ?? 0,
      stillNonCash: cohortBy.get(commune)?.still ?? 0,
    };
  });
}

/** How the period's payment is going: paid by day, lines by status and reason, failures, payers. */
export async function progressReport(db: Kysely<Database>, scope: ReportScope, period: string): Promise<Progress> {
  const byDay = await scoped(
    db.selectFrom('report_paid_days').where('period_id', '=', period).where('lines', '>', 0),
    'commune_code',
    scope,
  )
    .select(['commune_code', 'paid_date', 'lines', 'amount'])
    .orderBy('paid_date')
    .orderBy('commune_code')
    .execute();
  const byStatus = await totals(db, scope)
    .select((eb) => [
      'commune_code',
      'status',
      'reason',
      eb.fn.sum('lines').as('lines'),
      eb.fn.sum('amount').as('amount'),
    ])
    .where('period_id', '=', period)
    .groupBy(['commune_code', 'status', 'reason'])
    .orderBy('commune_code')
    .orderBy('status')
    .orderBy('reason')
    .execute();
  const failed = await totals(db, scope)
    .select((eb) => ['commune_code', eb.fn.sum('lines').as('lines'), eb.fn.sum('amount').as('amount')])
    .where('period_id', '=', period)
    .where('failed', '=', 1)
    .groupBy('commune_code')
    .orderBy('commune_code')
    .execute();
  const payers = await scoped(
    db
      .selectFrom('report_lines as rl')
      .leftJoin('users as u', 'u.id', 'rl.paid_by')
      .where('rl.period_id', '=', period)
      .where('rl.status', '=', 'paid')
      .where('rl.method', '=', 'home-delivery'),
    'rl.commune_code',
    scope,
  )
    .select((eb) => [
      'rl.commune_code',
      'rl.paid_by',
      'u.display_name',
      eb.fn.countAll().as('lines'),
      eb.fn.sum('rl.paid_amount').as('amount'),
    ])
    .groupBy(['rl.commune_code', 'rl.paid_by', 'u.display_name'])
    .orderBy('rl.commune_code')
    .orderBy('rl.paid_by')
    .execute();
  return {
    byDay: byDay.map((r) => ({
      commune: r.commune_code,
      day: r.paid_date ?? '',
      lines: n(r.lines),
      amount: n(r.amount),
    })),
    byStatus: byStatus.map((r) => ({
      commune: r.commune_code,
      status: r.status,
      reason: r.reason === '' ? null : r.reason,
      lines: n(r.lines),
      amount: n(r.amount),
    })),
    failedTransfers: failed.map((r) => ({ commune: r.commune_code, lines: n(r.lines), amount: n(r.amount) })),
    homeDeliveriesByPayer: payers.map((r) => ({
      commune: r.commune_code,
      payerId: r.paid_by ?? '',
      payerName: r.display_name ?? r.paid_by ?? '',
      lines: n(r.lines),
      amount: n(r.amount),
    })),
  };
}

/** The quality of the period's records: ID checks, receivers, conflicts and voids. */
export async function qualityReport(db: Kysely<Database>, scope: ReportScope, period: string): Promise<Quality> {
  const next = addMonths(period, 1) ?? period;
  const checks = await scoped(
    db
      .selectFrom('report_id_checks')
      .select((eb) => ['commune_code', 'method', 'reason', eb.fn.countAll().as('checks')])
      .where('checked_date', '>=', `${period}-01`)
      .where('checked_date', '<', `${next}-01`)
      .groupBy(['commune_code', 'method', 'reason'])
      .orderBy('commune_code')
      .orderBy('method'),
    'commune_code',
    scope,
  ).execute();
  const receivers = await totals(db, scope)
    .select((eb) => ['commune_code', 'receiver_kind', eb.fn.sum('lines').as('lines')])
    .where('period_id', '=', period)
    .where('status', '=', 'paid')
    .groupBy(['commune_code', 'receiver_kind'])
    .orderBy('commune_code')
    .orderBy('receiver_kind')
    .execute();
  const disputes = await totals(db, scope)
    .select((eb) => [
      'commune_code',
      eb.fn.sum(eb.case().when('conflicted', '=', 1).then(eb.ref('lines')).else(0).end()).as('conflicts'),
      eb.fn.sum(eb.case().when('voided', '=', 1).then(eb.ref('lines')).else(0).end()).as('voids'),
    ])
    .where('period_id', '=', period)
    .groupBy('commune_code')
    .orderBy('commune_code')
    .execute();
  const records = await scoped(
    db
      .selectFrom('report_people')
      .select((eb) => [
        'commune_code',
        eb.fn.countAll().as('people'),
        eb.fn.sum('bad_id_number').as('bad_id'),
        eb.fn.sum('no_id_number').as('no_id'),
        eb.fn.sum('bad_phone').as('bad_phone'),
      ])
      .where('status', '=', 'active')
      .groupBy('commune_code')
      .orderBy('commune_code'),
    'commune_code',
    scope,
  ).execute();
  return {
    records: records.map((r) => ({
      commune: r.commune_code,
      people: n(r.people),
      badIdNumber: n(r.bad_id),
      noIdNumber: n(r.no_id),
      badPhone: n(r.bad_phone),
    })),
    idChecks: checks.map((r) => ({ commune: r.commune_code, method: r.method, reason: r.reason, checks: n(r.checks) })),
    receivers: receivers.map((r) => ({ commune: r.commune_code, kind: r.receiver_kind || 'self', lines: n(r.lines) })),
    disputes: disputes.map((r) => ({ commune: r.commune_code, conflicts: n(r.conflicts), voids: n(r.voids) })),
  };
}
