/**
 * What paying cost (docs/reports.md "Cost"): an admin enters the fees of a month per payment
 * method for the whole pilot; the cost report divides them by the payments they paid for.
 */
import type { Kysely } from 'kysely';
import { addMonths } from '../../domain/calendar';
import { paymentMethods } from '../../domain/vocabulary';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { can } from '../../protocol/permissions';
import type { CostRow, FeesRequest } from '../../protocol/reports';
import type { Database } from '../db/schema';
import type { ReportScope } from './report-queries';

export async function setFees(
  db: Kysely<Database>,
  user: User,
  input: { period: string; fees: FeesRequest['fees']; now: number },
): Promise<Result<{ period: string; methods: string[] }, 'forbidden'>> {
  if (!can(user, 'fees.manage')) return err('forbidden');
  await db.transaction().execute(async (trx) => {
    for (const fee of input.fees) {
      const row = { amount: fee.amount, note: fee.note ?? null, set_by: user.id, set_at: input.now };
      await trx
        .insertInto('payment_fees')
        .values({ period_id: input.period, method: fee.method, ...row })
        .onConflict((oc) => oc.columns(['period_id', 'method']).doUpdateSet(row))
        .execute();
    }
  });
  return ok({ period: input.period, methods: input.fees.map((f) => f.method) });
}

/** Each method of the 12 months up to `period`: the fee, the payments, the cost of one. */
export async function costReport(db: Kysely<Database>, scope: ReportScope, period: string): Promise<CostRow[]> {
  const from = addMonths(period, -11) ?? period;
  const fees = await db
    .selectFrom('payment_fees')
    .select(['period_id', 'method', 'amount', 'note'])
    .where('period_id', '>=', from)
    .where('period_id', '<=', period)
    .execute();
  const paid = await db
    .selectFrom('report_line_totals')
    .select((eb) => ['period_id', 'method', 'commune_code', eb.fn.sum('lines').as('lines')])
    .where('status', '=', 'paid')
    .where('lines', '>', 0)
    .where('period_id', '>=', from)
    .where('period_id', '<=', period)
    .groupBy(['period_id', 'method', 'commune_code'])
    .execute();
  const inScope = (commune: string) => scope.kind === 'all' || scope.codes.includes(commune);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(from, i) ?? from);
  return months.flatMap((month) =>
    paymentMethods.flatMap((method): CostRow[] => {
      const fee = fees.find((f) => f.period_id === month && f.method === method);
      const rows = paid.filter((p) => p.period_id === month && p.method === method);
      const paidLines = rows.reduce((sum, r) => sum + Number(r.lines), 0);
      const paidLinesInScope = rows.filter((r) => inScope(r.commune_code)).reduce((s, r) => s + Number(r.lines), 0);
      // Nothing to say of a month and method with neither fee nor payment.
      if (!fee && paidLines === 0) return [];
      const amount = fee ? Number(fee.amount) : null;
      return [
        {
          period: month,
          method,
          fee: amount,
          note: fee?.note ?? null,
          paidLines,
          paidLinesInScope,
          costPerPayment: amount !== null && paidLines > 0 ? Math.round(amount / paidLines) : null,
        },
      ];
    }),
  );
}
