/**
 * Uploading a commune's monthly list file (roles that prepare lists): a refused file shows its
 * findings by row and column and nothing is kept; how the columns were read can be fixed, saved
 * for the layout, and the file read again.
 */
import { useState, type FormEvent } from 'react';
import type { ListImportResponse, ListKind } from '../../protocol/lists';
import { downloadFile } from '../../ui/download';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { ColumnMapping } from './column-mapping';
import { FindingsTable, MoneyEquation } from './list-detail';

export function UploadList(props: {
  commune: string;
  period: string;
  /** A correction once the month's list is published (docs/protocol.md "Lists"). */
  kind: ListKind;
  onKept: (listId: string) => void;
}) {
  const { commune, period, kind, onKept } = props;
  const { transport } = useServices();
  const session = useSession();
  const can = useCan();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ListImportResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Bumped by each answer: the mapping panel starts again from how the file was read.
  const [reads, setReads] = useState(0);
  if (!can('lists.prepare', commune)) return null;

  async function send() {
    if (!session || !file) return;
    setBusy(true);
    setFailure(null);
    setAnswer(null);
    try {
      const result = await transport.importList(session.token, { commune, period, file, fileName: file.name, kind });
      setAnswer(result);
      setReads((n) => n + 1);
      if (result.listId !== null) onKept(result.listId);
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    } finally {
      setBusy(false);
    }
  }

  async function downloadFindings() {
    if (!session || !file) return;
    setFailure(null);
    try {
      const back = await transport.findingsFile(session.token, { commune, period, file, fileName: file.name, kind });
      downloadFile(back.fileName, back.blob, back.blob.type);
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    }
  }

  async function saveMapping(sourceKey: string, fields: Record<string, string>) {
    if (!session) return;
    await transport.saveListMapping(session.token, { commune, sourceKey, fields });
    await send();
  }

  const upload = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const errors = answer?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const columnMissing = answer?.findings.some((f) => f.code === 'missing-column') ?? false;
  return (
    <form className="card" onSubmit={upload}>
      {kind === 'correction' && (
        <p className="notice" data-testid="correction-notice">
          {t.lists.correctionNotice}
        </p>
      )}
      <label>
        {t.lists.file}
        <input
          type="file"
          accept=".xlsx,.xls,.csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || file === null}>
        {t.lists.upload}
      </button>
      {busy && (
        <p className="muted" role="status">
          {t.lists.reading}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {answer?.duplicate && <p role="status">{t.lists.duplicate}</p>}
      {answer && answer.listId === null && (
        <>
          <p className="error" role="alert">
            {t.lists.refused(errors)}
          </p>
          <MoneyEquation money={answer.diff.money} kind={kind} />
          <FindingsTable findings={answer.findings} />
        </>
      )}
      {answer && answer.findings.length > 0 && (
        <button type="button" disabled={busy} onClick={() => void downloadFindings()}>
          {t.lists.findingsFile}
        </button>
      )}
      {answer?.reading && (
        <ColumnMapping
          key={reads}
          reading={answer.reading}
          open={columnMissing}
          busy={busy}
          onSave={(fields) => saveMapping(answer.reading?.sourceKey ?? '', fields)}
        />
      )}
    </form>
  );
}
