import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { entityKinds, type Change, type PullResponse } from './pull';
import {
  decodeColumnsPage,
  encodeColumnsPage,
  pullColumnsAsPageSchema,
  pullColumnsResponseSchema,
  type PullColumnsResponse,
} from './pull-columns';

const person = (i: number) => ({
  communeCode: '19960',
  fullName: `Nguyễn Văn ${String(i)}`,
  birthDate: '1950-01-02',
  idNumber: i % 3 ? `0460${String(i).padStart(8, '0')}` : null,
  monthlyAmount: 500_000,
  representative: i % 5 ? null : { kind: 'guardian', fullName: 'Trần Thị B', phone: null },
});

function demoPage(): PullResponse {
  const changes: Change[] = [
    { entity: 'commune', id: '19960', version: 1, deleted: false, data: { code: '19960', name: 'Phú Bài' } },
    { entity: 'period', id: '2026-12', version: 1, deleted: false, data: { month: '2026-12', status: 'open' } },
  ];
  for (let i = 0; i < 50; i++) {
    const id = `b-${String(i)}`;
    changes.push({ entity: 'beneficiary', id, version: 1 + (i % 4), deleted: false, data: person(i) });
    changes.push({
      entity: 'payment-line',
      id: `2026-12:${id}`,
      version: 1,
      deleted: false,
      data: { beneficiaryId: id, periodId: '2026-12', amount: 500_000, status: 'due' },
    });
  }
  // A row with one more field (written by an op), and a deleted one.
  changes.push({
    entity: 'beneficiary',
    id: 'b-x',
    version: 7,
    deleted: false,
    data: { ...person(9), statusNote: 'x' },
  });
  changes.push({ entity: 'beneficiary', id: 'b-y', version: 8, deleted: true, data: null });
  return { protocol: 1, cursor: 'c.1', hasMore: true, remaining: 12, leaseDays: 7, changes };
}

/** Through JSON as on the wire, then back to the plain page. */
const roundTrip = (page: PullResponse) =>
  decodeColumnsPage(pullColumnsResponseSchema.parse(JSON.parse(JSON.stringify(encodeColumnsPage(page)))));

describe('columnar pull pages', () => {
  test('decode(encode(page)) is the page, in the same order with the same keys, as JSON text too', () => {
    const page = demoPage();
    const back = roundTrip(page);
    expect(back).toEqual(page);
    expect(JSON.stringify(back.changes)).toBe(JSON.stringify(page.changes));
  });

  test('payment-line ids built from their fields are left out; field names are written once', () => {
    const encoded = encodeColumnsPage(demoPage());
    const lines = encoded.groups.find((g) => g.entity === 'payment-line');
    expect(lines?.idFrom).toEqual(['periodId', 'beneficiaryId']);
    expect(lines?.ids).toBeUndefined();
    const people = encoded.groups.find((g) => g.entity === 'beneficiary');
    expect(people?.ids).toHaveLength(52);
    expect(Object.keys(people?.rows ?? {})).toEqual(['50', '51']);
    expect(people?.deleted).toEqual([51]);
    const text = JSON.stringify(encoded);
    expect(text.split('"birthDate"')).toHaveLength(3); // the field list and the one odd row
    expect(text.length).toBeLessThan(JSON.stringify(demoPage()).length * 0.6);
  });

  test('an empty page round-trips', () => {
    const page: PullResponse = { protocol: 1, cursor: 'c', hasMore: false, changes: [] };
    expect(roundTrip(page)).toEqual(page);
  });

  test('any page round-trips (property)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()));
    const key = fc.constantFrom('a', 'b', 'c', 'id', 'periodId', '__proto__', '0', 'constructor');
    const data = fc.option(fc.dictionary(key, value, { maxKeys: 4 }), { nil: null });
    const change = fc.record({
      entity: fc.constantFrom(...entityKinds),
      id: fc.oneof(fc.string(), fc.constant('x:y')),
      version: fc.integer(),
      deleted: fc.boolean(),
      data,
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), fc.boolean(), (changes, hasMore) => {
        const page: PullResponse = { protocol: 1, cursor: 'c', hasMore, remaining: 3, changes };
        const back = roundTrip(page);
        expect(back).toEqual(page);
        expect(JSON.stringify(back.changes)).toBe(JSON.stringify(page.changes));
      }),
      { numRuns: 300 },
    );
  });

  test('columns that do not add up are refused, never read as other data', () => {
    const good = encodeColumnsPage(demoPage());
    const broken: PullColumnsResponse[] = [
      { ...good, order: good.order + '9' },
      { ...good, order: good.order.slice(1) },
      { ...good, groups: good.groups.map((g) => ({ ...g, columns: g.columns.map((c) => c.slice(1)) })) },
    ];
    for (const page of broken) {
      expect(() => decodeColumnsPage(page)).toThrow(/columnar page/);
      expect(pullColumnsAsPageSchema.safeParse(page).success).toBe(false);
    }
    expect(pullColumnsAsPageSchema.parse(JSON.parse(JSON.stringify(good)))).toEqual(demoPage());
  });
});
