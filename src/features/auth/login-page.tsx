import { useState, type FormEvent } from 'react';
import { MIN_SEAL_PASSWORD_LENGTH } from '../../storage/outbox-seal';
import { t } from '../../ui/messages';
import { SealedExportForm } from '../../ui/sealed-export-form';
import { useServices } from '../../ui/services';
import { useLogin, useWipedReason } from './use-login';

export function LoginPage({ onSuccess }: { onSuccess: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [exporting, setExporting] = useState(false);
  const { submitting, error, blockedByPending, login, exportPending } = useLogin(onSuccess);
  const wiped = useWipedReason();
  const { mode } = useServices();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void login(username, password);
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={onSubmit} noValidate>
        <img src="/icons/icon-192.png" alt="" width={72} height={72} />
        <h1>{t.appName}</h1>
        <p className="muted">{mode?.practice ? t.practice.accounts : t.login.intro}</p>
        {wiped && (
          <p className="warning" role="status">
            {t.wiped[wiped]}
          </p>
        )}
        <label htmlFor="username">{t.login.username}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <label htmlFor="password">{t.login.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {blockedByPending && !exporting && (
          <button type="button" onClick={() => setExporting(true)}>
            {t.login.exportPending}
          </button>
        )}
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? t.login.submitting : t.login.submit}
        </button>
      </form>
      {mode && (
        <div className="card login-card practice-entry">
          {!mode.practice && <p className="muted">{t.practice.enterHint}</p>}
          <button type="button" onClick={() => mode.switchTo(mode.practice ? 'real' : 'practice')}>
            {mode.practice ? t.practice.leave : t.practice.enter}
          </button>
        </div>
      )}
      {/* Outside the sign-in form: its own form, its own Enter. */}
      {blockedByPending && exporting && (
        <SealedExportForm
          minLength={MIN_SEAL_PASSWORD_LENGTH}
          onSeal={exportPending}
          onCancel={() => setExporting(false)}
        />
      )}
    </main>
  );
}
