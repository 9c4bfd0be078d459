import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { toStorageErrorCode } from './storage-errors';

describe('toStorageErrorCode', () => {
  test.each([
    [new DOMException('full', 'QuotaExceededError'), 'storage-full'],
    [new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')), 'storage-full'],
    [new Dexie.ConstraintError('key exists'), 'duplicate'],
    [new Dexie.DatabaseClosedError('closed'), 'db-closed'],
    [new Error('something else'), null],
    ['not an error', null],
  ])('%s → %s', (error, code) => {
    expect(toStorageErrorCode(error)).toBe(code);
  });

  test('a real quota failure inside a Dexie transaction is recognised', async () => {
    const db = new Dexie(`t-${crypto.randomUUID()}`);
    db.version(1).stores({ t: 'id' });
    const failing = db.transaction('rw', db.table('t'), async () => {
      await db.table('t').put({ id: 1 });
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error: unknown = await failing.catch((e: unknown) => e);
    expect(toStorageErrorCode(error)).toBe('storage-full');
    expect(await db.table('t').count()).toBe(0);
    await db.delete();
  });
});
