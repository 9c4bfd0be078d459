import { useLiveQuery } from 'dexie-react-hooks';
import { clearSession } from '../../sync/session';
import { getKv } from '../../storage/kv';
import { formatBytes } from '../../ui/format';
import { vi } from '../../ui/messages.vi';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { useOutboxCounts } from '../../ui/use-outbox-counts';
import { useStorageInfo } from './use-storage-info';

export function SettingsPage() {
  const { db, transport } = useServices();
  const session = useSession();
  const counts = useOutboxCounts();
  const storage = useStorageInfo();
  const deviceId = useLiveQuery(() => getKv<string>(db, 'deviceId'), [db]);
  const communeNames = useLiveQuery(
    async () => new Map((await db.communes.toArray()).map((c) => [c.code, c.name])),
    [db],
  );

  async function logout() {
    if (!session) return;
    // The token is ended on the server when we can reach it; the local session goes either way.
    await transport.logout(session.token).catch(() => undefined);
    await clearSession(db);
  }

  return (
    <section className="settings">
      <h1>{vi.settings.title}</h1>
      {session && (
        <div className="card">
          <h2>{vi.settings.user}</h2>
          <dl>
            <dt>{vi.settings.user}</dt>
            <dd data-testid="settings-user">
              {session.user.displayName} ({session.user.username})
            </dd>
            <dt>{vi.settings.role}</dt>
            <dd>{vi.roles[session.user.role]}</dd>
            <dt>{vi.settings.communes}</dt>
            <dd>{session.user.communes.map((code) => `${communeNames?.get(code) ?? code} (${code})`).join(', ')}</dd>
          </dl>
        </div>
      )}
      <div className="card">
        <h2>{vi.settings.device}</h2>
        <dl>
          <dt>{vi.settings.deviceId}</dt>
          <dd className="mono">{deviceId ?? '…'}</dd>
        </dl>
      </div>
      <div className="card" data-testid="settings-storage">
        <h2>{vi.settings.storage}</h2>
        {storage && (
          <>
            <p>
              {storage.persisted === true
                ? vi.settings.persisted
                : storage.persisted === false
                  ? vi.settings.notPersisted
                  : vi.settings.persistUnknown}
            </p>
            {storage.usage !== null && storage.quota !== null && (
              <p>{vi.settings.usage(formatBytes(storage.usage), formatBytes(storage.quota))}</p>
            )}
          </>
        )}
      </div>
      {counts.pending > 0 ? (
        <p className="warning">{vi.settings.logoutBlocked(counts.pending)}</p>
      ) : (
        <button type="button" className="danger" onClick={() => void logout()}>
          {vi.settings.logout}
        </button>
      )}
    </section>
  );
}
