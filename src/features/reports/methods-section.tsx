/** (a) People and money by payment method per month, and the share paid without cash. */
import { useMemo } from 'react';
import { paymentMethods } from '../../domain/vocabulary';
import { methodsByMonth, shareTenths, type ScopeKey } from '../../domain/report-groups';
import type { MethodRow } from '../../protocol/reports';
import { t } from '../../ui/messages';
import { ReportChart } from './report-chart';
import { ReportTable, type TableData } from './report-table';
import type { LineSpec } from './line-chart';

export const methodColors: Record<string, string> = {
  bank: '#1f5fae',
  'mobile-money': '#1b7f3b',
  'cash-point': '#6b6b6b',
  'home-delivery': '#b35900',
};

export function methodsTable(rows: readonly MethodRow[], scope: ScopeKey, period: string): TableData {
  const m = t.reports.methods;
  const months = methodsByMonth(rows, scope, period);
  return {
    id: 'report-methods',
    caption: m.caption,
    fileName: `bao-cao-hinh-thuc-${period}`,
    columns: [
      { label: m.month, kind: 'text' },
      ...paymentMethods.flatMap((method) => [
        { label: m.people(t.methods[method]), kind: 'count' as const },
        { label: m.amount(t.methods[method]), kind: 'money' as const },
      ]),
      { label: m.totalPeople, kind: 'count' },
      { label: m.totalAmount, kind: 'money' },
      { label: m.nonCashAmount, kind: 'share' },
      { label: m.nonCashPeople, kind: 'share' },
    ],
    rows: months.map((month) => [
      t.reports.month(month.period),
      ...paymentMethods.flatMap((method) => {
        const sums = month.byMethod.get(method);
        return [sums?.paidLines ?? 0, sums?.paidAmount ?? 0];
      }),
      month.total.paidLines,
      month.total.paidAmount,
      shareTenths(month.nonCashAmount),
      shareTenths(month.nonCashLines),
    ]),
  };
}

export function MethodsSection(props: { rows: readonly MethodRow[]; scope: ScopeKey; period: string }) {
  const { rows, scope, period } = props;
  const m = t.reports.methods;
  const table = useMemo(() => methodsTable(rows, scope, period), [rows, scope, period]);
  const spec = useMemo((): LineSpec => {
    const months = methodsByMonth(rows, scope, period);
    return {
      labels: months.map((x) => x.period.slice(5, 7) + '/' + x.period.slice(2, 4)),
      series: [
        ...paymentMethods.map((method) => ({
          label: t.methods[method],
          color: methodColors[method] ?? '#000',
          values: months.map((x) => x.byMethod.get(method)?.paidLines ?? 0),
        })),
        {
          label: m.nonCashAmount,
          color: '#000',
          dash: true,
          scale: 'share' as const,
          values: months.map((x) => {
            const tenths = shareTenths(x.nonCashAmount);
            return tenths === null ? null : tenths / 10;
          }),
        },
      ],
    };
  }, [rows, scope, period, m.nonCashAmount]);
  return (
    <section className="report-section" aria-labelledby="h-methods">
      <h2 id="h-methods">{m.heading}</h2>
      <ReportChart title={m.chart} tableId={table.id} spec={spec} />
      <ReportTable table={table} />
    </section>
  );
}
