/**
 * The tablet's lock (issue 13, "Offline lease"; src/sync/lease.ts): past its lease since the last
 * contact with the server, or past its session's expiry, the screens give way to a notice until
 * it syncs. What waits to be sent stays and is sent as soon as there is a connection.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getKv } from '../storage/kv';
import { lockOf, type Lock } from '../sync/lease';
import { formatDateTime } from '../ui/format';
import { t } from '../ui/messages';
import { useServices } from '../ui/services';
import { useSession } from '../ui/use-session';

/** Re-read once a minute: a lease runs out while the app stays open. */
const TICK_MS = 60_000;

export function useDeviceLock(): Lock {
  const { db, clock } = useServices();
  const session = useSession();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [clock]);
  const stored = useLiveQuery(
    async () => ({
      lastSyncAt: (await getKv<number>(db, 'lastSyncAt')) ?? null,
      leaseDays: (await getKv<number>(db, 'leaseDays')) ?? null,
    }),
    [db],
  );
  if (!stored) return null;
  return lockOf({ now: Math.max(now, clock.now()), ...stored, expiresAt: session?.expiresAt ?? null });
}

export function LockNotice({ lock }: { lock: NonNullable<Lock> }) {
  const { engine } = useServices();
  const [busy, setBusy] = useState(false);
  return (
    <section className="card lock" role="alert" data-testid="device-lock">
      <h1>{t.lock.title}</h1>
      <p>{lock.kind === 'lease' ? t.lock.lease(lock.days, formatDateTime(lock.since)) : t.lock.expired}</p>
      <p className="muted">{t.lock.kept}</p>
      {lock.kind === 'lease' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void engine.syncNow().finally(() => setBusy(false));
          }}
        >
          {t.lock.sync}
        </button>
      )}
    </section>
  );
}
