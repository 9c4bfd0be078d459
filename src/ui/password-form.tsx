/**
 * A user sets their own password (docs/protocol.md "Auth", `POST /api/auth/password`): the current
 * one, the new one twice. Checked here as the server checks it (10+ characters, not the username),
 * so the user hears why before anything is sent; the server's refusal is shown as it comes. Used at
 * the first sign-in ("Đặt mật khẩu mới") and in Settings.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { User } from '../protocol/auth';
import { PASSWORD_MIN_LENGTH } from '../protocol/users';
import { errorMessage, t } from './messages';
import { runAsync } from './run-async';
import { useServices } from './services';

/** What the server would refuse, said before sending; null when the new password may go. */
export function passwordProblem(input: { username: string; current: string; next: string; again: string }) {
  const m = t.password;
  if (!input.current) return m.required;
  if ([...input.next.normalize('NFC')].length < PASSWORD_MIN_LENGTH) return m.tooShort;
  if (input.next.trim().toLowerCase() === input.username.toLowerCase()) return m.sameAsUsername;
  if (input.next !== input.again) return m.mismatch;
  return null;
}

type Props = {
  token: string;
  username: string;
  currentLabel: string;
  /**
   * The user as the server now sees them, once it took the password, and the new password (the
   * device's data key is wrapped under it: storage/vault.ts `rewrapPassword`).
   */
  onChanged: (user: User, newPassword: string) => Promise<void>;
  children?: ReactNode;
};

export function PasswordForm({ token, username, currentLabel, onChanged, children }: Props) {
  const m = t.password;
  const { transport } = useServices();
  const ids = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem = passwordProblem({ username, current, next, again });
    setError(problem);
    if (problem) return;
    setBusy(true);
    runAsync(
      async () => {
        const user = await transport.changePassword(token, { currentPassword: current, newPassword: next });
        const newPassword = next;
        setBusy(false);
        setCurrent('');
        setNext('');
        setAgain('');
        await onChanged(user, newPassword);
      },
      (failure) => {
        setBusy(false);
        setError(errorMessage((failure as { code?: string }).code ?? 'unexpected'));
      },
    );
  };

  const field = (key: string, label: string, value: string, set: (v: string) => void, auto: string) => (
    <>
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      <input
        id={`${ids}-${key}`}
        data-field={key}
        type="password"
        autoComplete={auto}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? `${ids}-error` : undefined}
        onChange={(e) => {
          set(e.target.value);
          setError(null);
        }}
      />
    </>
  );

  return (
    <form className="password-form" onSubmit={submit} noValidate>
      {field('current', currentLabel, current, setCurrent, 'current-password')}
      {field('next', m.next, next, setNext, 'new-password')}
      {field('again', m.again, again, setAgain, 'new-password')}
      <p className="muted">{m.rules}</p>
      {error && (
        <p id={`${ids}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? m.saving : m.save}
      </button>
      {children}
    </form>
  );
}
