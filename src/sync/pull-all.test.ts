import { afterEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from '../storage/app-db';
import { readPerson } from '../storage/roster-pages';
import { FOLD_AFTER_PAGES, pullAll } from './pull-all';
import type { Transport } from './transport';

let db: AppDb;
afterEach(async () => {
  await db.delete();
});

/** A server whose pulls answer one change each, in turn. */
function serverOf(changes: readonly ReturnType<typeof change>[]): Transport {
  let n = 0;
  return {
    pull: () => {
      const next = changes[n];
      n++;
      return Promise.resolve({ protocol: 1, cursor: `c-${n}`, hasMore: false, changes: next ? [next] : [] });
    },
  } as unknown as Transport;
}

describe('pullAll', () => {
  test('incremental pulls that change people append pages, and the roster is folded now and then', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    const rounds = 3 * FOLD_AFTER_PAGES;
    const changes = Array.from({ length: rounds }, (_, i) =>
      change('beneficiary', 'b-1', beneficiaryData({ village: `Tổ ${i}` }), i + 1),
    );
    const transport = serverOf(changes);
    let most = 0;
    for (let i = 0; i < rounds; i++) {
      await pullAll({ db, transport, token: 't', now: () => 0 });
      most = Math.max(most, await db.rosterPages.count());
    }
    // Never more than the first page plus the pages allowed between folds.
    expect(most).toBeLessThanOrEqual(FOLD_AFTER_PAGES + 2);
    expect((await readPerson(db, 'b-1'))?.village).toBe(`Tổ ${rounds - 1}`);
  });
});
