import { describe, expect, test } from 'vitest';
import { costByMonth, parseFee, perPayment, type CostRow } from './report-cost';
import { methodsByMonth, scopeKey } from './report-groups';

const row = (over: Partial<CostRow> & Pick<CostRow, 'period' | 'method'>): CostRow => ({
  fee: null,
  note: null,
  paidLines: 0,
  paidLinesInScope: 0,
  costPerPayment: null,
  ...over,
});

describe('perPayment', () => {
  test('rounds half up to the đồng, and is null without a payment', () => {
    expect(perPayment(1_000, 3)).toBe(333);
    expect(perPayment(1_000, 6)).toBe(167);
    expect(perPayment(5, 2)).toBe(3);
    expect(perPayment(0, 4)).toBe(0);
    expect(perPayment(1_000, 0)).toBeNull();
  });
});

describe('costByMonth', () => {
  const methods = [
    { period: '2026-11', commune: '19960', method: 'bank', lines: 2, amount: 1_000, paidLines: 2, paidAmount: 1_000 },
    {
      period: '2026-11',
      commune: '19960',
      method: 'cash-point',
      lines: 3,
      amount: 3_000,
      paidLines: 3,
      paidAmount: 3_000,
    },
  ];
  const months = methodsByMonth(methods, scopeKey('commune', '19960'), '2026-11');

  test('lines each month of the scope up with its cost rows and its non-cash share', () => {
    const rows = [
      row({ period: '2026-11', method: 'bank', fee: 300_000, paidLines: 100, costPerPayment: 3_000 }),
      row({ period: '2026-11', method: 'mobile-money', fee: 100_000, paidLines: 100, costPerPayment: 1_000 }),
      row({ period: '2026-11', method: 'cash-point', fee: 1_000_000, paidLines: 300, costPerPayment: 3_333 }),
      row({ period: '2026-11', method: 'home-delivery', fee: null, paidLines: 50 }),
      row({ period: '2026-10', method: 'bank', fee: 90_000, paidLines: 30, costPerPayment: 3_000 }),
    ];
    const cost = costByMonth(rows, months);
    expect(cost).toHaveLength(12);
    const nov = cost.at(-1) ?? expect.unreachable('no November');
    expect(nov.period).toBe('2026-11');
    expect(nov.byMethod.get('bank')).toEqual({ fee: 300_000, paidLines: 100, costPerPayment: 3_000 });
    expect(nov.byMethod.get('home-delivery')?.costPerPayment).toBeNull();
    // Non-cash: 400.000 over 200 payments; cash: the home deliveries had no fee, so 1.000.000 over 300.
    expect(nov.nonCash).toBe(2_000);
    expect(nov.cash).toBe(3_333);
    expect(nov.nonCashAmount).toEqual({ num: 1_000, den: 4_000 });
    const oct = cost.at(-2) ?? expect.unreachable('no October');
    expect(oct.nonCash).toBe(3_000);
    expect(oct.cash).toBeNull();
    expect(cost[0]?.byMethod.size).toBe(0);
  });

  test('a month with fees but no payment has no cost', () => {
    const cost = costByMonth([row({ period: '2026-11', method: 'bank', fee: 50_000 })], months);
    expect(cost.at(-1)?.nonCash).toBeNull();
    expect(cost.at(-1)?.byMethod.get('bank')?.fee).toBe(50_000);
  });
});

describe('parseFee', () => {
  test('reads whole đồng with thousands dots or spaces; blank is no fee', () => {
    expect(parseFee('1.500.000')).toEqual({ ok: true, amount: 1_500_000 });
    expect(parseFee(' 2 000 ')).toEqual({ ok: true, amount: 2_000 });
    expect(parseFee('0')).toEqual({ ok: true, amount: 0 });
    expect(parseFee('')).toEqual({ ok: true, amount: null });
    expect(parseFee('   ')).toEqual({ ok: true, amount: null });
  });
  test('refuses decimals, signs, letters and more than a thousand billion', () => {
    expect(parseFee('1,5')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseFee('-100')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseFee('100đ')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseFee('1.000.000.000.000')).toEqual({ ok: true, amount: 1_000_000_000_000 });
    expect(parseFee('1.000.000.000.001')).toEqual({ ok: false, code: 'too-large' });
  });
});
