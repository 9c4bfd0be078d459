import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffLists, moneyBalances, type DiffLine } from './list-diff';
import { vnd } from './money';

const line = (key: string, patch: Partial<DiffLine> = {}): DiffLine => ({
  key,
  code: `BT-${key}`,
  idNumber: null,
  fullName: `Người ${key}`,
  birthDate: '1950',
  village: 'Tổ 5',
  category: 'k5a',
  paymentMethod: 'cash-point',
  total: vnd(750_000),
  ...patch,
});

describe('diffLists', () => {
  test('increases, decreases, adjustments field by field, unchanged; the money balances', () => {
    const previous = [line('1'), line('2'), line('3'), line('4', { total: vnd(1_000_000) })];
    const current = [
      line('1'),
      line('2', { total: vnd(1_250_000) }),
      line('4', { total: vnd(0) }),
      line('5', { total: vnd(500_000) }),
    ];
    const diff = diffLists(previous, current);
    expect(diff.increases.map((l) => l.key)).toEqual(['5']);
    expect(diff.decreases.map((d) => [d.previous.key, d.current?.key ?? null])).toEqual([
      ['3', null],
      ['4', '4'],
    ]);
    expect(diff.adjustments).toEqual([
      expect.objectContaining({ matchedBy: 'code', changes: [{ field: 'total', from: 750_000, to: 1_250_000 }] }),
    ]);
    expect(diff.unchanged.map((u) => u.current.key)).toEqual(['1']);
    expect(diff.money).toEqual({
      previous: 3_250_000,
      increases: 500_000,
      decreases: 1_750_000,
      adjustments: 500_000,
      current: 2_500_000,
    });
    expect(moneyBalances(diff.money)).toBe(true);
  });

  test('matched by code, then ID number; a group or method change is an adjustment too', () => {
    const previous = [line('1', { code: null, idNumber: '046152999001' }), line('2')];
    const current = [
      line('a', { code: 'OTHER', idNumber: '046152999001', paymentMethod: 'bank' }),
      line('b', { code: 'BT-2', category: 'k6' }),
    ];
    const diff = diffLists(previous, current);
    expect(
      diff.adjustments.map((a) => [a.previous.key, a.current.key, a.matchedBy, a.changes.map((c) => c.field)]),
    ).toEqual([
      ['1', 'a', 'id-number', ['paymentMethod']],
      ['2', 'b', 'code', ['category']],
    ]);
  });

  test('a group or method the file does not give (no such column) is not a change', () => {
    const diff = diffLists([line('1')], [line('1', { category: null, paymentMethod: null })]);
    expect([diff.unchanged.length, diff.adjustments.length]).toEqual([1, 0]);
  });

  test('a match by name, birth year and village is proposed, never taken until confirmed', () => {
    const previous = [line('1', { code: null, fullName: 'Nguyễn Văn Bình', birthDate: '1950-02-03' })];
    const current = [line('x', { code: null, fullName: 'NGUYEN VAN BINH', birthDate: '1950' })];
    const guessed = diffLists(previous, current);
    expect(guessed.proposedMatches.map((p) => [p.previous.key, p.current.key])).toEqual([['1', 'x']]);
    expect([guessed.increases.length, guessed.decreases.length]).toEqual([1, 1]);
    const confirmed = diffLists(previous, current, new Set(['1|x']));
    expect([confirmed.increases.length, confirmed.decreases.length, confirmed.unchanged.length]).toEqual([0, 0, 1]);
    expect(confirmed.unchanged[0]?.matchedBy).toBe('name');
  });
});

const keys = ['1', '2', '3', '4', '5', '6', '7', '8'];
const arbitraryLine = (key: string) =>
  fc
    .record({
      total: fc.integer({ min: 0, max: 5_000_000 }).map(vnd),
      category: fc.constantFrom('k5a' as const, 'k6' as const),
      paymentMethod: fc.constantFrom('cash-point' as const, 'bank' as const),
    })
    .map((patch) => line(key, patch));
const list = fc.subarray(keys).chain((ks) => fc.tuple(...ks.map(arbitraryLine)));

describe('diffLists properties', () => {
  test('the money equation holds for any two lists', () => {
    fc.assert(
      fc.property(list, list, (previous, current) => moneyBalances(diffLists(previous, current).money)),
      { numRuns: 300 },
    );
  });

  test("applying the diff to last month's list gives this month's list", () => {
    fc.assert(
      fc.property(list, list, (previous, current) => {
        const diff = diffLists(previous, current);
        const byKey = new Map(previous.map((l) => [l.key, l]));
        for (const d of diff.decreases) {
          if (d.current) byKey.set(d.current.key, d.current);
          else byKey.delete(d.previous.key);
        }
        for (const a of diff.adjustments) byKey.set(a.current.key, a.current);
        for (const l of diff.increases) byKey.set(l.key, l);
        const rebuilt = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
        expect(rebuilt).toEqual([...current].sort((a, b) => a.key.localeCompare(b.key)));
      }),
      { numRuns: 300 },
    );
  });
});
