/**
 * Closing a commune's month (docs/protocol.md "Closing a month"), online: the unpaid lines, one
 * decision each (carried into next month's arrears, or ended with a reason), the money equation
 * due = paid + carried + ended recomputed by the domain as decisions change, a confirmed close,
 * and afterwards the printable closing record.
 */
import { useState, type ReactNode } from 'react';
import {
  closeEndReasons,
  decidedMoney,
  planClose,
  type CloseDecision,
  type CloseEndReason,
} from '../../domain/month-close';
import { formatVnd, vnd } from '../../domain/money';
import type { ClosingLine, ClosingResponse } from '../../protocol/month-close';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { useClosing } from './use-lists';

type Money = { due: number; paid: number; carried: number; ended: number };

function ClosingEquation({ money, carryTo }: { money: Money; carryTo: string }) {
  const f = (n: number) => formatVnd(vnd(n));
  return (
    <p className="equation" data-testid="closing-equation">
      <strong>{t.closing.equationTitle}:</strong> {t.closing.due} {f(money.due)} = {t.closing.paid} {f(money.paid)} +{' '}
      {t.closing.carried(carryTo)} {f(money.carried)} + {t.closing.ended} {f(money.ended)}
    </p>
  );
}

export function MonthClosing(props: { commune: string; communeName: string; period: string }) {
  const { commune, period } = props;
  const [closing, reload] = useClosing(commune, period);
  return (
    <section className="card month-closing" data-testid="month-closing">
      <h2>{t.closing.heading(props.communeName, period)}</h2>
      {closing.state === 'loading' && <p className="muted">{t.lists.loading}</p>}
      {closing.state === 'failed' && (
        <p className="error" role="alert">
          {errorMessage(closing.code)}{' '}
          <button type="button" onClick={reload}>
            {t.lists.retry}
          </button>
        </p>
      )}
      {closing.state === 'ready' && closing.value === null && <p className="empty">{t.closing.nothing}</p>}
      {closing.state === 'ready' && closing.value?.status === 'closed' && <ClosedMonth view={closing.value} />}
      {closing.state === 'ready' && closing.value?.status === 'paying' && (
        <CloseForm view={closing.value} onClosed={reload} />
      )}
    </section>
  );
}

function ClosedMonth({ view }: { view: ClosingResponse }) {
  const { summary } = view;
  return (
    <>
      <p role="status">
        {t.closing.closedAt(formatDateTime(Date.parse(view.closedAt ?? '')), view.closedByName ?? '')}
      </p>
      <ClosingEquation
        money={{
          due: summary.due.amount,
          paid: summary.paid.amount,
          carried: summary.carried.amount,
          ended: summary.ended.amount,
        }}
        carryTo={view.carryTo}
      />
      {summary.withdrawn.count > 0 && (
        <p className="muted">{t.closing.withdrawn(summary.withdrawn.count, formatVnd(summary.withdrawn.amount))}</p>
      )}
      <LinesTable
        lines={view.lines}
        decision={(l) =>
          l.outcome === 'end'
            ? `${t.closing.outcome.end}: ${l.reason ? t.closing.reasons[l.reason] : ''}${l.note ? ` (${l.note})` : ''}`
            : t.closing.carry(view.carryTo)
        }
      />
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t.closing.print}
        </button>
      </p>
    </>
  );
}

type Choice = { outcome: 'carry' } | { outcome: 'end'; reason: CloseEndReason; note: string };

