import { describe, expect, test } from 'vitest';
import { vnd } from './money';
import { moveVillage, orderVillages, payerRound, progressByPayer, type RoundLine } from './payer-round';

const line = (id: string, village: string, over: Partial<RoundLine> = {}): RoundLine => ({
  id,
  status: 'due',
  amount: vnd(500_000),
  village,
  sortKey: id,
  visited: false,
  revisitOn: null,
  ...over,
});

describe('payerRound', () => {
  test('villages in the payer’s order, the rest alphabetically, numbers by value', () => {
    const lines = ['Thôn 10', 'Thôn 2', 'Bản Mạ', 'Thôn 1'].map((v, i) => line(`l${String(i)}`, v));
    const round = payerRound(lines, ['Thôn 2', 'Thôn đã bỏ']);
    expect(round.villages.map((v) => v.village)).toEqual(['Thôn 2', 'Bản Mạ', 'Thôn 1', 'Thôn 10']);
  });

  test('to visit first, then revisits, then the paid; counts and money still to pay', () => {
    const lines = [
      line('c', 'Thôn 1', { status: 'paid', amount: vnd(900_000) }),
      line('b', 'Thôn 1', { status: 'unpaid', visited: true, amount: vnd(360_000) }),
      line('a', 'Thôn 1', { amount: vnd(540_000) }),
      line('d', 'Thôn 1', { status: 'void' }),
      line('e', 'Thôn 2', { amount: vnd(720_000) }),
    ];
    const round = payerRound(lines, []);
    const [first, second] = round.villages;
    expect(first?.lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(first).toMatchObject({ toVisit: 1, revisits: 1, paid: 1, toPay: 900_000 });
    expect(second).toMatchObject({ toVisit: 1, revisits: 0, paid: 0, toPay: 720_000 });
    expect(round).toMatchObject({ toVisit: 2, revisits: 1, paid: 1, toPay: 1_620_000 });
  });

  test('revisits by their planned date, the undated last', () => {
    const lines = [
      line('x', 'Thôn 1', { status: 'unpaid', visited: true }),
      line('y', 'Thôn 1', { status: 'unpaid', visited: true, revisitOn: '2026-12-10' }),
      line('z', 'Thôn 1', { status: 'unpaid', visited: true, revisitOn: '2026-12-08' }),
      line('w', 'Thôn 1'),
    ];
    expect(payerRound(lines, []).villages[0]?.lines.map((l) => l.id)).toEqual(['w', 'z', 'y', 'x']);
  });

  test('an empty round', () => {
    expect(payerRound([], ['Thôn 1'])).toEqual({ villages: [], toVisit: 0, revisits: 0, paid: 0, toPay: 0 });
  });
});

describe('moving villages', () => {
  test('up and down by one place, unchanged at the ends', () => {
    const shown = ['A', 'B', 'C'];
    expect(moveVillage(shown, 'B', -1)).toEqual(['B', 'A', 'C']);
    expect(moveVillage(shown, 'B', 1)).toEqual(['A', 'C', 'B']);
    expect(moveVillage(shown, 'A', -1)).toEqual(shown);
    expect(moveVillage(shown, 'C', 1)).toEqual(shown);
    expect(moveVillage(shown, 'Z', 1)).toEqual(shown);
  });

  test('a kept order survives villages coming and going', () => {
    expect(orderVillages(['C', 'A'], ['B', 'C'])).toEqual(['C', 'A']);
  });
});

describe('progressByPayer', () => {
  test('each payer’s lines, paid and open, in đồng; unassigned lines count for nobody', () => {
    const a = { id: 'p-a', name: 'Trần Văn Bình' };
    const b = { id: 'p-b', name: 'Lê Thị An' };
    const progress = progressByPayer([
      { ...line('1', 'Thôn 1', { status: 'paid', amount: vnd(500_000) }), payer: a },
      { ...line('2', 'Thôn 1', { amount: vnd(750_000) }), payer: a },
      { ...line('3', 'Thôn 2', { status: 'unpaid', visited: true, amount: vnd(360_000) }), payer: a },
      { ...line('4', 'Thôn 2', { amount: vnd(1_000_000) }), payer: b },
      { ...line('5', 'Thôn 2', { status: 'void' }), payer: b },
      { ...line('6', 'Thôn 3'), payer: null },
    ]);
    expect(progress).toEqual([
      {
        payerId: 'p-b',
        payerName: 'Lê Thị An',
        lines: 2,
        paid: 0,
        toVisit: 1,
        revisits: 0,
        paidAmount: 0,
        toPay: 1_000_000,
      },
      {
        payerId: 'p-a',
        payerName: 'Trần Văn Bình',
        lines: 3,
        paid: 1,
        toVisit: 1,
        revisits: 1,
        paidAmount: 500_000,
        toPay: 1_110_000,
      },
    ]);
  });
});
