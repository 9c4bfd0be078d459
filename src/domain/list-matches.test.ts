import fc from 'fast-check';
import { expect, test } from 'vitest';
import { diffLists, moneyBalances, type DiffLine, type ListDiff } from './list-diff';
import { linesOfDiff, matchKey, pairedPrevious, rediff } from './list-matches';
import { vnd } from './money';

const line = (key: string, fullName: string, total: number, patch: Partial<DiffLine> = {}): DiffLine => ({
  key,
  code: null,
  idNumber: null,
  fullName,
  birthDate: '1945',
  village: 'Tổ 5',
  category: null,
  paymentMethod: null,
  total: vnd(total),
  ...patch,
});

/** A diff without the order of its lists (remade diffs list people in another order). */
const canonical = (d: ListDiff) => ({
  increases: d.increases.map((l) => l.key).sort(),
  decreases: d.decreases.map((x) => `${x.previous.key}>${x.current?.key ?? ''}`).sort(),
  adjustments: d.adjustments.map((x) => `${x.previous.key}>${x.current.key}`).sort(),
  unchanged: d.unchanged.map((x) => `${x.previous.key}>${x.current.key}`).sort(),
  proposed: d.proposedMatches.map((x) => `${x.previous.key}>${x.current.key}`).sort(),
  money: d.money,
});

const previous = [line('b-hoa', 'Trần Thị Hoa', 750_000, { code: 'BT-01' }), line('b-cuc', 'Lê Thị Cúc', 600_000)];
const current = [line('b-hoa', 'Trần Thị Hoa', 750_000, { code: 'BT-01' }), line('row:6', 'Lê Thị Cúc', 600_000)];

test('a name match is asked: until confirmed it is a decrease and an increase; confirmed, the same person', () => {
  const asked = diffLists(previous, current);
  expect(asked.proposedMatches.map((p) => [p.previous.key, p.current.key])).toEqual([['b-cuc', 'row:6']]);
  expect([asked.increases.length, asked.decreases.length]).toEqual([1, 1]);

  const same = rediff(asked, new Set([matchKey('b-cuc', 'row:6')]));
  expect([same.increases.length, same.decreases.length, same.unchanged.length]).toEqual([0, 0, 2]);
  expect(same.proposedMatches).toEqual([]);
  expect(pairedPrevious(same).get('row:6')).toBe('b-cuc');
  expect(same.money.current).toBe(asked.money.current);

  // Taken back: the diff is the one first asked.
  expect(canonical(rediff(same, new Set()))).toEqual(canonical(asked));
});

test('property: remaking a diff from its own lines changes nothing, and the money always balances', () => {
  const people = fc.array(
    fc.record({
      name: fc.constantFrom('Lê Thị Cúc', 'Trần Văn Tư', 'Hồ Thị Na'),
      code: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: null }),
      total: fc.integer({ min: 0, max: 3_000_000 }),
    }),
    { maxLength: 8 },
  );
  fc.assert(
    fc.property(people, people, (before, after) => {
      const prev = before.map((p, i) => line(`b-${i}`, p.name, p.total, { code: p.code }));
      const curr = after.map((p, i) => line(`row:${i}`, p.name, p.total, { code: p.code }));
      const diff = diffLists(prev, curr);
      const confirmed = new Set(diff.proposedMatches.map((m) => matchKey(m.previous.key, m.current.key)));
      const same = rediff(diff, confirmed);
      const lines = linesOfDiff(same);
      return (
        JSON.stringify(canonical(rediff(diff, new Set()))) === JSON.stringify(canonical(diff)) &&
        moneyBalances(same.money) &&
        lines.previous.length === prev.length &&
        lines.current.length === curr.length
      );
    }),
  );
});
