/**
 * The monthly pilot report, printed from the browser (issue 14, part 3): one A4 page set per period
 * and scope — the title, the key figures, the funnel with its drop-outs, the month beside the one
 * before and the pilot's first, the cost of one payment by method beside the share paid without
 * cash, and the preparer's notes (kept on the device as a draft while typed, printed as text).
 */
import { useId, useMemo, useState } from 'react';
import './reports.css';
import { Link } from 'react-router';
import { costByMonth } from '../../domain/report-cost';
import { scopeOptions, shareTenths, type ScopeOption } from '../../domain/report-groups';
import { monthlyReport, type MonthlyReport } from '../../domain/report-monthly';
import { errorMessage, t } from '../../ui/messages';
import { useDraft } from '../../ui/use-draft';
import { costedMonths, costTable } from './cost-table';
import { FunnelBars, funnelTable } from './funnel-section';
import { formatShare, ReportTable, type TableData } from './report-table';
import { useReportChoice } from './reports-page';
import { useMonthlyData, type MonthlyData } from './use-reports';

export function MonthlyReportPage() {
  const m = t.reports.printed;
  const { period, scope: askedScope } = useReportChoice();
  const { data, retry } = useMonthlyData(period);
  const options = useMemo(() => {
    if (data.state !== 'ready') return [];
    const communes = [...data.value.methods, ...data.value.funnel].map((r) => r.commune);
    return scopeOptions(communes, t.reports.province);
  }, [data]);
  const scope = options.find((o) => o.key === askedScope) ?? options[0];
  const back = `/bao-cao?${new URLSearchParams({ period, ...(scope ? { scope: scope.key } : {}) }).toString()}`;
  return (
    <article className="monthly-report">
      <p className="report-actions no-print">
        <Link to={back}>{m.back}</Link>
        <button type="button" onClick={() => window.print()} disabled={data.state !== 'ready'}>
          {m.printNow}
        </button>
      </p>
      {data.state === 'loading' && (
        <p className="muted" role="status">
          {t.loading}
        </p>
      )}
      {data.state === 'failed' && (
        <p className="error" role="alert">
          {data.code === 'forbidden' ? t.reports.forbidden : t.reports.failed(errorMessage(data.code))}{' '}
          <button type="button" onClick={retry}>
            {t.reports.retry}
          </button>
        </p>
      )}
      {data.state === 'ready' && !scope && (
        <>
          <h1>{t.reports.title}</h1>
          <p className="empty">{t.reports.empty}</p>
        </>
      )}
      {data.state === 'ready' && scope && (
        <MonthlyReportBody key={`${period}|${scope.key}`} data={data.value} scope={scope} period={period} />
      )}
    </article>
  );
}

function figuresTable({ figures }: MonthlyReport): TableData {
  const m = t.reports.printed;
  return {
    id: 'monthly-figures',
    caption: m.figuresCaption,
    fileName: 'bao-cao-thang-so-lieu-chinh',
    columns: [
      { label: m.figure, kind: 'text' },
      { label: m.value, kind: 'count' },
    ],
    rows: [
      [m.people, figures.people],
      [m.paidPeople, figures.paidLines],
      [m.paidAmount, figures.paidAmount],
      [m.nonCashPeople, formatShare(figures.nonCashLinesTenths)],
      [m.nonCash, formatShare(figures.nonCashAmountTenths)],
    ],
  };
}

function comparisonTable({ comparison }: MonthlyReport, period: string): TableData {
  const m = t.reports.printed;
  const columns = [
    { label: m.thisMonth, figures: comparison?.current ?? null },
    { label: m.previous, figures: comparison?.previous ?? null },
    { label: m.first, figures: comparison?.first ?? null },
  ];
  return {
    id: 'monthly-comparison',
    caption: m.comparisonCaption,
    fileName: `bao-cao-thang-so-sanh-${period}`,
    columns: [
      { label: m.figure, kind: 'text' },
      ...columns.map((c) => ({
        label: c.figures
          ? m.column(c.label, `${c.figures.period.slice(5, 7)}/${c.figures.period.slice(0, 4)}`)
          : c.label,
        kind: 'count' as const,
      })),
    ],
    rows: [
      [m.paidPeople, ...columns.map((c) => c.figures?.paidLines ?? null)],
      [m.paidAmount, ...columns.map((c) => c.figures?.paidAmount ?? null)],
      [m.nonCash, ...columns.map((c) => (c.figures ? formatShare(c.figures.nonCashTenths) : null))],
    ],
  };
}

function MonthlyReportBody(props: { data: MonthlyData; scope: ScopeOption; period: string }) {
  const { data, scope, period } = props;
  const m = t.reports.printed;
  const report = useMemo(
    () => monthlyReport(data.methods, data.funnel, scope.key, period),
    [data.methods, data.funnel, scope.key, period],
  );
  const cost = useMemo(() => costedMonths(costByMonth(data.cost, report.months)), [data.cost, report.months]);
  const funnel = funnelTable(report.funnel, period);
  const { cohort } = report.funnel;
  const today = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    Date.now(),
  );
  return (
    <>
      <header className="report-section">
        <h1>{m.title(scope.name, t.reports.month(period))}</h1>
        <p>
          {t.reports.scopeKinds[scope.kind]}: {scope.name}. {m.preparedOn(today)}
        </p>
      </header>
      <section className="report-section" aria-labelledby="p-figures">
        <h2 id="p-figures">{m.keyFigures}</h2>
        <ReportTable table={figuresTable(report)} />
      </section>
      <section className="report-section" aria-labelledby="p-funnel">
        <h2 id="p-funnel">{t.reports.funnel.heading}</h2>
        <FunnelBars funnel={report.funnel} tableId={funnel.id} />
        <ReportTable table={funnel} />
        <p>
          {cohort.people === 0
            ? t.reports.funnel.noCohort
            : t.reports.funnel.cohort(cohort.stillNonCash, cohort.people, formatShare(shareTenths(cohort.share)))}
        </p>
      </section>
      <section className="report-section" aria-labelledby="p-comparison">
        <h2 id="p-comparison">{m.comparison}</h2>
        <ReportTable table={comparisonTable(report, period)} />
      </section>
      <section className="report-section" aria-labelledby="p-cost">
        <h2 id="p-cost">{t.reports.cost.heading}</h2>
        {cost.length === 0 ? (
          <p>{t.reports.cost.none}</p>
        ) : (
          <ReportTable table={costTable(cost, period, 'monthly-cost')} />
        )}
        <p className="muted">{t.reports.cost.how}</p>
      </section>
      <PreparerNotes key={`${period}|${scope.key}`} draftKey={`monthly-report:${period}:${scope.key}`} />
    </>
  );
}

/** The preparer's notes: a draft on this device while typed; on paper, the text itself. */
function PreparerNotes({ draftKey }: { draftKey: string }) {
  const m = t.reports.printed;
  const draft = useDraft<string>(draftKey);
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? draft.loaded ?? '';
  const hintId = useId();
  return (
    <section className="report-section report-notes" aria-labelledby="p-notes">
      <h2 id="p-notes">{m.notes}</h2>
      <textarea
        aria-labelledby="p-notes"
        aria-describedby={hintId}
        value={text}
        disabled={draft.loaded === undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          draft.save(e.target.value);
        }}
      />
      <p id={hintId} className="muted no-print">
        {m.notesHint}
      </p>
      <div className="printed-notes" data-testid="printed-notes">
        {text}
      </div>
    </section>
  );
}
