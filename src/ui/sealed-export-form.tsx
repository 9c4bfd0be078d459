/**
 * The password form of a sealed export of unsent work (storage/sealed-export.ts): a password typed
 * twice, then the file. Shared by the sign-in screen and "Cần xử lý"; the caller makes the file.
 * Enter submits, Escape cancels; every control is 44 px for touch.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Result } from '../lib/result';
import { downloadFile } from './download';
import { t } from './messages';

export type SealProblem = 'too-short' | 'mismatch' | 'nothing-unsent';

/**
 * Runs `make` (storage/sealed-export.ts `makeSealedExport`) and downloads its file; answers what
 * the form says.
 */
export async function sealAndDownload(
  make: () => Promise<Result<{ fileName: string; content: string; ops: number }, SealProblem>>,
  minLength: number,
): Promise<{ ok: boolean; message: string }> {
  const m = t.sealedSignOut;
  try {
    const made = await make();
    if (!made.ok) {
      const message =
        made.error === 'too-short'
          ? m.tooShort(minLength)
          : made.error === 'mismatch'
            ? m.mismatch
            : t.sealedExport.nothing;
      return { ok: false, message };
    }
    downloadFile(made.value.fileName, made.value.content, 'application/json');
    return { ok: true, message: t.sealedExport.downloaded(made.value.fileName, made.value.ops) };
  } catch {
    return { ok: false, message: m.failed };
  }
}

type Props = {
  minLength: number;
  /** Makes and downloads the file; answers the message to show (an error, or what was saved). */
  onSeal: (password: string, repeat: string) => Promise<{ ok: boolean; message: string }>;
  onCancel: () => void;
};

export function SealedExportForm({ minLength, onSeal, onCancel }: Props) {
  const m = t.sealedSignOut;
  const ids = useId();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; message: string } | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const answer = await onSeal(password, repeat).finally(() => setBusy(false));
    setSaid(answer);
    if (answer.ok) {
      setPassword('');
      setRepeat('');
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !busy) onCancel();
  };

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} onKeyDown={onKeyDown} noValidate>
      <p className="warning">{t.sealedExport.intro}</p>
      <label htmlFor={`${ids}-password`}>{m.password}</label>
      <input
        id={`${ids}-password`}
        type="password"
        autoComplete="new-password"
        aria-describedby={`${ids}-hint`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <p id={`${ids}-hint`} className="muted field-hint">
        {m.hint(minLength)}
      </p>
      <label htmlFor={`${ids}-repeat`}>{m.repeat}</label>
      <input
        id={`${ids}-repeat`}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.making : m.make}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {m.cancel}
        </button>
      </div>
      {said && (
        <p className={said.ok ? 'ok' : 'error'} role={said.ok ? 'status' : 'alert'}>
          {said.message}
        </p>
      )}
    </form>
  );
}
