import { expect, test } from 'vitest';
import { statusReasons } from './beneficiary-ops';
import { decreaseReasons } from './list-decreases';
import { diffLists, moneyBalances, type DiffLine } from './list-diff';
import { fieldOutcome, fieldProposals, proposalKind, statusOfDecrease } from './list-field-outcomes';
import { rediff } from './list-matches';
import { vnd } from './money';

const line = (key: string, total: number): DiffLine => ({
  key,
  code: key,
  idNumber: null,
  fullName: key,
  birthDate: '1945',
  village: null,
  category: null,
  paymentMethod: null,
  total: vnd(total),
});

test('only people on the list with money to be paid and a field finding are proposed, in list order', () => {
  const suggestions = new Map([
    ['b-cuc', 'deceased' as const],
    ['b-dao', 'missed-payments' as const],
    ['b-gone', 'moved-away' as const],
  ]);
  const onList = [
    { beneficiaryId: 'b-dao', total: 500_000 },
    { beneficiaryId: 'b-hoa', total: 750_000 },
    { beneficiaryId: 'b-cuc', total: 600_000 },
    { beneficiaryId: 'b-gone', total: 0 },
    { beneficiaryId: null, total: 400_000 },
  ];
  expect(fieldProposals(onList, suggestions)).toEqual([
    { beneficiaryId: 'b-dao', suggested: 'missed-payments' },
    { beneficiaryId: 'b-cuc', suggested: 'deceased' },
  ]);
  expect([proposalKind('missed-payments'), proposalKind('deceased'), proposalKind('moved-away')]).toEqual([
    'suspension',
    'decrease',
    'decrease',
  ]);
});

test('a proposal is dismissed only with a reason; accepting needs none', () => {
  expect(fieldOutcome(false, '  ')).toEqual({ ok: false, error: 'note-needed' });
  expect(fieldOutcome(false, ' Đã gặp bà ngày 02/12 ')).toEqual({
    ok: true,
    value: { accepted: false, note: 'Đã gặp bà ngày 02/12' },
  });
  expect(fieldOutcome(true, null)).toEqual({ ok: true, value: { accepted: true, note: null } });
});

test('every reason records a status the roster accepts with it, except "other"', () => {
  for (const reason of decreaseReasons) {
    const status = statusOfDecrease(reason);
    if (reason === 'other') expect(status).toBeNull();
    else expect(status !== null && statusReasons[status].includes(reason)).toBe(true);
  }
});

test('held back, a person is a decrease with nothing to pay; released, the diff is the file again', () => {
  const previous = [line('b-hoa', 750_000), line('b-cuc', 600_000)];
  const asFiled = diffLists(previous, [line('b-hoa', 750_000), line('b-cuc', 600_000)]);
  const held = rediff(asFiled, new Set(), new Map([['b-cuc', vnd(0)]]));
  expect(held.decreases.map((d) => [d.previous.key, d.current?.total])).toEqual([['b-cuc', 0]]);
  expect(held.money).toMatchObject({ previous: 1_350_000, decreases: 600_000, current: 750_000 });
  expect(moneyBalances(held.money)).toBe(true);
  const released = rediff(held, new Set(), new Map([['b-cuc', vnd(600_000)]]));
  expect(released.decreases).toEqual([]);
  expect(released.money).toEqual(asFiled.money);
});
