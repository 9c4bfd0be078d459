import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { wipeOnSignOut } from '../../storage/wipe';
import { getKv } from '../../storage/kv';
import { formatBytes } from '../../ui/format';
import { useLanguage } from '../../ui/language';
import { t, type Language } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { useKnownOutboxCounts } from '../../ui/use-outbox-counts';
import { IdleLockSetting } from './idle-lock-setting';
import { PasswordCard } from './password-card';
import { SealedSignOut } from './sealed-sign-out';
import { useStorageInfo } from './use-storage-info';

export function SettingsPage() {
  const { db, transport, mode } = useServices();
  const session = useSession();
  // Undefined until read: neither way of signing out is offered before it is known which applies.
  const counts = useKnownOutboxCounts();
  const { language, change } = useLanguage();
  const storage = useStorageInfo();
  const deviceId = useLiveQuery(() => getKv<string>(db, 'deviceId'), [db]);
  const communeNames = useLiveQuery(
    async () => new Map((await db.communes.toArray()).map((c) => [c.code, c.name])),
    [db],
  );

  const [unsent, setUnsent] = useState(false);

  async function logout() {
    if (!session) return;
    // Nothing of anyone stays on the tablet: it is wiped — once nothing is left to send.
    if (!(await wipeOnSignOut(db))) {
      setUnsent(true);
      return;
    }
    // The token is ended on the server when we can reach it; the local data is gone either way.
    await transport.logout(session.token).catch(() => undefined);
  }

  return (
    <section className="settings">
      <h1>{t.settings.title}</h1>
      <GuideLink guide="practice" />
      {mode && !mode.practice && (
        <div className="card">
          <h2>{t.practice.title}</h2>
          <p className="muted">{t.practice.enterHint}</p>
          <button type="button" onClick={() => mode.switchTo('practice')}>
            {t.practice.enter}
          </button>
        </div>
      )}
      {mode?.practice && (
        <div className="card" data-testid="practice-settings">
          <h2>{t.practice.title}</h2>
          <p>{t.practice.intro}</p>
          <p>
            <Link to="/luyen-tap/the">{t.practice.cards}</Link>
          </p>
          <p className="actions">
            <button
              type="button"
              onClick={() => {
                if (window.confirm(t.practice.resetConfirm)) void mode.resetPractice();
              }}
            >
              {t.practice.reset}
            </button>
            <button type="button" className="primary" onClick={() => mode.switchTo('real')}>
              {t.practice.leave}
            </button>
          </p>
        </div>
      )}
      {session && (
        <div className="card">
          <h2>{t.settings.user}</h2>
          <dl>
            <dt>{t.settings.user}</dt>
            <dd data-testid="settings-user">
              {session.user.displayName} ({session.user.username})
            </dd>
            <dt>{t.settings.role}</dt>
            <dd>{t.roles[session.user.role]}</dd>
            <dt>{t.settings.communes}</dt>
            <dd>{session.user.communes.map((code) => `${communeNames?.get(code) ?? code} (${code})`).join(', ')}</dd>
          </dl>
        </div>
      )}
      <div className="card">
        <h2>{t.settings.device}</h2>
        <dl>
          <dt>{t.settings.deviceId}</dt>
          <dd className="mono">{deviceId ?? '…'}</dd>
        </dl>
      </div>
      <div className="card">
        <h2>{t.settings.language}</h2>
        <label htmlFor="language" className="visually-hidden">
          {t.settings.language}
        </label>
        <select id="language" value={language} onChange={(e) => change(e.target.value as Language)}>
          {/* Each language by its own name, whatever the current one, so anyone can find theirs. */}
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </div>
      <div className="card" data-testid="settings-storage">
        <h2>{t.settings.storage}</h2>
        {storage && (
          <>
            <p>
              {storage.persisted === true
                ? t.settings.persisted
                : storage.persisted === false
                  ? t.settings.notPersisted
                  : t.settings.persistUnknown}
            </p>
            {storage.usage !== null && storage.quota !== null && (
              <p>{t.settings.usage(formatBytes(storage.usage), formatBytes(storage.quota))}</p>
            )}
          </>
        )}
      </div>
      {unsent && (
        <p className="warning" role="alert">
          {t.settings.logoutEvidence}
        </p>
      )}
      {counts === undefined ? null : counts.pending > 0 ? (
        <p className="warning">{t.settings.logoutBlocked(counts.pending)}</p>
      ) : (
        <button type="button" className="danger" onClick={() => void logout()}>
          {t.settings.logout}
        </button>
      )}
      {/* Work unsent: it may leave as a password-sealed file instead, then the device is wiped. */}
      {counts !== undefined && (counts.pending > 0 || unsent) && <SealedSignOut signOut={logout} />}
      <IdleLockSetting />
      <PasswordCard />
    </section>
  );
}
