/**
 * "Phân công" (issue 16, "Assignments"): the officer or a supervisor puts the month's cash lines
 * on payers' rounds — a whole village at once, or the people selected — and moves people
 * between payers by selecting and assigning again. Each line is one `payment.assign` op, recorded
 * offline; a line already paid (or paid into an account) is not offered, and says why.
 */
import { useMemo, useState } from 'react';
import { assignRefusal } from '../../domain/payment-line';
import { formatVnd, vnd } from '../../domain/money';
import { orderVillages, progressByPayer } from '../../domain/payer-round';
import { formatDateTime } from '../../ui/format';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp, type RecordOpError } from '../../ui/use-record-op';
import { assigneeOf, roundItemOf } from './line-assignee';
import { usePayers } from './use-payers';
import { usePaymentList, type PaymentListItem } from './use-payment-list';

type Notice = { kind: 'ok' | 'error'; text: string };

/** "Name: n" for each payer holding lines of the village, most first. */
function byPayer(items: readonly PaymentListItem[]): string[] {
  const counts = new Map<string, number>();
  for (const { line } of items) {
    const name = assigneeOf(line)?.payerName;
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => t.assign.payerCount(name, n));
}

export function AssignPage() {
  const list = usePaymentList();
  const { saved, stale } = usePayers();
  const { record } = useRecordOp();
  const [payerId, setPayerId] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);

  const payers = saved?.payers ?? [];
  const payer = payers.find((p) => p.id === payerId);
  const items = useMemo(() => (list?.items ?? []).filter((i) => i.person), [list]);
  const payerProgress = useMemo(() => progressByPayer(items.map(roundItemOf)), [items]);
  const villages = useMemo(() => {
    const by = new Map<string, PaymentListItem[]>();
    for (const item of items) {
      const v = item.person?.village ?? '';
      by.set(v, [...(by.get(v) ?? []), item]);
    }
    return orderVillages([...by.keys()], []).map((village) => ({ village, items: by.get(village) ?? [] }));
  }, [items]);

  async function assign(targets: readonly PaymentListItem[], to: { id: string; name: string } | null) {
    const open = targets.filter(({ line }) => assignRefusal(line) === null);
    // A payer takes only lines of their own communes: the server would refuse the others.
    const fit = to ? open.filter(({ line }) => payer?.communes.includes(line.communeCode) ?? false) : open;
    const skipped = targets.length - fit.length;
    setProgress({ done: 0, total: fit.length });
    let done = 0;
    let failed: RecordOpError | null = null;
    for (const { line } of fit) {
      const result = await record(
        'payment.assign',
        line.id,
        to ? { payerId: to.id, payerName: to.name } : { payerId: null },
      );
      if (!result.ok) {
        failed = result.error;
        break;
      }
      setProgress({ done: ++done, total: fit.length });
    }
    setProgress(null);
    setSelected(new Set());
    const next: Notice[] = [];
    if (done > 0) next.push({ kind: 'ok', text: to ? t.assign.done(done, to.name) : t.assign.undone(done) });
    if (skipped > 0) next.push({ kind: 'error', text: t.assign.skipped(skipped) });
    if (failed) next.push({ kind: 'error', text: recordErrorMessage(failed) });
    setNotices(next);
  }

  const chosen = () => {
    if (!payer) {
      setNotices([{ kind: 'error', text: t.assign.chooseFirst }]);
      return null;
    }
    return { id: payer.id, name: payer.displayName };
  };
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleVillage = (village: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(village)) next.add(village);
      return next;
    });
  const selectedItems = items.filter(({ line }) => selected.has(line.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (!list) return <p className="muted">{t.loading}</p>;
  return (
    <section className="assign">
      <h1>{t.assign.title(list.periodId ?? '')}</h1>
      <p className="muted">{t.assign.intro}</p>
      {payerProgress.length > 0 && (
        <table className="assign-progress">
          <caption>{t.assign.progress.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.assign.progress.payer}</th>
              <th scope="col">{t.assign.progress.lines}</th>
              <th scope="col">{t.assign.progress.paid}</th>
              <th scope="col">{t.assign.progress.toVisit}</th>
              <th scope="col">{t.assign.progress.revisits}</th>
              <th scope="col">{t.assign.progress.paidAmount}</th>
              <th scope="col">{t.assign.progress.toPay}</th>
            </tr>
          </thead>
          <tbody>
            {payerProgress.map((p) => (
              <tr key={p.payerId}>
                <th scope="row">{p.payerName}</th>
                <td className="num">{p.lines}</td>
                <td className="num">{p.paid}</td>
                <td className="num">{p.toVisit}</td>
                <td className="num">{p.revisits}</td>
                <td className="num">{formatVnd(vnd(p.paidAmount))}</td>
                <td className="num">{formatVnd(vnd(p.toPay))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saved === null && <p className="notice error">{t.assign.noPayers}</p>}
      {saved && <p className="muted">{t.assign.payersAt(formatDateTime(saved.at))}</p>}
      {stale && saved && <p className="muted">{t.assign.payersStale}</p>}
      <div className="assign-actions">
        <div aria-live="polite">
          {progress && <p>{t.assign.working(progress.done, progress.total)}</p>}
          {notices.map((n) => (
            <p key={n.text} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
              {n.text}
            </p>
          ))}
        </div>
        <div className="toolbar">
          <label htmlFor="assign-payer">{t.assign.payer}</label>
          <select id="assign-payer" value={payerId} onChange={(e) => setPayerId(e.target.value)}>
            <option value="">{t.assign.choosePayer}</option>
            {payers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar">
          <button
            type="button"
            disabled={progress !== null}
            onClick={() => {
              if (selectedItems.length === 0) return setNotices([{ kind: 'error', text: t.assign.nothingSelected }]);
              const to = chosen();
              if (to) void assign(selectedItems, to);
            }}
          >
            {t.assign.assignSelected(selectedItems.length)}
          </button>
          <button
            type="button"
            disabled={progress !== null || selectedItems.length === 0}
            onClick={() => void assign(selectedItems, null)}
          >
            {t.assign.unassignSelected(selectedItems.length)}
          </button>
        </div>
      </div>
      {villages.map(({ village, items: own }, i) => (
        <section key={village} className="assign-village" aria-labelledby={`assign-v${String(i)}`}>
          <h2 id={`assign-v${String(i)}`}>{village}</h2>
          <p className="muted">
            {t.assign.villageCount(
              own.length,
              own.filter(({ line }) => assignRefusal(line) === null && !assigneeOf(line)).length,
            )}
          </p>
          {byPayer(own).length > 0 && <p className="muted">{byPayer(own).join(' · ')}</p>}
          <div className="toolbar">
            <button
              type="button"
              disabled={progress !== null}
              onClick={() => {
                const to = chosen();
                if (to) void assign(own, to);
              }}
            >
              {t.assign.assignVillage(village)}
            </button>
            {/* A commune's lines can run to thousands: a village's people show when asked for. */}
            <button
              type="button"
              aria-expanded={expanded.has(village)}
              aria-controls={`assign-l${String(i)}`}
              onClick={() => toggleVillage(village)}
            >
              {expanded.has(village) ? t.assign.hidePeople : t.assign.showPeople(own.length)}
            </button>
          </div>
          {expanded.has(village) && (
            <ul className="plain pay-list" id={`assign-l${String(i)}`}>
              {own.map(({ line, person }) => {
                const refusal = assignRefusal(line);
                const assignee = assigneeOf(line);
                const name = person?.fullName ?? t.payments.unknownPerson;
                return (
                  <li key={line.id} className="assign-line" data-line={line.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={selected.has(line.id)}
                        disabled={refusal !== null}
                        onChange={() => toggle(line.id)}
                        aria-label={t.assign.select(name)}
                      />
                      <span className="pay-name">{name}</span>
                    </label>
                    <span className="pay-amount">{formatVnd(line.amount)}</span>
                    <span className={`badge line-${line.status}`}>{t.lineStatuses[line.status]}</span>
                    <span className="muted" data-testid="assignee">
                      {refusal
                        ? t.assign.refusals[refusal]
                        : assignee
                          ? t.assign.assignedTo(assignee.payerName)
                          : t.assign.nobody}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
