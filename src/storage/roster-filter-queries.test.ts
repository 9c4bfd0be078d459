import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../tests/builders/beneficiary';
import { noFilters, type RosterFilters, type RosterView } from '../domain/roster-filter';
import type { BeneficiaryData } from '../protocol/entities';
import { nameSortKey } from '../domain/vietnamese-text';
import { createAppDb, type AppDb } from './app-db';
import { filteredRosterKeys, rosterRowsByKeys, rosterVillages, searchRoster } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';

const today = '2026-11-15';
let db: AppDb;

const people: [string, Partial<BeneficiaryData>][] = [
  ['b1', { fullName: 'Nguyễn Văn Bình', village: 'Tổ 10', paymentMethod: 'bank', status: 'active' }],
  ['b2', { fullName: 'Trần Thị Hoà', village: 'Tổ 2', paymentMethod: 'cash-point', status: 'active' }],
  ['b3', { fullName: 'Lê Gia Bảo', village: 'Tổ 2', paymentMethod: null, status: 'suspended', category: 'k5c' }],
  ['b4', { fullName: 'Đặng Văn An', village: 'Thôn Đông', paymentMethod: 'cash-point', status: 'active' }],
  ['b5', { fullName: 'Nguyễn Thị Hòa', village: 'Tổ 10', paymentMethod: 'cash-point', status: 'deceased' }],
  // Only an old CMND: needs a new ID card before an account can be opened.
  ['b6', { fullName: 'Phan Văn Cường', village: 'Tổ 2', paymentMethod: 'bank', idNumber: null }],
];

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.bulkPut(people.map(([id, p]) => toBeneficiaryRow(id, 1, beneficiaryData(p))));
});
afterEach(async () => {
  await db.delete();
});

const view = (filters: Partial<RosterFilters>, sort: RosterView['sort'] = 'name'): RosterView => ({
  filters: { ...noFilters, ...filters },
  sort,
});

describe('filteredRosterKeys', () => {
  test.each<[string, RosterView, string[]]>([
    ['no filter, by name: everyone, given name first', view({}), ['b4', 'b3', 'b1', 'b6', 'b2', 'b5']],
    ['no filter, by village: village order, then name', view({}, 'village'), ['b4', 'b3', 'b6', 'b2', 'b1', 'b5']],
    ['one village (through the index), by name', view({ village: 'Tổ 2' }), ['b3', 'b6', 'b2']],
    ['payment method', view({ method: 'cash-point' }), ['b4', 'b2', 'b5']],
    ['no method chosen', view({ method: 'none' }), ['b3']],
    ['status', view({ status: 'active' }), ['b4', 'b1', 'b6', 'b2']],
    ['status, by village (index keys only)', view({ status: 'active' }, 'village'), ['b4', 'b6', 'b2', 'b1']],
    ['category', view({ category: 'k5c' }), ['b3']],
    ['readiness', view({ readiness: 'needs-new-id-card' }), ['b6']],
    ['village and method and status combine', view({ village: 'Tổ 10', method: 'cash-point', status: 'active' }), []],
    [
      'method and status combine, by village',
      view({ method: 'cash-point', status: 'active' }, 'village'),
      ['b4', 'b2'],
    ],
    ['a village nobody lives in', view({ village: 'Tổ 99' }), []],
  ])('%s', async (_name, v, expected) => {
    expect(await filteredRosterKeys(db, v, today)).toEqual(expected);
  });

  test('reads a table larger than one chunk completely and in order', async () => {
    const many = Array.from({ length: 4321 }, (_, i) =>
      toBeneficiaryRow(
        `m${String(i).padStart(5, '0')}`,
        1,
        beneficiaryData({ fullName: `Người Số ${i}`, village: `Thôn ${i % 7}`, paymentMethod: 'bank' }),
      ),
    );
    await db.beneficiaries.bulkPut(many);
    const keys = await filteredRosterKeys(db, view({ method: 'bank' }, 'village'), today);
    expect(keys).toHaveLength(4321 + 2);
    expect(new Set(keys).size).toBe(keys.length);
    const rows = await rosterRowsByKeys(db, keys);
    const villages = rows.map((r) => r?.village);
    // Villages come in blocks in Vietnamese order, each block sorted by name.
    expect([...new Set(villages)]).toEqual([
      'Thôn 0',
      'Thôn 1',
      'Thôn 2',
      'Thôn 3',
      'Thôn 4',
      'Thôn 5',
      'Thôn 6',
      'Tổ 2',
      'Tổ 10',
    ]);
    // The index-keys path (no row filter) orders the same people the same way.
    const bank = new Set(keys);
    expect((await filteredRosterKeys(db, view({}, 'village'), today)).filter((id) => bank.has(id))).toEqual(keys);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (a && b && a.village === b.village) expect(nameSortKey(a.fullName) <= nameSortKey(b.fullName)).toBe(true);
    }
  });
});

describe('roster filter reads', () => {
  test('villages come from the index in Vietnamese order, numbers by value', async () => {
    expect(await rosterVillages(db)).toEqual(['Thôn Đông', 'Tổ 2', 'Tổ 10']);
  });

  test('rows of a key window come back in the key order, a vanished one as undefined', async () => {
    await db.beneficiaries.delete('b2');
    const rows = await rosterRowsByKeys(db, ['b6', 'b2', 'b4']);
    expect(rows.map((r) => r?.fullName)).toEqual(['Phan Văn Cường', undefined, 'Đặng Văn An']);
  });

  test('search with filters counts only the people who pass them toward the limit', async () => {
    // Two people match "hoa" (Tổ 2 and Tổ 10): with the filter the first answer is also the last.
    const accept = (row: { village: string }) => row.village === 'Tổ 2';
    const result = await searchRoster(db, 'hoa', 1, accept);
    expect(result.rows.map((r) => r.fullName)).toEqual(['Trần Thị Hoà']);
    expect(result.hasMore).toBe(false);
  });
});
