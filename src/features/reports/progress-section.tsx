/** (c) This month's payments: paid by day (cumulative), lines by status with reasons, failed transfers, home deliveries by payer. */
import { useMemo } from 'react';
import type { ScopeKey } from '../../domain/report-groups';
import { progressOf, type ProgressOf } from '../../domain/report-progress';
import type { Progress } from '../../protocol/reports';
import { t } from '../../ui/messages';
import { ReportChart } from './report-chart';
import { ReportTable, type TableData } from './report-table';
import type { LineSpec } from './line-chart';

const label = (map: Record<string, string>, key: string | null) => (key === null ? null : (map[key] ?? key));

export function progressTables(p: ProgressOf, period: string): TableData[] {
  const m = t.reports.progress;
  return [
    {
      id: 'report-days',
      caption: m.dayCaption,
      fileName: `bao-cao-tien-do-${period}`,
      columns: [
        { label: m.day, kind: 'text' },
        { label: m.paidThatDay, kind: 'count' },
        { label: m.cumulative, kind: 'count' },
        { label: m.cumulativeAmount, kind: 'money' },
      ],
      rows: p.byDay.map((d) => [
        `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`,
        d.paid.lines,
        d.cumulative.lines,
        d.cumulative.amount,
      ]),
    },
    {
      id: 'report-statuses',
      caption: m.statusCaption,
      fileName: `bao-cao-tinh-trang-${period}`,
      columns: [
        { label: m.status, kind: 'text' },
        { label: m.reason, kind: 'text' },
        { label: m.lines, kind: 'count' },
        { label: m.amount, kind: 'money' },
      ],
      rows: p.byStatus.map((s) => [
        label(t.lineStatuses, s.status),
        label(t.unpaidReasons, s.reason) ?? m.noReason,
        s.lines,
        s.amount,
      ]),
    },
    {
      id: 'report-failed',
      caption: m.failedCaption,
      fileName: `bao-cao-chuyen-khoan-loi-${period}`,
      columns: [
        { label: m.status, kind: 'text' },
        { label: m.lines, kind: 'count' },
        { label: m.amount, kind: 'money' },
      ],
      rows: [[m.failed, p.failedTransfers.lines, p.failedTransfers.amount]],
    },
    {
      id: 'report-home',
      caption: m.homeCaption,
      fileName: `bao-cao-chi-tai-nha-${period}`,
      columns: [
        { label: m.payer, kind: 'text' },
        { label: m.lines, kind: 'count' },
        { label: m.amount, kind: 'money' },
      ],
      rows: p.homeDeliveriesByPayer.map((h) => [h.payerName, h.lines, h.amount]),
    },
  ];
}

export function ProgressSection(props: { progress: Progress; scope: ScopeKey; period: string }) {
  const { progress, scope, period } = props;
  const m = t.reports.progress;
  const p = useMemo(() => progressOf(progress, scope), [progress, scope]);
  const tables = progressTables(p, period);
  const spec = useMemo(
    (): LineSpec => ({
      labels: p.byDay.map((d) => `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`),
      series: [{ label: m.cumulative, color: '#1f5fae', values: p.byDay.map((d) => d.cumulative.lines) }],
      stepped: true,
    }),
    [p, m.cumulative],
  );
  return (
    <section className="report-section" aria-labelledby="h-progress">
      <h2 id="h-progress">{m.heading}</h2>
      <p>{m.summary(p.paid.lines, p.all.lines)}</p>
      {p.byDay.length > 0 && <ReportChart title={m.chart} tableId="report-days" spec={spec} />}
      {tables.map((table) => (
        <ReportTable key={table.id} table={table} />
      ))}
    </section>
  );
}