function CloseForm({ view, onClosed }: { view: ClosingResponse; onClosed: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const can = useCan();
  const mayClose = can('months.close', view.communeCode);
  const [choices, setChoices] = useState<ReadonlyMap<string, Choice>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const decisions: CloseDecision[] = view.lines.map((l) => {
    const c = choices.get(l.lineId) ?? { outcome: 'carry' };
    return c.outcome === 'carry'
      ? { lineId: l.lineId, outcome: 'carry' }
      : { lineId: l.lineId, outcome: 'end', reason: c.reason, note: c.note };
  });
  // The domain decides the money and what is missing, exactly as the server will.
  const plan = planClose(view.lines, decisions);
  const needsNote = new Set(plan.ok ? [] : plan.error.map((p) => p.lineId));
  const money = {
    due: view.summary.due.amount,
    paid: view.summary.paid.amount,
    ...decidedMoney(view.lines, decisions),
  };
  const choose = (lineId: string, choice: Choice) => {
    setConfirming(false);
    setChoices((prev) => new Map(prev).set(lineId, choice));
  };

  async function close() {
    if (!session || !plan.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      await transport.closeMonth(session.token, view.communeCode, view.period, decisions);
      onClosed();
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="muted">{t.closing.intro}</p>
      <ClosingEquation money={money} carryTo={view.carryTo} />
      {view.lines.length === 0 && <p>{t.closing.allPaid}</p>}
      {view.lines.length > 0 && (
        <LinesTable
          lines={view.lines}
          decision={(l) => {
            const c = choices.get(l.lineId) ?? { outcome: 'carry' };
            return (
              <DecisionPicker
                line={l}
                choice={c}
                carryTo={view.carryTo}
                disabled={!mayClose || busy}
                needsNote={needsNote.has(l.lineId)}
                onChange={(next) => choose(l.lineId, next)}
              />
            );
          }}
        />
      )}
      {!mayClose && <p className="muted">{t.closing.onlySupervisor}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {mayClose && !confirming && (
        <button type="button" className="primary" disabled={!plan.ok || busy} onClick={() => setConfirming(true)}>
          {t.closing.close}
        </button>
      )}
      {mayClose && confirming && (
        <div className="toolbar">
          <button type="button" className="primary" disabled={busy} onClick={() => void close()}>
            {t.closing.confirm(view.period)}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t.closing.cancel}
          </button>
        </div>
      )}
      {busy && (
        <p className="muted" role="status">
          {t.closing.closing}
        </p>
      )}
    </>
  );
}

function DecisionPicker(props: {
  line: ClosingLine;
  choice: Choice;
  carryTo: string;
  disabled: boolean;
  needsNote: boolean;
  onChange: (choice: Choice) => void;
}) {
  const { line, choice, disabled, onChange } = props;
  const value = choice.outcome === 'carry' ? 'carry' : choice.reason;
  return (
    <div className="decision">
      <select
        aria-label={`${t.closing.cols.decision}: ${line.fullName}`}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'carry') onChange({ outcome: 'carry' });
          else
            onChange({
              outcome: 'end',
              reason: v as CloseEndReason,
              note: choice.outcome === 'end' ? choice.note : '',
            });
        }}
      >
        <option value="carry">{t.closing.carry(props.carryTo)}</option>
        {closeEndReasons.map((r) => (
          <option key={r} value={r}>
            {t.closing.end}: {t.closing.reasons[r]}
          </option>
        ))}
      </select>
      {choice.outcome === 'end' && (
        <input
          aria-label={`${t.closing.note}: ${line.fullName}`}
          placeholder={t.closing.note}
          value={choice.note}
          disabled={disabled}
          onChange={(e) => onChange({ ...choice, note: e.target.value })}
        />
      )}
      {props.needsNote && (
        <span className="error" role="alert">
          {t.closing.noteNeeded}
        </span>
      )}
    </div>
  );
}

function LinesTable({ lines, decision }: { lines: ClosingLine[]; decision: (l: ClosingLine) => ReactNode }) {
  return (
    <table className="closing-lines" data-testid="closing-lines">
      <thead>
        <tr>
          <th>{t.closing.cols.name}</th>
          <th>{t.closing.cols.code}</th>
          <th>{t.closing.cols.village}</th>
          <th>{t.closing.cols.status}</th>
          <th>{t.closing.cols.amount}</th>
          <th>{t.closing.cols.decision}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.lineId}>
            <td>{l.fullName}</td>
            <td>{l.code ?? ''}</td>
            <td>{l.village ?? ''}</td>
            <td>{t.closing.statuses[l.status]}</td>
            <td className="amount">{formatVnd(l.amount)}</td>
            <td>{decision(l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
