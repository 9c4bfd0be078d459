/**
 * The lock screen (issue 13): on every start and after idle time the device's data key is not in
 * memory; the PIN opens it. After too many wrong PINs (storage/vault.ts) only the password does,
 * and only once the server has checked it: then the user chooses a new PIN.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import type { User } from '../../protocol/auth';
import { unlockByPassword, unlockByPin } from '../../storage/device-unlock';
import { getKv } from '../../storage/kv';
import { readVault } from '../../storage/vault';
import { saveSession } from '../../sync/session';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { checkFailure, checkPasswordWithServer } from './check-password';
import { NewPinFields, newPinProblem } from './new-pin';
import { PinInput } from './pin-input';

export function LockScreen() {
  const { db } = useServices();
  const vault = useLiveQuery(() => readVault(db).then((v) => v ?? null), [db]);
  const user = useLiveQuery(() => getKv<User>(db, 'lastUser').then((u) => u ?? null), [db]);
  const [byPassword, setByPassword] = useState(false);
  if (vault === undefined || user === undefined) return null;
  const pinGone = vault?.byPin == null;
  return (
    <main className="login">
      <section className="card login-card" aria-labelledby="lock-title" data-testid="pin-lock">
        <h1 id="lock-title">{byPassword || pinGone ? t.pinLock.passwordTitle : t.pinLock.lockedTitle}</h1>
        {user && (
          <p>
            <strong>{user.displayName}</strong> ({user.username})
          </p>
        )}
        {byPassword || pinGone ? (
          <PasswordUnlock username={user?.username ?? ''} onBack={pinGone ? null : () => setByPassword(false)} />
        ) : (
          <PinUnlock onPasswordNeeded={() => setByPassword(true)} />
        )}
      </section>
    </main>
  );
}

function PinUnlock({ onPasswordNeeded }: { onPasswordNeeded: () => void }) {
  const m = t.pinLock;
  const { db } = useServices();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const opened = await unlockByPin(db, pin).finally(() => setBusy(false));
    if (opened.ok) return;
    setPin('');
    if (opened.error.code === 'password-needed') onPasswordNeeded();
    else setProblem(m.wrongPin(opened.error.triesLeft));
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="muted">{m.lockedIntro}</p>
      <PinInput id="unlock-pin" label={m.pin} value={pin} onChange={setPin} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || pin.length !== 6}>
        {busy ? m.unlocking : m.unlock}
      </button>
      <button type="button" onClick={onPasswordNeeded}>
        {m.forgotPin}
      </button>
    </form>
  );
}

function PasswordUnlock({ username, onBack }: { username: string; onBack: (() => void) | null }) {
  const m = t.pinLock;
  const { db, transport } = useServices();
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const formProblem = newPinProblem(password, pin, repeat);
    if (formProblem) return setProblem(formProblem);
    setBusy(true);
    setProblem(null);
    try {
      const session = await checkPasswordWithServer({ db, transport }, username, password);
      const opened = await unlockByPassword(db, { password, newPin: pin });
      if (!opened.ok) {
        setProblem(opened.error === 'wrong-password' ? m.wrongLocalPassword : m.problems['pin-format']);
        return;
      }
      await saveSession(db, session);
    } catch (error) {
      setProblem(checkFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="muted">{m.passwordIntro}</p>
      <label htmlFor="unlock-password">{m.password}</label>
      <input
        id="unlock-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <NewPinFields
        ids={['unlock-new-pin', 'unlock-repeat-pin']}
        label={m.newPin}
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
        {busy ? m.unlocking : m.passwordUnlock}
      </button>
      {onBack && (
        <button type="button" onClick={onBack}>
          {m.backToPin}
        </button>
      )}
    </form>
  );
}
