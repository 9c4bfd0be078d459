/**
 * The reports screen (issue 14, docs/reports.md): how the pilot is going in a month, for the
 * province, a former district or a commune of the user's communes. Each section has a chart and,
 * under it, the table it is drawn from (exportable as `.xlsx`). Online: the server sums the rows.
 */
import { useId, useState } from 'react';
import './reports.css';
import { Link, useSearchParams } from 'react-router';
import { vietnamMonth } from '../../lib/clock';
import { scopeOptions } from '../../domain/report-groups';
import { errorMessage, t } from '../../ui/messages';
import { useOnline } from '../../ui/use-online';
import { CostSection } from './cost-section';
import { FunnelSection } from './funnel-section';
import { MethodsSection } from './methods-section';
import { ProgressSection } from './progress-section';
import { QualitySection } from './quality-section';
import { communesOf, REPORT_COUNT, useReports } from './use-reports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/u;

/** The period and scope in the address (`?period=2026-11&scope=district:479`), so a link or a reload keeps them. */
export function useReportChoice(): {
  period: string;
  scope: string | null;
  choose: (next: { period?: string; scope?: string }) => void;
} {
  const [params, setParams] = useSearchParams();
  const asked = params.get('period') ?? '';
  const period = MONTH.test(asked) ? asked : vietnamMonth(Date.now());
  const scope = params.get('scope');
  const choose = (next: { period?: string; scope?: string }) => {
    const q = new URLSearchParams(params);
    if (next.period) q.set('period', next.period);
    if (next.scope) q.set('scope', next.scope);
    setParams(q, { replace: true });
  };
  return { period, scope, choose };
}

export function ReportsPage() {
  const m = t.reports;
  const online = useOnline();
  const { period, scope: askedScope, choose } = useReportChoice();
  const { reports, retry, done } = useReports(period);
  const [draftMonth, setDraftMonth] = useState(period);
  const periodId = useId();
  const scopeId = useId();
  const options = reports.state === 'ready' ? scopeOptions(communesOf(reports.value), m.province) : [];
  const scope = (options.find((o) => o.key === askedScope) ?? options[0])?.key;

  return (
    <section className="reports">
      <h1>{m.title}</h1>
      {!online && (
        <p className="warning" role="status">
          {m.online}
        </p>
      )}
      <div className="report-pickers no-print">
        <label htmlFor={periodId}>{m.period}</label>
        <input
          id={periodId}
          type="month"
          value={draftMonth}
          onChange={(e) => {
            setDraftMonth(e.target.value);
            if (MONTH.test(e.target.value)) choose({ period: e.target.value });
          }}
        />
        <label htmlFor={scopeId}>{m.scope}</label>
        <select
          id={scopeId}
          value={scope ?? ''}
          disabled={options.length === 0}
          onChange={(e) => choose({ scope: e.target.value })}
        >
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {m.scopeKinds[o.kind]}: {o.name}
            </option>
          ))}
        </select>
        {scope && <Link to={`/bao-cao/in?${new URLSearchParams({ period, scope }).toString()}`}>{m.print}</Link>}
      </div>
      {reports.state === 'loading' && (
        <p className="muted" role="status">
          <progress max={REPORT_COUNT} value={done} aria-label={m.loading(done, REPORT_COUNT)} />{' '}
          {m.loading(done, REPORT_COUNT)}
        </p>
      )}
      {reports.state === 'failed' && (
        <p className="error" role="alert">
          {reports.code === 'forbidden' ? m.forbidden : m.failed(errorMessage(reports.code))}{' '}
          <button type="button" onClick={retry}>
            {m.retry}
          </button>
        </p>
      )}
      {reports.state === 'ready' && !scope && <p className="empty">{m.empty}</p>}
      {reports.state === 'ready' && scope && (
        <>
          <MethodsSection rows={reports.value.methods} scope={scope} period={period} />
          <CostSection methods={reports.value.methods} scope={scope} period={period} />
          <FunnelSection rows={reports.value.funnel} scope={scope} period={period} />
          <ProgressSection progress={reports.value.progress} scope={scope} period={period} />
          <QualitySection quality={reports.value.quality} scope={scope} period={period} />
        </>
      )}
    </section>
  );
}
