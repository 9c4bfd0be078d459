import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { MIN_SEAL_PASSWORD_LENGTH } from '../../storage/outbox-seal';
import { t } from '../../ui/messages';
import { useSealedSignOut } from './use-sealed-sign-out';

/**
 * Settings, when work is unsent: "Xuất tệp mã hóa rồi đăng xuất". A password typed twice, the
 * sealed file downloaded, then — only once the user says it is saved — the device wiped.
 * A plain form: Enter submits, Tab moves, Escape cancels; every control is 44 px for touch.
 */
export function SealedSignOut({ signOut }: { signOut: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const flow = useSealedSignOut(signOut);
  const m = t.sealedSignOut;

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {m.offer}
      </button>
    );

  function cancel() {
    setOpen(false);
    setPassword('');
    setRepeat('');
    flow.reset();
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void flow.make(password, repeat);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && !flow.busy) cancel();
  }

  return (
    <section className="card" aria-labelledby="sealed-sign-out-title" onKeyDown={onKeyDown}>
      <h2 id="sealed-sign-out-title">{m.title}</h2>
      <p>{m.intro}</p>
      <p className="warning">{m.warning}</p>
      {flow.made ? (
        <>
          <p role="status">{m.downloaded(flow.made.fileName, flow.made.ops)}</p>
          <div className="toolbar">
            <button type="button" onClick={flow.downloadAgain} disabled={flow.busy}>
              {m.downloadAgain}
            </button>
            <button type="button" className="danger" onClick={() => void flow.wipeAndSignOut()} disabled={flow.busy}>
              {m.confirm}
            </button>
            <button type="button" onClick={cancel} disabled={flow.busy}>
              {m.cancel}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <label htmlFor="seal-password">{m.password}</label>
          <input
            id="seal-password"
            type="password"
            autoComplete="new-password"
            autoFocus
            aria-describedby="seal-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="seal-password-hint" className="muted field-hint">
            {m.hint(MIN_SEAL_PASSWORD_LENGTH)}
          </p>
          <label htmlFor="seal-repeat">{m.repeat}</label>
          <input
            id="seal-repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <div className="toolbar">
            <button type="submit" className="primary" disabled={flow.busy}>
              {flow.busy ? m.making : m.make}
            </button>
            <button type="button" onClick={cancel} disabled={flow.busy}>
              {m.cancel}
            </button>
          </div>
        </form>
      )}
      {flow.error && (
        <p className="error" role="alert">
          {flow.error}
        </p>
      )}
    </section>
  );
}
