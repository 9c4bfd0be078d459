/** The temporary password of a created or reset user, shown once with a copy button. */
import { useState } from 'react';
import { t } from '../../ui/messages';

export function TemporaryPassword(props: { username: string; password: string; onClose: () => void }) {
  const m = t.users.temporary;
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setCopied(m.copyFailed);
      return;
    }
    clipboard.writeText(props.password).then(
      () => setCopied(m.copied),
      () => setCopied(m.copyFailed),
    );
  };
  return (
    <section className="card temporary-password" aria-labelledby="temporary-password-title">
      <h2 id="temporary-password-title">{m.title}</h2>
      <p>{m.body(props.username)}</p>
      <p>
        <code data-testid="temporary-password">{props.password}</code>{' '}
        <button type="button" onClick={copy}>
          {m.copy}
        </button>
      </p>
      {copied && <p role="status">{copied}</p>}
      <button type="button" className="primary" onClick={props.onClose}>
        {m.close}
      </button>
    </section>
  );
}
