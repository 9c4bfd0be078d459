/**
 * "Đặt mã PIN" (issue 13, "Lock and encryption at rest"): after signing in on a device without a
 * vault, before anything else, the user sets a PIN; the device's data key is made and wrapped
 * under the password and the PIN, and what the device already holds is sealed
 * (storage/device-unlock.ts). The password typed at sign-in is reused from memory; a device
 * upgraded from a version without encryption asks for it, and the server checks it.
 */
import { useState, type FormEvent } from 'react';
import { setUpVault } from '../../storage/device-unlock';
import { clearSession, saveSession } from '../../sync/session';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { checkFailure, checkPasswordWithServer } from './check-password';
import { forgetHeldPassword, heldPassword } from '../../ui/held-password';
import { NewPinFields, newPinProblem } from './new-pin';

export function PinSetupPage() {
  const m = t.pinLock;
  const { db, transport } = useServices();
  const session = useSession();
  const [held] = useState(heldPassword);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!session) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!session) return;
    const secret = held ?? password;
    const formProblem = newPinProblem(secret, pin, repeat);
    if (formProblem) return setProblem(formProblem);
    setBusy(true);
    setProblem(null);
    try {
      if (!held) await saveSession(db, await checkPasswordWithServer({ db, transport }, session.user.username, secret));
      const made = await setUpVault(db, { password: secret, pin });
      if (made.ok || made.error === 'vault-exists') forgetHeldPassword();
      else setProblem(m.problems[made.error]);
    } catch (error) {
      setProblem(checkFailure(error));
    } finally {
      setBusy(false);
    }
  }

  const signOut = () => {
    forgetHeldPassword();
    void transport.logout(session.token).catch(() => undefined);
    void clearSession(db);
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="pin-title">
        <h1 id="pin-title">{m.setupTitle}</h1>
        <p>
          <strong>{session.user.displayName}</strong> ({session.user.username})
        </p>
        <p className="muted">{m.setupIntro}</p>
        {!held && (
          <>
            <label htmlFor="pin-password">{m.password}</label>
            <input
              id="pin-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby="pin-password-hint"
              required
            />
            <p id="pin-password-hint" className="muted">
              {m.passwordHint}
            </p>
          </>
        )}
        <NewPinFields
          ids={['pin-new', 'pin-repeat']}
          label={m.pin}
          pin={pin}
          repeat={repeat}
          onPin={setPin}
          onRepeat={setRepeat}
        />
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        <button type="button" onClick={signOut} disabled={busy}>
          {m.signOut}
        </button>
      </form>
    </main>
  );
}
