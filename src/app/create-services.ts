/** Builds the app's one set of services: the only place that picks real implementations. */
import { systemClock, vietnamDate } from '../lib/clock';
import { randomIds } from '../lib/ids';
import { createAppDb } from '../storage/app-db';
import { setKv, getKv, type KvKey } from '../storage/kv';
import { createRecorder } from '../storage/outbox';
import { readOutboxCounts } from '../storage/outbox-counts';
import { readKeyringState } from '../storage/device-unlock';
import { attachRosterIndex, detachRosterIndex } from '../storage/roster-index';
import { keepRosterHead } from '../storage/roster-head';
import { prefetchSealedPages } from '../storage/roster-pages';
import { clearSession, loadSession } from '../sync/session';
import { createSyncEngine } from '../sync/sync-engine';
import { createHttpTransport } from '../sync/transport';
import type { Services } from '../ui/services';
import { createPractice, isPracticeMode, PRACTICE_DB, resetPractice, switchMode } from './practice-mode';
import { reportStorageError } from '../ui/storage-alert';

export function createServices(): Services {
  const practice = isPracticeMode();
  // Locked until the vault is read: nothing sealed is read or written before (storage/keyring.ts).
  // Practice mode has its own database and server, nothing shared with real work.
  const db = createAppDb(practice ? PRACTICE_DB : 'chitra', 'unknown');
  const trainer = practice ? createPractice(systemClock) : null;
  const transport = trainer ? trainer.transport : createHttpTransport();
  const engine = createSyncEngine({
    db,
    transport,
    clock: systemClock,
    // An ended session means signing in again; queued operations stay on the device.
    onAuthError: () => void clearSession(db),
    // A full disk or a closed database while syncing: the storage banner, not a sync error.
    onStorageError: (code) => reportStorageError(code),
    // Nothing syncs while the data is locked, or before the PIN step made a vault.
    isLocked: () => db.keyring.state !== 'unlocked',
    // The practice server is inside the app: it answers with no network at all.
    ...(practice ? { isOnline: () => true } : {}),
  });
  db.keyring.subscribe((state) => {
    if (state === 'unlocked') {
      // Built in the background from the pages; roster search and filters use it once ready.
      const index = attachRosterIndex(db, { today: () => vietnamDate(systemClock.now()) });
      // The roster's head is kept with it, to show at the next unlock while it builds.
      keepRosterHead(db, index);
      void engine.syncNow();
    } else {
      // Locked or wiped: no names stay in memory.
      detachRosterIndex(db);
      // While the lock screen waits for the PIN, the sealed pages are read (nothing to decrypt
      // yet): the index built after the unlock starts from them.
      if (state === 'locked') prefetchSealedPages(db);
    }
  });
  readKeyringState(db).catch(() => reportStorageError('db-closed'));
  return {
    db,
    transport,
    engine,
    clock: systemClock,
    makeId: () => randomIds.next(),
    kv: { get: <T>(key: KvKey) => getKv<T>(db, key), set: (key, value) => setKv(db, key, value) },
    recorder: createRecorder(db),
    outboxCounts: () => readOutboxCounts(db),
    loadSession: () => loadSession(db),
    mode: {
      practice,
      switchTo: (next) => switchMode(next === 'practice'),
      resetPractice: () => resetPractice(() => db.delete()),
      practiceCards: trainer?.cards ?? [],
    },
  };
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
