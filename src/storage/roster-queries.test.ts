import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { attachRosterIndex, rosterIndexOf } from './roster-index';
import { countRoster, findByIdNumbers, rosterWindow, searchRoster } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';

let db: AppDb;
const people = [
  { id: 'b1', fullName: 'Nguyễn Văn Bình', idNumber: '046045999002', phone: '0912000111' },
  { id: 'b2', fullName: 'Trần Thị Hoà', idNumber: '046152999001', phone: null },
  { id: 'b3', fullName: 'Lê Gia Bảo', idNumber: '046222999003', phone: '0399000444' },
  { id: 'b4', fullName: 'Đặng Văn An', idNumber: null, phone: null },
  { id: 'b5', fullName: 'Nguyễn Thị Hòa', idNumber: '046160999013', phone: null },
];

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await applyPullPage(
    db,
    people.map((p) =>
      change(
        'beneficiary',
        p.id,
        beneficiaryData({ fullName: p.fullName, idNumber: p.idNumber, phone: p.phone, oldIdNumber: null }),
      ),
    ),
    'c',
    people.length,
  );
});
afterEach(async () => {
  rosterIndexOf(db)?.close();
  await db.delete();
});

const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);

describe('roster queries', () => {
  test('the roster is ordered by given name, then family name', async () => {
    expect(await countRoster(db)).toBe(5);
    expect(names(await rosterWindow(db, 0, 10))).toEqual([
      'Đặng Văn An',
      'Lê Gia Bảo',
      'Nguyễn Văn Bình',
      // Same letters: the tone on the earlier letter (Hoà's à is later than Hòa's ò) sorts after.
      'Trần Thị Hoà',
      'Nguyễn Thị Hòa',
    ]);
    expect(names(await rosterWindow(db, 2, 2))).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoà']);
  });

  test.each([
    ['ng v binh', ['Nguyễn Văn Bình']],
    ['hoa', ['Trần Thị Hoà', 'Nguyễn Thị Hòa']],
    ['HOÀ', ['Trần Thị Hoà', 'Nguyễn Thị Hòa']],
    ['dang', ['Đặng Văn An']],
    ['046 045', ['Nguyễn Văn Bình']],
    ['0399', ['Lê Gia Bảo']],
    ['nguyen thi', ['Nguyễn Thị Hòa']],
    ['xyz', []],
    ['   ', []],
  ])('search %j finds %j', async (query, expected) => {
    expect(names((await searchRoster(db, query)).rows)).toEqual(expected);
  });

  test('search stops at the limit and says there is more', async () => {
    const result = await searchRoster(db, 'thi', 1);
    expect(result.rows).toHaveLength(1);
    expect(result.hasMore).toBe(true);
  });
});

describe('findByIdNumbers (the ID check: the person of a scanned card)', () => {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const addOldCard = () =>
    db.beneficiaries.put(
      toBeneficiaryRow(
        'b6',
        1,
        // Its old 9-digit number is a prefix of b2's new one: a prefix is not a match.
        beneficiaryData({ fullName: 'Phan Văn Cư', idNumber: '046160999014', oldIdNumber: '046152999' }),
      ),
    );

  const cases = async () => {
    expect(ids(await findByIdNumbers(db, ['046152999001']))).toEqual(['b2']);
    expect(ids(await findByIdNumbers(db, ['046152999']))).toEqual(['b6']);
    // New and old number of one card; several people in name order (Hòa after Cư).
    expect(ids(await findByIdNumbers(db, ['046160999013', '046152999']))).toEqual(['b6', 'b5']);
    expect(ids(await findByIdNumbers(db, ['046045']))).toEqual([]);
    expect(ids(await findByIdNumbers(db, ['099999999999', '']))).toEqual([]);
    expect(await findByIdNumbers(db, [])).toEqual([]);
  };

  test('without a roster index: one pass over the table, exact numbers only', async () => {
    await addOldCard();
    await cases();
  });

  test('with a ready roster index: the same answers, and people written since are found', async () => {
    const index = attachRosterIndex(db, { today: () => '2026-11-15' });
    await index.whenReady();
    await addOldCard();
    await cases();
    // A pulled removal (a tombstone in a new page) takes the person out.
    await applyPullPage(db, [change('beneficiary', 'b2', null)], 'cursor-2', 2);
    expect(ids(await findByIdNumbers(db, ['046152999001']))).toEqual([]);
  });

  test('while the roster index is being built: answers from the table without waiting for it', async () => {
    await addOldCard();
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const index = attachRosterIndex(db, { today: () => '2026-11-15', chunkSize: 2, yieldToUi: () => held });
    expect(index.isReady()).toBe(false);
    await cases();
    expect(index.isReady()).toBe(false);
    release();
    await index.whenReady();
    await cases();
  });
});
