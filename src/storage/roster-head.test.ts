import { afterEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { setKv } from './kv';
import { attachRosterIndex, detachRosterIndex, rosterIndexOf } from './roster-index';
import { HEAD_ROWS, keepRosterHead, readRosterHead } from './roster-head';
import { countRoster, rosterWindow } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';

const today = '2026-12-07';
let db: AppDb | undefined;
afterEach(async () => {
  if (db) detachRosterIndex(db);
  await db?.delete();
});

async function withPeople(n: number): Promise<AppDb> {
  db = createAppDb(`head-${crypto.randomUUID()}`);
  await db.beneficiaries.bulkPut(
    Array.from({ length: n }, (_, i) =>
      toBeneficiaryRow(
        `b-${String(i).padStart(4, '0')}`,
        1,
        beneficiaryData({ fullName: `Nguyễn Văn Số ${String(i)}` }),
      ),
    ),
  );
  return db;
}

describe('the roster head (shown while the index builds)', () => {
  test('is kept with the index: its count and first lines in name order', async () => {
    const db = await withPeople(150);
    const index = attachRosterIndex(db, { today: () => today });
    keepRosterHead(db, index, (write) => {
      const timer = setTimeout(write, 0);
      return () => clearTimeout(timer);
    });
    await index.whenReady();
    await expect.poll(() => readRosterHead(db)).toEqual({ count: 150, rows: index.window(0, HEAD_ROWS) });

    // A change reaches the head once it settles.
    await db.beneficiaries.delete('b-0000');
    await expect.poll(async () => (await readRosterHead(db))?.count).toBe(149);
  });

  test('a detached index keeps nothing: a change just before the lock is not written after it', async () => {
    const db = await withPeople(20);
    const index = attachRosterIndex(db, { today: () => today });
    // The settling write is run by hand: after the index is detached.
    const due: (() => void)[] = [];
    keepRosterHead(db, index, (write) => {
      due.push(write);
      return () => undefined;
    });
    await index.whenReady();
    await expect.poll(async () => (await readRosterHead(db))?.count).toBe(20);
    await db.kv.delete('rosterHead');
    await db.beneficiaries.delete('b-0000');
    await expect.poll(() => due.length).toBeGreaterThan(0);
    detachRosterIndex(db);
    for (const write of due) write();
    // A write would have been issued at once: the next read of kv comes after it.
    expect(await readRosterHead(db)).toBeUndefined();
  });

  test('answers the count and the first window while a new index builds, then the index does', async () => {
    const db = await withPeople(150);
    const first = attachRosterIndex(db, { today: () => today });
    await first.whenReady();
    const rows = first.window(0, 20) ?? [];
    detachRosterIndex(db);
    // A head that differs from the data, to tell which answered.
    await setKv(db, 'rosterHead', { count: 999, rows: rows.slice().reverse() });

    // The build cannot read the people while this transaction holds their tables.
    // A raw IndexedDB transaction kept alive with requests until released.
    const tx = db.backendDB().transaction(['beneficiaries', 'rosterPages'], 'readwrite');
    const store = tx.objectStore('beneficiaries');
    let holding = true;
    const spin = () => {
      if (holding) store.count().onsuccess = spin;
    };
    spin();
    const held = new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
    const release = () => (holding = false);
    const index = attachRosterIndex(db, { today: () => today });
    expect(index.isReady()).toBe(false);
    expect(await countRoster(db)).toBe(999);
    expect(await rosterWindow(db, 0, 20)).toEqual(rows.slice().reverse());
    expect(rosterIndexOf(db)?.isReady()).toBe(false);
    release();
    await held;
    await index.whenReady();
    expect(await countRoster(db)).toBe(150);
    expect(await rosterWindow(db, 0, 20)).toEqual(rows);
  });
});
