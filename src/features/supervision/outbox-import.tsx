import { useState, type ChangeEvent, type FormEvent } from 'react';
import { outboxFileSchema, type OutboxFile } from '../../protocol/import';
import { isSealedFile, openSealed } from '../../storage/outbox-seal';
import { TransportError, type PushAnswer } from '../../sync/transport';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';

/** Reads an outbox file (src/storage/outbox-export.ts); the reason, in the interface language, when it is not one. */
export function readOutboxFile(text: string): { ok: true; file: OutboxFile } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: t.devices.importUnreadable };
  }
  const parsed = outboxFileSchema.safeParse(json);
  if (!parsed.success) {
    const hasNoDevice =
      typeof json === 'object' && json !== null && 'format' in json && 'deviceId' in json && json.deviceId === null;
    return { ok: false, message: hasNoDevice ? t.devices.importNoDevice : t.devices.importWrongFile };
  }
  if (parsed.data.ops.length === 0 && parsed.data.blobs.length === 0)
    return { ok: false, message: t.devices.importEmpty };
  return { ok: true, file: parsed.data };
}

export function importSummary(answer: PushAnswer): string {
  const count = (status: PushAnswer['results'][number]['status']) =>
    answer.results.filter((r) => r.status === status).length;
  return t.devices.importSummary(count('applied'), count('duplicate'), count('conflict'), count('rejected'));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type ImportState = { busy: boolean; message: string | null; isError: boolean };
const idle: ImportState = { busy: false, message: null, isError: false };

/**
 * A broken or signed-out tablet's unsent ops, sent from this device (`POST /api/sync/import`).
 * A sealed file (storage/outbox-seal.ts) is opened here, in the browser, with the password its
 * officer chose; only the plain export it holds is sent, and nothing when the password is wrong.
 */
export function OutboxImport({ token, onImported }: { token: string; onImported: () => Promise<void> }) {
  const { transport } = useServices();
  const [state, setState] = useState<ImportState>(idle);
  const [sealed, setSealed] = useState<{ name: string; json: unknown } | null>(null);
  const [password, setPassword] = useState('');

  async function send(text: string) {
    const read = readOutboxFile(text);
    if (!read.ok) {
      setState({ busy: false, message: read.message, isError: true });
      return;
    }
    setState({ busy: true, message: t.devices.importing, isError: false });
    try {
      const answer = await transport.importOps(token, read.file);
      setState({ busy: false, message: importSummary(answer), isError: false });
      await onImported();
    } catch (e) {
      setState({
        busy: false,
        message: errorMessage(e instanceof TransportError ? e.code : 'unexpected'),
        isError: true,
      });
    }
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const picked = input.files?.[0];
    input.value = '';
    if (!picked) return;
    const text = await picked.text().catch(() => '');
    setSealed(null);
    setPassword('');
    const json = parseJson(text);
    if (isSealedFile(json)) {
      setSealed({ name: picked.name, json });
      setState(idle);
      return;
    }
    await send(text);
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    if (!sealed) return;
    setState({ busy: true, message: t.sealedImport.opening, isError: false });
    const opened = await openSealed(sealed.json, password);
    if (!opened.ok) {
      // A wrong password may be typed again; a broken file may not.
      if (opened.error !== 'wrong-password') setSealed(null);
      setState({ busy: false, message: t.sealedImport.problems[opened.error], isError: true });
      return;
    }
    setSealed(null);
    setPassword('');
    await send(opened.value);
  }

  function cancel() {
    setSealed(null);
    setPassword('');
    setState(idle);
  }

  function onKeyDown(key: string) {
    if (key === 'Escape' && !state.busy) cancel();
  }

  return (
    <div className="card">
      <label>
        <strong>{t.devices.importTitle}</strong>
        <span className="muted">{t.devices.importHint}</span>
        <input type="file" accept="application/json,.json" disabled={state.busy} onChange={(e) => void pick(e)} />
      </label>
      <p className="muted">{t.sealedImport.hint}</p>
      {sealed && (
        <form onSubmit={(e) => void open(e)} onKeyDown={(e) => onKeyDown(e.key)} noValidate>
          <p>{t.sealedImport.prompt(sealed.name)}</p>
          <label htmlFor="sealed-password">{t.sealedImport.password}</label>
          <input
            id="sealed-password"
            type="password"
            autoComplete="off"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="toolbar">
            <button type="submit" className="primary" disabled={state.busy || password === ''}>
              {t.sealedImport.open}
            </button>
            <button type="button" onClick={cancel} disabled={state.busy}>
              {t.sealedImport.cancel}
            </button>
          </div>
        </form>
      )}
      {state.message && (
        <p className={state.isError ? 'error' : 'muted'} role={state.isError ? 'alert' : 'status'}>
          {state.message}
        </p>
      )}
    </div>
  );
}
