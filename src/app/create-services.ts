/** Builds the app's one set of services: the only place that picks real implementations. */
import { systemClock, vietnamDate } from '../lib/clock';
import { randomIds } from '../lib/ids';
import { createAppDb } from '../storage/app-db';
import { setKv, getKv } from '../storage/kv';
import { attachRosterIndex } from '../storage/roster-index';
import { clearSession } from '../sync/session';
import { createSyncEngine } from '../sync/sync-engine';
import { createHttpTransport } from '../sync/transport';
import type { Services } from '../ui/services';

export function createServices(): Services {
  const db = createAppDb('chitra');
  // Built in the background from IndexedDB; roster search and filters use it once it is ready.
  attachRosterIndex(db, { today: () => vietnamDate(systemClock.now()) });
  const transport = createHttpTransport();
  const engine = createSyncEngine({
    db,
    transport,
    clock: systemClock,
    // An ended session means signing in again; queued operations stay on the device.
    onAuthError: () => void clearSession(db),
  });
  return { db, transport, engine, clock: systemClock, makeId: () => randomIds.next() };
}

/**
 * On first run ask the browser to keep our data under storage pressure, and remember the
 * answer; Settings shows it with the storage estimate.
 */
export async function requestPersistentStorage(services: Services): Promise<void> {
  if (!navigator.storage?.persist) return;
  const asked = await getKv<boolean>(services.db, 'persisted');
  if (asked !== undefined && asked) return;
  const granted = await navigator.storage.persist();
  await setKv(services.db, 'persisted', granted);
}
