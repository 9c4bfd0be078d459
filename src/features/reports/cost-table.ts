/**
 * The cost of one payment by method, month by month, beside the scope's share paid without cash
 * (docs/reports.md "Cost"): the table of the reports screen's cost section and of the printed report.
 */
import type { MonthCost } from '../../domain/report-cost';
import { shareTenths } from '../../domain/report-groups';
import { paymentMethods } from '../../domain/vocabulary';
import { t } from '../../ui/messages';
import type { TableData } from './report-table';

/** Months with a fee or a payment by some method (the others have nothing to say). */
export function costedMonths(months: readonly MonthCost[]): MonthCost[] {
  return months.filter((m) => m.byMethod.size > 0);
}

export function costTable(months: readonly MonthCost[], period: string, id = 'report-cost'): TableData {
  const m = t.reports.cost;
  return {
    id,
    caption: m.caption,
    fileName: `bao-cao-chi-phi-${period}`,
    columns: [
      { label: m.month, kind: 'text' },
      ...paymentMethods.map((method) => ({ label: m.perPayment(t.methods[method]), kind: 'money' as const })),
      { label: m.cash, kind: 'money' },
      { label: m.nonCash, kind: 'money' },
      { label: m.share, kind: 'share' },
    ],
    rows: months.map((month) => [
      t.reports.month(month.period),
      ...paymentMethods.map((method) => month.byMethod.get(method)?.costPerPayment ?? null),
      month.cash,
      month.nonCash,
      shareTenths(month.nonCashAmount),
    ]),
  };
}
