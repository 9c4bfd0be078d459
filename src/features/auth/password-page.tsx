/**
 * "Đặt mật khẩu mới" (issue 14): a user an admin created or reset signs in with a temporary
 * password, and the server lets that token do nothing but set a new one (docs/protocol.md "Auth").
 * The app shows this before anything else; once the server takes the password, the stored session
 * loses its flag and the app opens as usual.
 */
import { useId, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../protocol/users';
import { clearSession, saveSession } from '../../sync/session';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

/** What the server would refuse, said before sending; null when the new password may go. */
export function passwordProblem(input: { username: string; current: string; next: string; again: string }) {
  const m = t.password;
  if (!input.current) return m.required;
  if ([...input.next.normalize('NFC')].length < PASSWORD_MIN_LENGTH) return m.tooShort;
  if (input.next.trim().toLowerCase() === input.username.toLowerCase()) return m.sameAsUsername;
  if (input.next !== input.again) return m.mismatch;
  return null;
}

export function PasswordPage() {
  const m = t.password;
  const { db, transport, engine } = useServices();
  const session = useSession();
  const errorId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!session) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem = passwordProblem({ username: session.user.username, current, next, again });
    setError(problem);
    if (problem) return;
    setBusy(true);
    runAsync(
      async () => {
        const user = await transport.changePassword(session.token, { currentPassword: current, newPassword: next });
        await saveSession(db, { ...session, user });
        void engine.syncNow();
      },
      (failure) => {
        setBusy(false);
        setError(errorMessage((failure as { code?: string }).code ?? 'unexpected'));
      },
    );
  };

  const signOut = () => {
    // Nothing was recorded with this token: the session simply ends (best effort on the server).
    void transport.logout(session.token).catch(() => undefined);
    void clearSession(db);
  };

  const field = (id: string, label: string, value: string, set: (v: string) => void, auto: string) => (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={auto}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(e) => {
          set(e.target.value);
          setError(null);
        }}
      />
    </>
  );

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate aria-labelledby="password-title">
        <h1 id="password-title">{m.title}</h1>
        <p className="muted">{m.intro}</p>
        <p>
          <strong>{session.user.displayName}</strong> ({session.user.username})
        </p>
        {field('current-password', m.current, current, setCurrent, 'current-password')}
        {field('new-password', m.next, next, setNext, 'new-password')}
        {field('new-password-again', m.again, again, setAgain, 'new-password')}
        <p className="muted">{m.rules}</p>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        <button type="button" onClick={signOut}>
          {m.signOut}
        </button>
      </form>
    </main>
  );
}
