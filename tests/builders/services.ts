/**
 * Services for hook tests: a real (fake-indexeddb) database with the key/value and session access
 * that app/create-services.ts wires in, plus whatever else a test stubs (engine, clock, makeId).
 */
import { createAppDb, type AppDb } from '../../src/storage/app-db';
import { getKv, setKv, type KvKey } from '../../src/storage/kv';
import { createRecorder } from '../../src/storage/outbox';
import { readOutboxCounts } from '../../src/storage/outbox-counts';
import { loadSession } from '../../src/sync/session';
import type { Services } from '../../src/ui/services';

export function testServices(db: AppDb, stubs: Record<string, unknown> = {}): Services {
  const services = {
    db,
    kv: { get: <T>(key: KvKey) => getKv<T>(db, key), set: (key: KvKey, value: unknown) => setKv(db, key, value) },
    loadSession: () => loadSession(db),
    recorder: createRecorder(db),
    outboxCounts: () => readOutboxCounts(db),
    ...stubs,
  };
  // Only what the hook under test uses is real: the rest is left out on purpose.
  return services as unknown as Services;
}

/** A fresh database on fake-indexeddb, for tests in folders that may not import storage (ui). */
export function freshTestDb(): AppDb {
  return createAppDb(`t-${crypto.randomUUID()}`);
}
