/**
 * (b) The cash → account funnel: a horizontal bar per step, as wide as its share of the active
 * people, and how many stopped before it. CSS bars (uPlot draws no horizontal bars); they print sharp.
 */
import { useMemo } from 'react';
import { funnelOf, shareTenths, type Funnel, type ScopeKey } from '../../domain/report-groups';
import type { FunnelRow } from '../../protocol/reports';
import { t } from '../../ui/messages';
import { formatShare, ReportTable, type TableData } from './report-table';

export function funnelTable(funnel: Funnel, period: string): TableData {
  const m = t.reports.funnel;
  return {
    id: 'report-funnel',
    caption: m.caption,
    fileName: `bao-cao-chuyen-doi-${period}`,
    columns: [
      { label: m.stage, kind: 'text' },
      { label: m.people, kind: 'count' },
      { label: m.ofAll, kind: 'share' },
      { label: m.dropped, kind: 'count' },
    ],
    rows: funnel.steps.map((s) => [m.stages[s.stage], s.people, shareTenths(s.ofAll), s.droppedFromPrevious]),
  };
}

export function FunnelBars({ funnel, tableId }: { funnel: Funnel; tableId: string }) {
  const m = t.reports.funnel;
  return (
    <figure className="report-chart funnel" aria-describedby={tableId}>
      <figcaption>
        {m.chart} <span className="muted">{t.reports.chartNote}</span>
      </figcaption>
      <ol className="funnel-bars" aria-hidden="true">
        {funnel.steps.map((s) => {
          const tenths = shareTenths(s.ofAll) ?? 0;
          return (
            <li key={s.stage}>
              <span className="funnel-label">{m.stages[s.stage]}</span>
              <span className="funnel-track">
                <span className="funnel-bar" style={{ width: `${tenths / 10}%` }} />
              </span>
              <span className="funnel-value">
                {s.people.toLocaleString('vi-VN')} ({formatShare(tenths)})
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

export function FunnelSection(props: { rows: readonly FunnelRow[]; scope: ScopeKey; period: string }) {
  const { rows, scope, period } = props;
  const m = t.reports.funnel;
  const funnel = useMemo(() => funnelOf(rows, scope), [rows, scope]);
  const table = funnelTable(funnel, period);
  const { cohort } = funnel;
  return (
    <section className="report-section" aria-labelledby="h-funnel">
      <h2 id="h-funnel">{m.heading}</h2>
      <FunnelBars funnel={funnel} tableId={table.id} />
      <ReportTable table={table} />
      <p>
        {cohort.people === 0
          ? m.noCohort
          : m.cohort(cohort.stillNonCash, cohort.people, formatShare(shareTenths(cohort.share)))}
      </p>
    </section>
  );
}
