/**
 * One monthly list: its money equation (previous + increases − decreases + adjustments = current),
 * its lines by kind, who left, its findings, its steps, and the actions the user may take on it
 * (protocol/permissions.ts, and the server's four-eyes rule: never on a list one prepared).
 */
import { useState } from 'react';
import { formatVnd, vnd } from '../../domain/money';
import type { CategoryCode, PaymentMethod } from '../../domain/vocabulary';
import type { ListDetail, ListKind, WireFinding } from '../../protocol/lists';
import { downloadFile } from '../../ui/download';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { Decreases } from './decreases';
import { FieldOutcomes } from './field-outcomes';
import { Matches } from './matches';

type Step = 'submit' | 'return' | 'approve' | 'publish';

export function FindingsTable({ findings }: { findings: readonly WireFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="card">
      <h3>{t.lists.findings}</h3>
      <table className="findings" data-testid="list-findings">
        <thead>
          <tr>
            <th>{t.lists.findingCols.row}</th>
            <th>{t.lists.findingCols.column}</th>
            <th>{t.lists.findingCols.severity}</th>
            <th>{t.lists.findingCols.message}</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={`${f.row ?? 0}-${f.column ?? ''}-${f.code}-${i}`} className={f.severity}>
              <td>{f.row ?? t.lists.wholeFile}</td>
              <td>{f.column ?? ''}</td>
              <td>{t.lists.severities[f.severity]}</td>
              <td>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The money of a list as an equation the screen shows, to the đồng. */
type Change = ListDetail['lines'][number]['changes'][number];

/** One field of an adjustment, old → new, in words people read. */
function describeChange(c: Change): string {
  const shown = (v: number | string | null): string => {
    if (v === null) return '—';
    if (c.field === 'total') return formatVnd(vnd(Number(v)));
    if (c.field === 'category') return t.categories[v as CategoryCode];
    return t.methods[v as PaymentMethod];
  };
  return `${t.lists.changeFields[c.field]} ${shown(c.from)} → ${shown(c.to)}`;
}

/** The money equation; a correction's compares the lines it names before and after it. */
export function MoneyEquation({ money, kind = 'month' }: { money: ListDetail['diff']['money']; kind?: ListKind }) {
  const sign = money.adjustments < 0 ? '−' : '+';
  const [before, after] =
    kind === 'correction'
      ? [t.lists.correctionPrevious, t.lists.correctionCurrent]
      : [t.lists.previous, t.lists.current];
  return (
    <p className="equation" data-testid="list-equation">
      <strong>{t.lists.equationTitle}:</strong> {before} {formatVnd(vnd(money.previous))} + {t.lists.increases}{' '}
      {formatVnd(vnd(money.increases))} − {t.lists.decreases} {formatVnd(vnd(money.decreases))} {sign}{' '}
      {t.lists.adjustments} {formatVnd(vnd(Math.abs(money.adjustments)))} = {after} {formatVnd(vnd(money.current))}
    </p>
  );
}

export function ListDetailView({ detail, onChanged }: { detail: ListDetail; onChanged: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const can = useCan();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const { list, diff } = detail;
  const me = session?.user.id;
  const isPreparer = me === list.preparerId;
  const offered: Step[] = [];
  const preparing = can('lists.prepare', list.communeCode) && (list.status === 'draft' || list.status === 'returned');
  // Submitting waits until every name-only match and field proposal is answered and everyone who
  // leaves has a reason.
  const reasonsMissing =
    detail.decreases.filter((d) => d.reason === null).length +
    detail.matches.filter((m) => m.same === null).length +
    detail.fieldOutcomes.filter((f) => f.accepted === null).length;
  if (preparing) offered.push('submit');
  if (can('lists.approve', list.communeCode) && list.status === 'submitted' && !isPreparer)
    offered.push('approve', 'return');
  if (can('lists.publish', list.communeCode) && list.status === 'approved') offered.push('publish');

  async function take(step: Step) {
    if (!session) return;
    if (step === 'return' && comment.trim() === '') {
      setNotice({ text: t.lists.commentNeeded, isError: true });
      return;
    }
    setBusy(true);
    try {
      await transport.listStep(session.token, list.listId, step, step === 'return' ? comment.trim() : undefined);
      setNotice({ text: t.lists.done[step], isError: false });
      setComment('');
      onChanged();
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    if (!session) return;
    try {
      const file = await transport.exportList(session.token, list.listId);
      downloadFile(file.fileName, file.blob, file.blob.type);
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    }
  }

  return (
    <section className="list-detail card" data-testid="list-detail">
      <h2>
        {list.kind === 'correction' && `${t.lists.listKinds.correction}: `}
        {list.fileName} · <span data-testid="list-status">{t.lists.statuses[list.status]}</span>
      </h2>
      <p className="muted">
        {t.lists.preparedBy(list.preparerName)}
        {list.approverName ? ` · ${t.lists.approvedBy(list.approverName)}` : ''}
      </p>
      <MoneyEquation money={diff.money} kind={list.kind} />
      <p>{t.lists.counts(diff.increases, diff.decreases, diff.adjustments, diff.unchanged)}</p>
      {offered.length > 0 && (
        <div className="toolbar">
          {offered.includes('return') && (
            <label>
              {t.lists.returnComment}
              <input value={comment} onChange={(e) => setComment(e.target.value)} />
            </label>
          )}
          {offered.map((step) => (
            <button
              key={step}
              type="button"
              className={step === 'return' ? undefined : 'primary'}
              disabled={busy || (step === 'submit' && reasonsMissing > 0)}
              onClick={() => void take(step)}
            >
              {t.lists.actions[step]}
            </button>
          ))}
          {offered.includes('submit') && reasonsMissing > 0 && (
            <span className="muted">{t.lists.reasonsMissing(reasonsMissing)}</span>
          )}
        </div>
      )}
      {(list.status === 'approved' || list.status === 'published') && (
        <button type="button" onClick={() => void download()}>
          {t.lists.exportApproved}
        </button>
      )}
      {notice && (
        <p className={notice.isError ? 'error' : undefined} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <FindingsTable findings={detail.findings} />
      <table className="list-lines" data-testid="list-lines">
        <thead>
          <tr>
            <th>{t.lists.lineCols.row}</th>
            <th>{t.lists.lineCols.name}</th>
            <th>{t.lists.lineCols.code}</th>
            <th>{t.lists.lineCols.kind}</th>
            <th>{t.lists.lineCols.total}</th>
          </tr>
        </thead>
        <tbody>
          {detail.lines.map((l) => (
            <tr key={l.row}>
              <td>{l.row}</td>
              <td>{l.fullName}</td>
              <td>{l.code ?? ''}</td>
              <td>
                {t.lists.kinds[l.kind]}
                {l.changes.length > 0 && `: ${l.changes.map(describeChange).join('; ')}`}
              </td>
              <td className="amount">{formatVnd(vnd(l.total))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Matches listId={list.listId} matches={detail.matches} editable={preparing} onAnswered={onChanged} />
      <FieldOutcomes
        key={detail.fieldOutcomes.map((f) => `${f.beneficiaryId}:${String(f.accepted)}:${f.note ?? ''}`).join('|')}
        listId={list.listId}
        proposals={detail.fieldOutcomes}
        editable={preparing}
        onAnswered={onChanged}
      />
      <Decreases
        key={detail.decreases.map((d) => `${d.beneficiaryId}:${d.reason ?? ''}`).join('|')}
        listId={list.listId}
        decreases={detail.decreases}
        editable={preparing}
        onSaved={onChanged}
      />
      <h3>{t.lists.history}</h3>
      <ul className="plain" data-testid="list-events">
        {detail.events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            {formatDateTime(Date.parse(e.at))} · {t.lists.events[e.action] ?? e.action} · {e.userName}
            {e.comment ? `: ${e.comment}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
