/**
 * (e) What paying cost: the cost of one payment by method, month by month, beside the share paid
 * without cash (docs/reports.md "Cost"), as a chart and its table; for admins, the month's fees.
 * Loaded on its own, so saving the fees reloads only the cost.
 */
import { useMemo } from 'react';
import { costByMonth } from '../../domain/report-cost';
import { methodsByMonth, shareTenths, type ScopeKey } from '../../domain/report-groups';
import { paymentMethods } from '../../domain/vocabulary';
import type { MethodRow } from '../../protocol/reports';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useRemote } from '../../ui/use-remote';
import { costedMonths, costTable } from './cost-table';
import { FeeForm } from './fee-form';
import type { LineSpec } from './line-chart';
import { methodColors } from './methods-section';
import { ReportChart } from './report-chart';
import { ReportTable } from './report-table';

export function CostSection(props: { methods: readonly MethodRow[]; scope: ScopeKey; period: string }) {
  const { methods, scope, period } = props;
  const m = t.reports.cost;
  const { transport } = useServices();
  const can = useCan();
  const [cost, reload] = useRemote((token) => transport.reportCost(token, period), `cost:${period}`);
  const months = useMemo(() => {
    if (cost.state !== 'ready') return null;
    return costByMonth(cost.value, methodsByMonth(methods, scope, period));
  }, [cost, methods, scope, period]);
  const spec = useMemo((): LineSpec | null => {
    if (!months) return null;
    return {
      labels: months.map((x) => x.period.slice(5, 7) + '/' + x.period.slice(2, 4)),
      series: [
        ...paymentMethods.map((method) => ({
          label: t.methods[method],
          color: methodColors[method] ?? '#000',
          values: months.map((x) => x.byMethod.get(method)?.costPerPayment ?? null),
        })),
        {
          label: m.share,
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
  }, [months, m.share]);
  const table = months ? costTable(months, period) : null;
  const current = months?.at(-1);
  return (
    <section className="report-section" aria-labelledby="h-cost">
      <h2 id="h-cost">{m.heading}</h2>
      {cost.state === 'loading' && (
        <p className="muted" role="status">
          {m.loading}
        </p>
      )}
      {cost.state === 'failed' && (
        <p className="error" role="alert">
          {m.failed(errorMessage(cost.code))}{' '}
          <button type="button" onClick={reload}>
            {t.reports.retry}
          </button>
        </p>
      )}
      {months && costedMonths(months).length === 0 && <p>{m.none}</p>}
      {months && costedMonths(months).length > 0 && table && spec && (
        <>
          <ReportChart title={m.chart} tableId={table.id} spec={spec} />
          <ReportTable table={table} />
        </>
      )}
      <p className="muted">{m.how}</p>
      {can('fees.manage') && months && (
        <FeeForm
          key={period}
          period={period}
          fees={new Map([...(current?.byMethod ?? [])].map(([method, c]) => [method, c.fee]))}
          onSaved={reload}
        />
      )}
    </section>
  );
}
