import { afterEach, expect, test } from 'vitest';
import { beneficiaryData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { attachRosterIndex, rosterIndexOf } from './roster-index';
import { appendRosterPages, foldRosterPages, loadRoster, readPeople, ROSTER_PAGE_SIZE } from './roster-pages';
import { toBeneficiaryRow } from './roster-row';

let db: AppDb;
afterEach(async () => {
  rosterIndexOf(db)?.close();
  await db.delete();
});

const person = (i: number, version = 1, village = 'Tổ 1') =>
  toBeneficiaryRow(`p${String(i).padStart(5, '0')}`, version, beneficiaryData({ fullName: `Lê Văn Số${i}`, village }));

const append = (rows: ReturnType<typeof person>[], deleted: string[] = []) => appendRosterPages(db, rows, deleted);

test('pages split at the page size; the newest copy wins, a tombstone removes; a fold keeps exactly that', async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await append(Array.from({ length: ROSTER_PAGE_SIZE + 10 }, (_, i) => person(i)));
  expect((await db.rosterPages.toArray()).map((p) => [p.no, p.size])).toEqual([
    [1, ROSTER_PAGE_SIZE],
    [2, 10],
  ]);
  for (let n = 0; n < 9; n++) await append([person(n, n + 2, 'Tổ 9')], n === 8 ? ['p00003'] : []);
  const before = await loadRoster(db);
  expect(before.size).toBe(ROSTER_PAGE_SIZE + 9);
  expect(before.get('p00000')).toMatchObject({ version: 2, village: 'Tổ 9' });
  expect(before.has('p00003')).toBe(false);

  // Nothing to gain: no fold.
  expect(await foldRosterPages(db, 100, 100)).toBe(false);
  expect(await foldRosterPages(db, 0, 0)).toBe(true);
  expect((await db.rosterPages.toArray()).map((p) => p.size)).toEqual([ROSTER_PAGE_SIZE, 9]);
  expect(await loadRoster(db)).toEqual(before);
});

test('one person is read from the page the index names, or from every page without an index', async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await append([person(1), person(2)]);
  await append([person(2, 5, 'Tổ 5')]);
  await db.beneficiaries.put(person(1, 7, 'Tổ 7'));
  const ids = ['p00001', 'p00002', 'nobody'];
  const plain = (await readPeople(db, ids)).map((r) => r && [r.version, r.village]);
  expect(plain).toEqual([[7, 'Tổ 7'], [5, 'Tổ 5'], undefined]);
  const index = attachRosterIndex(db, { today: () => '2026-11-15' });
  await index.whenReady();
  expect(index.pageOf('p00002')).toBe(2);
  expect((await readPeople(db, ids)).map((r) => r && [r.version, r.village])).toEqual(plain);
  // The edited record goes: the person is their page copy again.
  await db.beneficiaries.delete('p00001');
  expect((await readPeople(db, ['p00001']))[0]).toMatchObject({ version: 1, village: 'Tổ 1' });
  // The index reads the page copy back (it was not in the deleting commit).
  await index.settled();
  expect(index.listRows(['p00001'])?.[0]).toMatchObject({ village: 'Tổ 1' });
});
