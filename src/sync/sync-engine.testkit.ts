/**
 * The world of the sync engine's unit tests (sync-engine*.test.ts): a device database on
 * fake-indexeddb, a fake server speaking the real Transport type, fake timers, and helpers that
 * record ops through the real outbox. Exported bindings are live: tests read them after the hooks
 * of `useSyncEngineWorld` have reset them.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { User } from '../protocol/auth';
import { createAppDb, type AppDb } from '../storage/app-db';
import { paymentLineData } from '../../tests/builders/beneficiary';
import { recordOk } from '../../tests/builders/record';
import { createFakeTransport, type FakeTransport } from './fake-transport';
import { saveSession } from './session';
import { createSyncEngine, type SyncEngine, type SyncEngineDeps } from './sync-engine';

// Captured before any test fakes the timers: waiting for a condition polls on real time.
const realSetTimeout = globalThis.setTimeout;

export const officer: User = {
  id: 'user-1',
  username: 'officer',
  displayName: 'Cán bộ Một',
  role: 'officer',
  communes: ['19960'],
};
export const other: User = { ...officer, id: 'user-2', username: 'payer', displayName: 'Nhân viên Hai', role: 'payer' };
export const PASSWORD = 'mat-khau-1';

export let db: AppDb;
export let server: FakeTransport;
export let online: boolean;
export let engines: SyncEngine[];
/** Sync runs started and still running, seen through the engine's one-tab lock. */
export let runs: { started: number; active: number };
export let opCount: number;
/** When set, every IndexedDB write fails with it (a full disk, a closed database). */
export let writeFailure: (() => Error) | null;

/** Polls on real time (never advancing the fake clock) until `condition` holds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 8_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 1));
  }
}

export const settled = () => until(() => runs.active === 0, 'the sync run to end');

/** Web Locks as the engine uses them (one syncing tab), counting the runs that start and end. */
function countingLocks(): LockManager {
  const request = async (_name: string, _options: unknown, run: (lock: Lock | null) => Promise<void>) => {
    runs.started++;
    runs.active++;
    try {
      await run({ name: 'chitra-sync', mode: 'exclusive' });
    } finally {
      runs.active--;
    }
  };
  return { request, query: () => Promise.resolve({ held: [], pending: [] }) } as unknown as LockManager;
}

export function makeEngine(overrides: Partial<SyncEngineDeps> = {}): SyncEngine {
  const engine = createSyncEngine({
    db,
    transport: server,
    clock: { now: () => Date.now() },
    isOnline: () => online,
    random: () => 1,
    makeId: () => 'device-1',
    locks: countingLocks(),
    ...overrides,
  });
  engines.push(engine);
  return engine;
}

/** An unpaid visit; `payment.unpaid` payloads may carry more fields (a newer app's), which makes big ops. */
export type Payload = { reason: 'absent' | 'other'; note?: string; [key: string]: unknown };

/** A due line for the next op, as a pull would have left it. */
const putLine = (id: string) => db.paymentLines.put({ ...paymentLineData(), id, version: 1 });

/** Records `n` ops by `actor` through the real outbox, one transaction for speed; answers their ids. */
export async function record(
  n: number,
  payload: (i: number) => Payload = () => ({ reason: 'absent' }),
  actor = officer,
) {
  const tables = [
    db.outbox,
    db.kv,
    db.shadows,
    db.beneficiaries,
    db.rosterPages,
    db.paymentLines,
    db.idChecks,
    db.blobs,
    db.deviceKeys,
  ];
  return db.transaction('rw', tables, async () => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await putLine(`line-${opCount + 1}`);
      const ctx = {
        deviceId: 'device-1',
        actorId: actor.id,
        now: () => Date.now(),
        makeId: () => `op-${String(++opCount).padStart(4, '0')}`,
        utcOffsetMinutes: 420,
      };
      const op = await recordOk(db, ctx, 'payment.unpaid', `line-${opCount + 1}`, payload(i));
      ids.push(op.id);
    }
    return ids;
  });
}

/** A payment whose signature is a blob kept on the device until the server has it. */
export async function recordPaymentWithSignature(hash: string): Promise<string> {
  const ctx = {
    deviceId: 'device-1',
    actorId: officer.id,
    now: () => Date.now(),
    makeId: () => `op-${String(++opCount).padStart(4, '0')}`,
    utcOffsetMinutes: 420,
  };
  const lineId = `line-${opCount + 1}`;
  await putLine(lineId);
  const signature = { hash, type: 'image/png' as const, bytes: new Uint8Array([137, 80, 78, 71]).buffer };
  const payload = { amount: paymentLineData().amount, receiver: { kind: 'self' as const }, signature: hash };
  const op = await recordOk(db, ctx, 'payment.record', lineId, payload, { evidence: [signature] });
  return op.id;
}

export const pushedIds = () => server.pushes.map((p) => p.body.ops.map((op) => op['id']));
export const statesOf = async () => (await db.outbox.orderBy('seq').toArray()).map((op) => op.state);
export const setVisibility = (value: DocumentVisibilityState) =>
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });

/** Goes offline or back online, as `navigator.onLine` would tell the engine. */
export function setOnline(value: boolean): void {
  online = value;
}

/** Every IndexedDB write fails with `error()` from now on (null: writes work again). */
export function failWrites(error: (() => Error) | null): void {
  writeFailure = error;
}

/**
 * Registers the hooks: a fresh device (fake timers, a database whose writes can be made to fail,
 * a fake server with two users, a signed-in officer) before each test, everything stopped after.
 */
export function useSyncEngineWorld(): void {
  beforeEach(async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
      now: Date.UTC(2026, 10, 28, 1, 0),
    });
    db = createAppDb(`t-${crypto.randomUUID()}`);
    writeFailure = null;
    db.use({
      stack: 'dbcore',
      name: 'test-write-failures',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, mutate: (req) => (writeFailure ? Promise.reject(writeFailure()) : table.mutate(req)) };
        },
      }),
    });
    server = createFakeTransport();
    server.addUser(officer, PASSWORD);
    server.addUser(other, PASSWORD);
    online = true;
    engines = [];
    runs = { started: 0, active: 0 };
    opCount = 0;
    await saveSession(db, { token: server.issueToken(officer.id), expiresAt: '2027-01-01T00:00:00Z', user: officer });
  });

  afterEach(async () => {
    for (const engine of engines) engine.stop();
    await settled();
    vi.useRealTimers();
    Reflect.deleteProperty(document, 'visibilityState');
    db.close();
    await db.delete();
  });
}
