/**
 * The sync store's contract, run on SQLite (store.test.ts) and PostgreSQL (store.pg.test.ts):
 * change sequences, versions, and the pull query over them.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EntityKind } from '../../src/protocol/pull';
import { putEntities, getEntity, type EntityChange } from '../../src/server/services/entity-store';
import { pullPage, type PullPage } from '../../src/server/services/pull';
import { readCursorSecret } from '../../src/server/services/settings';
import type { MakeDb } from '../../src/server/testing/databases';
import type { AppDatabase } from '../../src/server/db/database';

const NOW = Date.UTC(2026, 10, 15);

const change = (entity: EntityKind, id: string, communeCode: string | null, data: unknown = { id }): EntityChange => ({
  entity,
  id,
  communeCode,
  data,
});

export function runStoreContract(name: string, makeDb: MakeDb): void {
  describe(`entity store and pull (${name})`, () => {
    let db: AppDatabase;
    let secret: string;
    beforeEach(async () => {
      db = await makeDb();
      secret = await readCursorSecret(db.kysely);
    });
    afterEach(async () => {
      await db.close();
    });

    const put = (changes: EntityChange[]) =>
      db.kysely.transaction().execute((trx) => putEntities(trx, changes, { now: NOW }));
    const pull = async (communes: string[], cursor: string | undefined, limit = 1000): Promise<PullPage> => {
      const result = await pullPage(db.kysely, { communes, cursor, limit, cursorSecret: secret });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };

    test('a batch gets a contiguous block of sequences in batch order, each new entity at version 1', async () => {
      const written = await put([
        change('commune', '19960', '19960'),
        change('beneficiary', 'b1', '19960'),
        change('period', '2026-11', null),
      ]);
      expect(written.map((w) => w.changeSeq)).toEqual([1, 2, 3]);
      expect(written.map((w) => w.version)).toEqual([1, 1, 1]);
      const next = await put([change('beneficiary', 'b2', '19960')]);
      expect(next[0]?.changeSeq).toBe(4);
    });

    test('rewriting an entity bumps its version and moves it to a new, higher sequence', async () => {
      await put([change('beneficiary', 'b1', '19960', { name: 'Trần Thị Hoa' }), change('beneficiary', 'b2', '19960')]);
      const [rewritten] = await put([change('beneficiary', 'b1', '19960', { name: 'Trần Thị Hoà' })]);
      expect(rewritten).toEqual({ entity: 'beneficiary', id: 'b1', version: 2, changeSeq: 3 });
      const stored = await getEntity(db.kysely, 'beneficiary', 'b1');
      expect(stored?.data).toEqual({ name: 'Trần Thị Hoà' });
      const page = await pull(['19960'], undefined);
      expect(page.changes.map((c) => `${c.id}@${c.version}`)).toEqual(['b2@1', 'b1@2']);
    });

    test('the same entity twice in one batch is applied in order', async () => {
      const written = await put([
        change('beneficiary', 'b1', '19960', { n: 1 }),
        change('beneficiary', 'b1', '19960', { n: 2 }),
      ]);
      expect(written.map((w) => w.version)).toEqual([1, 2]);
      expect((await getEntity(db.kysely, 'beneficiary', 'b1'))?.data).toEqual({ n: 2 });
    });

    test('a delete is a change like any other and is pulled without data', async () => {
      await put([change('payment-line', 'l1', '19960', { amount: 500000 })]);
      await put([{ ...change('payment-line', 'l1', '19960'), deleted: true }]);
      const page = await pull(['19960'], undefined);
      expect(page.changes).toEqual([{ entity: 'payment-line', id: 'l1', version: 2, deleted: true, dataJson: null }]);
    });

    test('a rolled-back write leaves no change and no gap in the sequence', async () => {
      await put([change('beneficiary', 'b1', '19960')]);
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          await putEntities(trx, [change('beneficiary', 'b2', '19960')], { now: NOW });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const [next] = await put([change('beneficiary', 'b3', '19960')]);
      expect(next?.changeSeq).toBe(2);
      expect(await getEntity(db.kysely, 'beneficiary', 'b2')).toBeUndefined();
    });

    test('a writer that allocates a sequence blocks later writers until it commits (sequence order = commit order)', async () => {
      const events: string[] = [];
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = db.kysely
        .transaction()
        .execute(async (trx) => {
          const written = await putEntities(trx, [change('beneficiary', 'early', '19960')], { now: NOW });
          await gate;
          events.push('first released');
          return written;
        })
        .then((written) => (events.push('first committed'), written));
      await new Promise((r) => setTimeout(r, 20));
      const second = put([change('beneficiary', 'late', '19960')]).then(
        (written) => (events.push('second committed'), written),
      );
      // Were the sequence taken outside the lock, the second writer would commit a higher
      // sequence first, and a pull in between would move its cursor past the first one.
      setTimeout(release, 100);
      const [[early], [late]] = await Promise.all([first, second]);
      expect(events).toEqual(['first released', 'first committed', 'second committed']);
      expect(late?.changeSeq).toBeGreaterThan(early?.changeSeq ?? Infinity);
    });

    test('pull sends the scope’s communes and global rows, nothing of other communes', async () => {
      await put([
        change('commune', '19960', '19960'),
        change('commune', '20140', '20140'),
        change('period', '2026-11', null),
        change('beneficiary', 'phu-bai', '19960'),
        change('beneficiary', 'loc-an', '20140'),
      ]);
      const page = await pull(['19960'], undefined);
      expect(page.changes.map((c) => c.id)).toEqual(['19960', '2026-11', 'phu-bai']);
      const none = await pull([], undefined);
      expect(none.changes.map((c) => c.id)).toEqual(['2026-11']);
    });

    test('paging returns every in-scope change exactly once, in sequence order, with remaining counting down', async () => {
      const changes = Array.from({ length: 47 }, (_, i) =>
        change('beneficiary', `b${i}`, i % 3 === 0 ? '20140' : '19960'),
      );
      await put(changes);
      const expected = changes.filter((c) => c.communeCode === '19960').map((c) => c.id);
      const seen: string[] = [];
      const remaining: number[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await pull(['19960'], cursor, 7);
        seen.push(...page.changes.map((c) => c.id));
        remaining.push(page.remaining);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(seen).toEqual(expected);
      expect(remaining.at(-1)).toBe(0);
      expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
      expect(remaining[0]).toBe(expected.length - 7);
    });

    test('a change written after a cursor was issued arrives on the next pull from it', async () => {
      await put([change('beneficiary', 'b1', '19960'), change('beneficiary', 'b2', '19960')]);
      const first = await pull(['19960'], undefined);
      expect(first.hasMore).toBe(false);
      await put([change('beneficiary', 'b1', '19960', { edited: true }), change('beneficiary', 'other', '20140')]);
      const next = await pull(['19960'], first.cursor);
      expect(next.changes.map((c) => [c.id, c.version])).toEqual([['b1', 2]]);
      const empty = await pull(['19960'], next.cursor);
      expect(empty.changes).toEqual([]);
      expect(empty.remaining).toBe(0);
    });

    test('a cursor issued for another scope starts again from the beginning', async () => {
      await put([change('beneficiary', 'b1', '19960'), change('beneficiary', 'b2', '20140')]);
      const narrow = await pull(['19960'], undefined);
      const wide = await pull(['19960', '20140'], narrow.cursor);
      expect(wide.changes.map((c) => c.id)).toEqual(['b1', 'b2']);
    });

    test('a cursor that was tampered with is refused', async () => {
      await put([change('beneficiary', 'b1', '19960')]);
      const page = await pull(['19960'], undefined);
      const [payload, mac] = page.cursor.split('.');
      const forged = Buffer.from(JSON.stringify({ v: 1, seq: 0, scope: 'x' })).toString('base64url');
      for (const bad of [`${forged}.${mac}`, `${payload}.${mac?.slice(1)}A`, 'garbage', `${payload}`]) {
        const result = await pullPage(db.kysely, { communes: ['19960'], cursor: bad, limit: 10, cursorSecret: secret });
        expect(result).toEqual({ ok: false, error: 'invalid-cursor' });
      }
    });
  });
}
