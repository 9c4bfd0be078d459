import { describe, expect, test } from 'vitest';
import {
  compareMonths,
  funnelOf,
  type FunnelRow,
  type MethodRow,
  inScope,
  methodsByMonth,
  scopeOptions,
  shareTenths,
} from './report-groups';

// Hương Thủy (former district 479): 19960 Phú Bài, 19969 Thanh Thủy. Phú Lộc (482): 20140 Lộc An.
const row = (period: string, commune: string, method: string, paidLines: number, paidAmount: number): MethodRow => ({
  period,
  commune,
  method,
  lines: paidLines + 1,
  amount: paidAmount + 500_000,
  paidLines,
  paidAmount,
});

describe('scopes', () => {
  test('a commune belongs to its former district and province; one outside the pilot only to itself', () => {
    expect(inScope('district:479', '19960')).toBe(true);
    expect(inScope('district:482', '19960')).toBe(false);
    expect(inScope('province:46', '20140')).toBe(true);
    expect(inScope('commune:19960', '19960')).toBe(true);
    expect(inScope('province:46', '99999')).toBe(false);
    expect(inScope('commune:99999', '99999')).toBe(true);
  });

  test('the options are the province, the districts and the communes of the rows, widest first', () => {
    const options = scopeOptions(['20140', '19960', '19969', '19960'], 'Tỉnh Huế');
    expect(options.map((o) => o.key)).toEqual([
      'province:46',
      'district:482',
      'district:479',
      'commune:19960',
      'commune:19969',
      'commune:20140',
    ]);
    expect(options.map((o) => o.name)).toEqual([
      'Tỉnh Huế',
      'Huyện Phú Lộc',
      'Thị xã Hương Thủy',
      'Phường Phú Bài',
      'Phường Thanh Thủy',
      'Xã Lộc An',
    ]);
  });
});

describe('shares', () => {
  test('tenths of a percent, rounded half up, exact', () => {
    expect(shareTenths({ num: 1, den: 3 })).toBe(333);
    expect(shareTenths({ num: 2, den: 3 })).toBe(667);
    expect(shareTenths({ num: 1, den: 8 })).toBe(125); // 12,5 % exactly
    expect(shareTenths({ num: 1, den: 16 })).toBe(63); // 6,25 % → 6,3 %
    expect(shareTenths({ num: 0, den: 0 })).toBeNull();
    expect(shareTenths({ num: 123_456_789_000, den: 123_456_789_000 })).toBe(1000);
  });
});

describe('methods by month', () => {
  const rows = [
    row('2026-11', '19960', 'bank', 2, 1_000_000),
    row('2026-11', '19960', 'cash-point', 5, 2_500_000),
    row('2026-11', '19969', 'mobile-money', 1, 500_000),
    row('2026-11', '20140', 'bank', 9, 9_000_000),
    row('2026-10', '19960', 'cash-point', 4, 2_000_000),
    row('2026-10', '19969', 'home-delivery', 1, 750_000),
    row('2025-11', '19960', 'bank', 1, 1_000_000), // 12 months back: outside
  ];

  test('sums a former district’s communes per method, with the share paid without cash', () => {
    const months = methodsByMonth(rows, 'district:479', '2026-11');
    expect(months).toHaveLength(12);
    expect(months[0]?.period).toBe('2025-12');
    const nov = months[11];
    expect(nov?.total).toEqual({ lines: 11, amount: 5_500_000, paidLines: 8, paidAmount: 4_000_000 });
    expect(nov?.byMethod.get('bank')).toEqual({ lines: 3, amount: 1_500_000, paidLines: 2, paidAmount: 1_000_000 });
    // Bank 1,000,000 + mobile money 500,000 of 4,000,000 paid: 37.5 %; in people 3 of 8.
    expect(nov?.nonCashAmount).toEqual({ num: 1_500_000, den: 4_000_000 });
    expect(shareTenths(nov?.nonCashAmount ?? { num: 0, den: 0 })).toBe(375);
    expect(nov?.nonCashLines).toEqual({ num: 3, den: 8 });
    expect(months[10]?.nonCashAmount).toEqual({ num: 0, den: 2_750_000 });
  });

  test('the province adds the other district; a commune keeps only its own', () => {
    const province = methodsByMonth(rows, 'province:46', '2026-11')[11];
    expect(province?.total.paidAmount).toBe(13_000_000);
    expect(province?.nonCashAmount).toEqual({ num: 10_500_000, den: 13_000_000 });
    const commune = methodsByMonth(rows, 'commune:19969', '2026-11')[11];
    expect(commune?.total).toEqual({ lines: 2, amount: 1_000_000, paidLines: 1, paidAmount: 500_000 });
  });

  test('compares the month with the one before and with the first month that had lines', () => {
    const months = methodsByMonth(rows, 'district:479', '2026-11');
    expect(compareMonths(months)).toEqual({
      current: { period: '2026-11', paidLines: 8, paidAmount: 4_000_000, nonCashTenths: 375 },
      previous: { period: '2026-10', paidLines: 5, paidAmount: 2_750_000, nonCashTenths: 0 },
      first: { period: '2026-10', paidLines: 5, paidAmount: 2_750_000, nonCashTenths: 0 },
    });
    // Nothing before the period: no first month to compare with.
    expect(compareMonths(methodsByMonth(rows, 'commune:19969', '2026-10'))?.first).toBeNull();
  });
});

describe('funnel', () => {
  const funnelRow = (commune: string, counts: number[]): FunnelRow => {
    const [
      people = 0,
      choseAccount = 0,
      ready = 0,
      submitted = 0,
      opened = 0,
      cardHandedOver = 0,
      firstNonCashPaid = 0,
      cohortThreeMonths = 0,
      stillNonCash = 0,
    ] = counts;
    return {
      commune,
      people,
      choseAccount,
      ready,
      submitted,
      opened,
      cardHandedOver,
      firstNonCashPaid,
      cohortThreeMonths,
      stillNonCash,
    };
  };

  test('sums the stages and says how many dropped out before each', () => {
    const funnel = funnelOf(
      [
        funnelRow('19960', [100, 40, 30, 25, 20, 18, 15, 10, 8]),
        funnelRow('19969', [50, 10, 10, 6, 5, 5, 5, 4, 4]),
        funnelRow('20140', [999, 999]),
      ],
      'district:479',
    );
    expect(funnel.steps.map((s) => [s.stage, s.people, s.droppedFromPrevious])).toEqual([
      ['people', 150, 0],
      ['choseAccount', 50, 100],
      ['ready', 40, 10],
      ['submitted', 31, 9],
      ['opened', 25, 6],
      ['cardHandedOver', 23, 2],
      ['firstNonCashPaid', 20, 3],
    ]);
    expect(funnel.steps[1]?.ofAll).toEqual({ num: 50, den: 150 });
    expect(funnel.cohort).toEqual({ people: 14, stillNonCash: 12, wentBack: 2, share: { num: 12, den: 14 } });
  });
});
