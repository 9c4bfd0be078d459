/**
 * A provider's result file: read first and shown (what would be recorded, the rows that will not
 * be and why, the balance after it), then recorded on the supervisor's word. A file whose columns
 * the app cannot find asks which column is which, saves that for the provider, and reads again.
 */
import { useState } from 'react';
import { resultFields, type ResultField } from '../../domain/batch-results';
import type { BatchDetail, ResultPreview } from '../../protocol/batches';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { BalanceEquation } from './balance-equation';

type Notice = { text: string; isError: boolean };

export function ResultsImport({ batch, onApplied }: { batch: BatchDetail; onApplied: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ResultPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [columns, setColumns] = useState<Partial<Record<ResultField, string>>>({});
  const [paidValues, setPaidValues] = useState('Thành công, SUCCESS, 00');
  const [failedText, setFailedText] = useState('Thất bại, Lỗi, FAILED');

  async function work(run: (token: string) => Promise<void>) {
    if (!session) return;
    setBusy(true);
    setNotice(null);
    try {
      await run(session.token);
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }
  const read = (chosen: File | null = file) =>
    work(async (token) => {
      if (!chosen) return;
      setPreview(await transport.previewResults(token, batch.id, { file: chosen, fileName: chosen.name }));
    });
  const saveMapping = () =>
    work(async (token) => {
      const values = paidValues
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      const failedValues = failedText
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      await transport.putResultMapping(token, batch.providerId, batch.commune, {
        columns,
        paidValues: values,
        failedValues,
      });
      if (file) setPreview(await transport.previewResults(token, batch.id, { file, fileName: file.name }));
    });
  const apply = (importId: string) =>
    work(async (token) => {
      const applied = await transport.applyResults(token, batch.id, importId);
      setPreview(null);
      setFile(null);
      setNotice({ text: t.payout.applied(applied.paid, applied.failed), isError: false });
      onApplied();
    });

  return (
    <section className="card" aria-labelledby="results-title">
      <h3 id="results-title">{t.payout.resultsTitle}</h3>
      <div className="toolbar">
        <label>
          {t.payout.resultsFile}
          <input
            type="file"
            accept=".xlsx,.xls,.csv"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setPreview(null);
            }}
          />
        </label>
        <button type="button" disabled={busy || file === null} onClick={() => void read()}>
          {busy ? t.payout.reading : t.payout.readResults}
        </button>
      </div>
      {notice && (
        <p className={notice.isError ? 'error' : 'ok'} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {preview?.importId === null && (
        <div data-testid="result-mapping">
          <h4>{t.payout.mappingTitle}</h4>
          <p className="muted">{t.payout.mappingIntro}</p>
          {resultFields.map((field) => (
            <label key={field}>
              {t.payout.mappingFields[field]}
              <select
                value={columns[field] ?? ''}
                onChange={(e) => setColumns({ ...columns, [field]: e.target.value || undefined })}
              >
                <option value="">{t.payout.noColumn}</option>
                {preview.headers
                  .filter((h) => h !== '')
                  .map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
              </select>
            </label>
          ))}
          <label>
            {t.payout.paidValues}
            <input value={paidValues} onChange={(e) => setPaidValues(e.target.value)} />
          </label>
          <label>
            {t.payout.failedValues}
            <input value={failedText} onChange={(e) => setFailedText(e.target.value)} />
          </label>
          <button type="button" disabled={busy} onClick={() => void saveMapping()}>
            {t.payout.saveMapping}
          </button>
        </div>
      )}
      {preview !== null && preview.importId !== null && (
        <div data-testid="result-preview">
          <h4>{t.payout.previewTitle}</h4>
          <p>{t.payout.previewCounts(preview.paid, preview.failed, preview.alreadyApplied)}</p>
          <BalanceEquation balance={preview.balance} />
          <h4>{t.payout.findings}</h4>
          {preview.findings.length === 0 ? (
            <p className="muted">{t.payout.noFindings}</p>
          ) : (
            <table data-testid="result-findings">
              <thead>
                <tr>
                  <th>{t.payout.cols.row}</th>
                  <th>{t.payout.cols.message}</th>
                </tr>
              </thead>
              <tbody>
                {preview.findings.map((f) => (
                  <tr key={`${f.row}-${f.code}`} className="warning">
                    <td>{f.row}</td>
                    <td>{f.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy || preview.paid + preview.failed === 0}
            onClick={() => void apply(preview.importId ?? '')}
          >
            {t.payout.apply}
          </button>
        </div>
      )}
    </section>
  );
}
