/**
 * One batch: its balance as an equation, what was held back and why, its lines, its steps, and
 * the actions the user may take (protocol/permissions.ts; never approving a batch one prepared):
 * approve, download the file (the first download sends the lines), import results, decide about
 * failed lines, cancel before results, close once balanced.
 */
import { useState } from 'react';
import { formatVnd, vnd } from '../../domain/money';
import type { BatchDetail } from '../../protocol/batches';
import { downloadFile } from '../../ui/download';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { BalanceEquation } from './balance-equation';
import { FailedLines } from './failed-lines';
import { ResultsImport } from './results-import';

type Notice = { text: string; isError: boolean };

export function BatchDetailView({ batch, onChanged }: { batch: BatchDetail; onChanged: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [note, setNote] = useState('');
  const isPreparer = session?.user.id === batch.preparerId;
  const commune = batch.commune;

  async function act(work: (token: string) => Promise<string>) {
    if (!session) return;
    setBusy(true);
    try {
      setNotice({ text: await work(session.token), isError: false });
      onChanged();
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }
  const approve = () =>
    act(async (token) => {
      await transport.batchStep(token, batch.id, 'approve');
      return t.payout.approved;
    });
  const download = () =>
    act(async (token) => {
      const file = await transport.batchFile(token, batch.id);
      downloadFile(file.fileName, file.blob, file.blob.type);
      return t.payout.downloaded;
    });
  const cancel = () => {
    if (note.trim() === '') {
      setNotice({ text: t.payout.cancelNoteNeeded, isError: true });
      return Promise.resolve();
    }
    return act(async (token) => {
      await transport.batchStep(token, batch.id, 'cancel', note.trim());
      setNote('');
      return t.payout.cancelled;
    });
  };
  const close = () =>
    act(async (token) => {
      await transport.batchStep(token, batch.id, 'close');
      return t.payout.closed;
    });

  const canPrepare = can('batches.prepare', commune);
  const failed = batch.lines.filter((l) => l.result === 'failed');
  return (
    <article className="card batch" aria-labelledby="batch-title" data-testid="batch-detail">
      <h2 id="batch-title">
        {batch.reference} · {batch.providerName}
      </h2>
      <p>
        {t.payout.statuses[batch.status]} · {t.payout.lines(batch.lineCount)} · {formatVnd(vnd(batch.total))} ·{' '}
        {t.payout.preparedBy(batch.preparerName)}
        {batch.approverName !== null && ` · ${t.payout.approvedBy(batch.approverName)}`}
      </p>
      {batch.status === 'exported' || batch.status === 'closed' ? (
        <BalanceEquation balance={batch.balance} />
      ) : (
        // Nothing has left yet: what the file will send, not a balance.
        <p data-testid="batch-to-send">{t.payout.toSend(batch.lineCount, formatVnd(vnd(batch.total)))}</p>
      )}
      <div className="actions">
        {batch.status === 'draft' && can('batches.approve', commune) && !isPreparer && (
          <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
            {t.payout.approve}
          </button>
        )}
        {batch.status === 'draft' && isPreparer && <p className="muted">{t.payout.ownBatch}</p>}
        {(batch.status === 'approved' || batch.status === 'exported' || batch.status === 'closed') &&
          can('batches.export', commune) && (
            <button type="button" disabled={busy} onClick={() => void download()}>
              {batch.status === 'approved' ? t.payout.download : t.payout.downloadAgain}
            </button>
          )}
        {batch.status === 'exported' && canPrepare && batch.balance.waiting.lines === 0 && (
          <button type="button" disabled={busy} onClick={() => void close()}>
            {t.payout.close}
          </button>
        )}
      </div>
      {canPrepare &&
        (batch.status === 'draft' ||
          batch.status === 'approved' ||
          (batch.status === 'exported' && batch.balance.waiting.lines === batch.balance.sent.lines)) && (
          <div className="toolbar">
            <label>
              {t.payout.cancelNote}
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
              {t.payout.cancel}
            </button>
          </div>
        )}
      {notice && (
        <p className={notice.isError ? 'error' : 'ok'} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {batch.status === 'exported' && canPrepare && <ResultsImport batch={batch} onApplied={onChanged} />}
      {failed.length > 0 && canPrepare && <FailedLines batchId={batch.id} lines={failed} onDecided={onChanged} />}
      <h3>{t.payout.heldBack}</h3>
      {batch.heldBack.length === 0 ? (
        <p className="muted">{t.payout.heldBackNone}</p>
      ) : (
        <table data-testid="held-back">
          <thead>
            <tr>
              <th>{t.payout.cols.name}</th>
              <th>{t.payout.cols.message}</th>
            </tr>
          </thead>
          <tbody>
            {batch.heldBack.map((h) => (
              <tr key={h.lineId}>
                <td>{h.fullName}</td>
                <td>{h.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table data-testid="batch-lines">
        <thead>
          <tr>
            <th>{t.payout.cols.reference}</th>
            <th>{t.payout.cols.holder}</th>
            <th>{t.payout.cols.account}</th>
            <th className="num">{t.payout.cols.amount}</th>
            <th>{t.payout.cols.result}</th>
            <th>{t.payout.cols.reason}</th>
          </tr>
        </thead>
        <tbody>
          {batch.lines.map((l) => (
            <tr key={l.lineId}>
              <td>{l.reference}</td>
              <td>{l.holderName}</td>
              <td>{l.accountNumber}</td>
              <td className="num">{formatVnd(vnd(l.amount))}</td>
              <td>{t.payout.results[l.result]}</td>
              <td>{l.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t.payout.shownLines(batch.lines.length, batch.lineCount)}</p>
      <h3>{t.payout.events}</h3>
      <ol data-testid="batch-events">
        {batch.events.map((e, i) => (
          <li key={i}>
            {formatDateTime(Date.parse(e.at))} · {e.userName} · {t.payout.actions[e.action]}
            {e.comment !== null && ` · ${e.comment}`}
          </li>
        ))}
      </ol>
    </article>
  );
}
