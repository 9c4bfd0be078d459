/**
 * The sync engine: one object per app, no module state. Pushes the outbox, then pulls; retries
 * transient failures with backoff (same batch, same ids); one tab at a time syncs.
 */
import { can } from '../protocol/permissions';
import type { Clock } from '../lib/clock';
import type { AppDb } from '../storage/app-db';
import { getKv } from '../storage/kv';
import { readOutboxCounts } from '../storage/outbox-counts';
import { toStorageErrorCode, type StorageErrorCode } from '../storage/storage-errors';
import { wipeDevice } from '../storage/wipe';
import { createBackoff, isRetryable } from './backoff';
import { refreshDeviceKeys, registerDeviceKey } from './device-key';
import { pullAll, type PullProgress } from './pull-all';
import { pushPending } from './push-pending';
import { SLOW_REQUEST_MS, watchContact, type Reach } from './contact';
import { ensureDeviceId, loadSession } from './session';
import { TransportError, type Transport } from './transport';

export type SyncStatus = 'offline' | 'idle' | 'pushing' | 'pulling' | 'error';

export type SyncState = {
  status: SyncStatus;
  /** Operations recorded on this device that the server has not answered yet. */
  pendingCount: number;
  /** Epoch ms of the last sync that completed. */
  lastSyncAt: number | null;
  /** Progress of the pull in flight, if any. */
  progress: PullProgress | null;
  /**
   * Code of the last failure, cleared by a success: a transport code (`network`, `token-expired`,
   * …), a local storage code (`storage-full`, `db-closed`) or `unexpected`.
   */
  errorCode: string | null;
  /** Epoch ms of the next automatic retry after a transient failure. */
  retryAt: number | null;
  /** Epoch ms of the last answer from the server, of any kind (contact.ts). */
  lastContactAt: number | null;
  /** Whether the server answers: what the bar says, not what `navigator.onLine` believes. */
  reach: Reach;
};

export type SyncEngine = {
  getState: () => SyncState;
  subscribe: (listener: (s: SyncState) => void) => () => void;
  /** Runs a sync now unless one is running; resolves when it ends. */
  syncNow: () => Promise<void>;
  /** A new op was recorded: sync soon (debounced), and count it at once. */
  notifyNewOp: () => void;
  /** Listens to connectivity and starts the periodic sync. */
  start: () => void;
  stop: () => void;
};

export type SyncEngineDeps = {
  db: AppDb;
  transport: Transport;
  clock: Clock;
  isOnline?: () => boolean;
  /** Called when the server says the session is no longer valid. */
  onAuthError?: (code: string) => void;
  /**
   * Called when the device could not store what it synced (quota, closed database): the app shows
   * its storage banner. Not the generic sync error: the user must free space or reload.
   */
  onStorageError?: (code: SyncStorageErrorCode, error: unknown) => void;
  intervalMs?: number;
  debounceMs?: number;
  pageSize?: number;
  random?: () => number;
  /** Web Locks (one syncing tab); absent in tests and old browsers. */
  locks?: LockManager;
  makeId?: () => string;
  /**
   * True while the device's data cannot be read (locked, or no PIN set yet: storage/keyring.ts):
   * nothing syncs until it opens, and the app asks for a sync when it does.
   */
  isLocked?: () => boolean;
};

/** Storage failures a sync can meet that the user can act on (a `duplicate` there is a bug). */
export type SyncStorageErrorCode = Extract<StorageErrorCode, 'storage-full' | 'db-closed'>;

function syncStorageErrorCode(e: unknown): SyncStorageErrorCode | null {
  const code = toStorageErrorCode(e);
  return code === 'storage-full' || code === 'db-closed' ? code : null;
}

