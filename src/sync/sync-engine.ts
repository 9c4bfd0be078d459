/** The sync engine: one object per app, no module state; pulls now, pushes once the outbox lands. */
import type { Clock } from '../lib/clock';
import type { AppDb } from '../storage/app-db';
import { getKv } from '../storage/kv';
import { pullAll, type PullProgress } from './pull-all';
import { loadSession } from './session';
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
  /** Code of the last failure (`network`, `token-expired`, …), cleared by a success. */
  errorCode: string | null;
};

export type SyncEngine = {
  getState: () => SyncState;
  subscribe: (listener: (s: SyncState) => void) => () => void;
  /** Runs a sync now unless one is running; resolves when it ends. */
  syncNow: () => Promise<void>;
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
  intervalMs?: number;
  pageSize?: number;
};

const AUTH_CODES = new Set(['not-signed-in', 'token-expired', 'device-revoked']);

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const isOnline = deps.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const listeners = new Set<(s: SyncState) => void>();
  let state: SyncState = {
    status: isOnline() ? 'idle' : 'offline',
    pendingCount: 0,
    lastSyncAt: null,
    progress: null,
    errorCode: null,
  };
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  function set(patch: Partial<SyncState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l(state);
  }

  async function refreshCounts(): Promise<void> {
    const [pendingCount, lastSyncAt] = await Promise.all([
      deps.db.outbox.where('state').equals('pending').count(),
      getKv<number>(deps.db, 'lastSyncAt'),
    ]);
    set({ pendingCount, lastSyncAt: lastSyncAt ?? null });
  }

  async function run(): Promise<void> {
    await refreshCounts();
    if (!isOnline()) {
      set({ status: 'offline' });
      return;
    }
    const session = await loadSession(deps.db);
    if (!session) return;
    set({ status: 'pulling', progress: null });
    try {
      await pullAll({
        db: deps.db,
        transport: deps.transport,
        token: session.token,
        now: deps.clock.now,
        ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
        onProgress: (progress) => set({ progress }),
      });
      set({ status: 'idle', progress: null, errorCode: null, lastSyncAt: deps.clock.now() });
    } catch (e) {
      const code = e instanceof TransportError ? e.code : 'unexpected';
      set({ status: isOnline() && code !== 'network' ? 'error' : 'offline', progress: null, errorCode: code });
      if (AUTH_CODES.has(code)) deps.onAuthError?.(code);
    } finally {
      await refreshCounts();
    }
  }

  const onOnline = () => void syncNow();
  const onOffline = () => set({ status: 'offline' });
  const onVisible = () => {
    if (document.visibilityState === 'visible') void syncNow();
  };

  function syncNow(): Promise<void> {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    syncNow,
    start: () => {
      if (typeof window !== 'undefined') {
        window.addEventListener('online', onOnline);
        window.addEventListener('offline', onOffline);
        document.addEventListener('visibilitychange', onVisible);
      }
      timer = setInterval(() => void syncNow(), deps.intervalMs ?? 60_000);
      void syncNow();
    },
    stop: () => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        document.removeEventListener('visibilitychange', onVisible);
      }
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
