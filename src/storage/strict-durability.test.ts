import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAppDb, type AppDb } from './app-db';

let db: AppDb;
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

type Call = { stores: string[]; mode: string; durability: string | undefined };

/** Options of every IndexedDB transaction opened from now on (Dexie binds it when opening). */
function spyTransactions(): Call[] {
  const calls: Call[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with .call below.
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    stores: string | Iterable<string>,
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) {
    calls.push({
      stores: typeof stores === 'string' ? [stores] : [...stores],
      mode: mode ?? 'readonly',
      durability: options?.durability,
    });
    return original.call(this, stores, mode, options);
  });
  return calls;
}

describe('strict durability', () => {
  test('writes that touch the outbox are strict; pull pages and reads are not', async () => {
    const calls = spyTransactions();
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await db.open();
    await db.transaction('rw', [db.outbox, db.kv], async () => {
      await db.kv.put({ key: 'k', value: 1 });
    });
    await db.transaction('rw', [db.beneficiaries, db.kv], async () => {
      await db.kv.put({ key: 'k', value: 2 });
    });
    await db.outbox.count();
    expect(calls.find((c) => c.stores.includes('outbox') && c.mode === 'readwrite')?.durability).toBe('strict');
    expect(calls.find((c) => c.stores.includes('beneficiaries'))?.durability).not.toBe('strict');
    expect(calls.find((c) => c.stores.includes('outbox') && c.mode === 'readonly')).toBeDefined();
    expect(calls.find((c) => c.stores.includes('outbox') && c.mode === 'readonly')?.durability).not.toBe('strict');
  });
});