const AUTH_CODES = new Set(['not-signed-in', 'token-expired', 'device-revoked']);
const LOCK_NAME = 'chitra-sync';

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const isOnline = deps.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const locks = deps.locks ?? (typeof navigator !== 'undefined' ? navigator.locks : undefined);
  const backoff = createBackoff(deps.random ? { random: deps.random } : {});
  const listeners = new Set<(s: SyncState) => void>();
  let state: SyncState = {
    status: isOnline() ? 'idle' : 'offline',
    pendingCount: 0,
    lastSyncAt: null,
    progress: null,
    errorCode: null,
    retryAt: null,
    lastContactAt: null,
    reach: 'unknown',
  };
  /** The slowest answer of the current attempt (contact.ts). */
  let slowest = 0;
  const transport = watchContact(deps.transport, deps.clock, (ms) => {
    slowest = Math.max(slowest, ms);
    set({ lastContactAt: deps.clock.now() });
  });
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;

  function set(patch: Partial<SyncState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  }

  async function readCounts(): Promise<Partial<SyncState>> {
    const [counts, lastSyncAt] = await Promise.all([readOutboxCounts(deps.db), getKv<number>(deps.db, 'lastSyncAt')]);
    return { pendingCount: counts.pending, lastSyncAt: lastSyncAt ?? null };
  }

  async function refreshCounts(): Promise<void> {
    set(await readCounts());
  }

  /** The state after a failure the device itself caused (storage), or `unexpected`. */
  function localFailure(e: unknown): Partial<SyncState> {
    const code = syncStorageErrorCode(e);
    if (code) deps.onStorageError?.(code, e);
    return { status: 'error', progress: null, errorCode: code ?? 'unexpected', retryAt: null };
  }

  function scheduleRetry(): number {
    if (retryTimer) clearTimeout(retryTimer);
    const delay = backoff.next();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void syncNow();
    }, delay);
    return deps.clock.now() + delay;
  }

  /** One push-then-pull; answers the state it ends in (counts come after, in `syncOnce`). */
  async function attempt(): Promise<Partial<SyncState>> {
    await refreshCounts();
    // `navigator.onLine` false is a hint that saves a request, never proof of a connection.
    if (!isOnline()) return { status: 'offline' };
    slowest = 0;
    const session = await loadSession(deps.db);
    // A user who must set a new password may do nothing else on the server (docs/protocol.md "Auth").
    if (!session || session.user.mustChangePassword) return {};
    // A reports-only user holds no roster and sends no op: nothing to sync (docs/protocol.md "Pull").
    if (!can(session.user, 'roster.pull')) return { status: 'idle', progress: null, errorCode: null, retryAt: null };
    const deviceId = await ensureDeviceId(deps.db, deps.makeId ?? (() => crypto.randomUUID()));
    // The server knows the device's receipt key before it checks a receipt signed with it
    // (sign-in registered it already, unless the server could not be reached then).
    await registerDeviceKey(deps.db, transport, session.token, deviceId, { whenSigned: true });
    // Evidence may wait without an op: over the server's quota, or lost there (push-pending.ts).
    const waitingBlobs = await deps.db.blobs.where('uploaded').equals(0).count();
    if (state.pendingCount > 0 || waitingBlobs > 0) {
      set({ status: 'pushing' });
      await pushPending({
        db: deps.db,
        transport,
        token: session.token,
        deviceId,
        actorId: session.user.id,
        onBatch: refreshCounts,
      });
    }
    set({ status: 'pulling', progress: null });
    await pullAll({
      db: deps.db,
      transport,
      token: session.token,
      now: deps.clock.now,
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
      onProgress: (progress) => set({ progress }),
    });
    await refreshDeviceKeys(deps.db, transport, session.token);
    backoff.reset();
    return {
      status: 'idle',
      progress: null,
      errorCode: null,
      retryAt: null,
      reach: slowest >= SLOW_REQUEST_MS ? 'slow' : 'ok',
    };
  }

  async function failed(e: unknown): Promise<Partial<SyncState>> {
    if (!(e instanceof TransportError)) return localFailure(e);
    const { code, status } = e;
    const outcome: Partial<SyncState> = {
      status: isOnline() && code !== 'network' ? 'error' : 'offline',
      progress: null,
      errorCode: code,
      retryAt: null,
      // No answer at all: the network may be up, the server is not reached. Any other failure is
      // an answer from the server.
      reach: code === 'network' ? 'unreachable' : slowest >= SLOW_REQUEST_MS ? 'slow' : 'ok',
    };
    if (code === 'device-revoked') {
      // Lost or stolen: nothing stays on the device, not even unsent operations.
      await wipeDevice(deps.db, 'device-revoked');
      deps.onAuthError?.(code);
    } else if (code === 'device-retired') {
      // Retired: push what is left first (pushing is still allowed), then wipe.
      if ((await readOutboxCounts(deps.db)).pending === 0) {
        await wipeDevice(deps.db, 'device-retired');
        deps.onAuthError?.(code);
      }
    } else if (AUTH_CODES.has(code)) deps.onAuthError?.(code);
    else if (isRetryable(code, status)) outcome.retryAt = scheduleRetry();
    return outcome;
  }

  async function syncOnce(): Promise<void> {
    let outcome: Partial<SyncState>;
    try {
      outcome = await attempt();
    } catch (e) {
      try {
        outcome = await failed(e);
      } catch (wipeError) {
        outcome = localFailure(wipeError);
      }
    }
    // One last state with fresh counts, set as the run's final step: a finished run is never
    // shown with the counts it started with. Nothing here throws, so no sync ends in an
    // unhandled rejection.
    let last: Partial<SyncState>;
    try {
      last = { ...(await readCounts()), ...outcome };
    } catch (e) {
      last = { ...outcome, ...localFailure(e) };
    }
    set(last);
  }

  /** Only the tab holding the lock syncs; others skip (the leader's writes reach them via IndexedDB). */
  async function run(): Promise<void> {
    if (!locks) return syncOnce();
    await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock) await syncOnce();
    });
  }

  function syncNow(): Promise<void> {
    if (deps.isLocked?.()) return Promise.resolve();
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  const onOnline = () => void syncNow();
  const onOffline = () => set({ status: 'offline' });
  const onVisible = () => {
    if (document.visibilityState === 'visible') void syncNow();
  };

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    syncNow,
    notifyNewOp: () => {
      void refreshCounts().catch((e: unknown) => set(localFailure(e)));
      if (debounceTimer) clearTimeout(debounceTimer);
      debounceTimer = setTimeout(() => {
        debounceTimer = null;
        void syncNow();
      }, deps.debounceMs ?? 1500);
    },
    start: () => {
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onOnline);
        window.addEventListener('offline', onOffline);
        document.addEventListener('visibilitychange', onVisible);
      }
      // While a retry waits out its backoff, the regular tick does not try again: a day of bad
      // signal is a few tries an hour (backoff.ts, up to 5 minutes apart), not one a minute.
      timer = setInterval(() => {
        if (!retryTimer) void syncNow();
      }, deps.intervalMs ?? 60_000);
      void syncNow();
    },
    stop: () => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        document.removeEventListener('visibilitychange', onVisible);
      }
      for (const t of [retryTimer, debounceTimer]) if (t) clearTimeout(t);
      if (timer) clearInterval(timer);
      timer = retryTimer = debounceTimer = null;
    },
  };
}
