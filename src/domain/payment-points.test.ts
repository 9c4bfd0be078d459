import { describe, expect, test } from 'vitest';
import { checkSchedule, daysText, pointOfVillage, tidySchedule, type PaymentPoint } from './payment-points';

const villages = ['Thôn 1', 'Thôn 2', 'Thôn 3'];
const point = (over: Partial<PaymentPoint> = {}): PaymentPoint => ({
  id: 'p1',
  name: 'Nhà văn hóa thôn 1',
  address: 'Thôn 1, Phú Bài',
  days: ['2026-12-05', '2026-12-06'],
  from: '07:30',
  to: '11:00',
  villages: ['Thôn 1', 'Thôn 2'],
  payerIds: ['user-payer'],
  ...over,
});

describe('payment points', () => {
  test('a well-made schedule has no problem, and each village finds its point', () => {
    const schedule = {
      month: '2026-12',
      points: [point(), point({ id: 'p2', name: 'UBND phường', villages: ['Thôn 3'], days: ['2026-12-07'] })],
    };
    expect(checkSchedule(schedule, villages)).toEqual([]);
    expect(pointOfVillage(schedule, 'Thôn 3')?.id).toBe('p2');
    expect(pointOfVillage(schedule, 'Thôn 9')).toBeNull();
    expect(pointOfVillage(null, 'Thôn 1')).toBeNull();
  });

  test('each problem is named with its point', () => {
    const schedule = {
      month: '2026-12',
      points: [
        point({ name: ' ', days: ['2026-11-30', '2026-12-32'], from: '11:00', to: '07:30' }),
        point({ id: 'p2', days: [], villages: ['Thôn 2', 'Thôn 9'], to: '21:00' }),
        point({ id: 'p3', villages: [] }),
      ],
    };
    expect(checkSchedule(schedule, villages)).toEqual([
      { code: 'no-name', point: 1 },
      { code: 'day-outside-month', point: 1, day: '2026-11-30' },
      { code: 'day-outside-month', point: 1, day: '2026-12-32' },
      { code: 'bad-hours', point: 1 },
      { code: 'no-days', point: 2 },
      { code: 'bad-hours', point: 2 },
      { code: 'village-twice', village: 'Thôn 2' },
      { code: 'unknown-village', point: 2, village: 'Thôn 9' },
      { code: 'no-villages', point: 3 },
    ]);
  });

  test('stored tidy; the days read as the board writes them', () => {
    const tidy = tidySchedule({
      month: '2026-12',
      points: [point({ name: ' UBND ', days: ['2026-12-07', '2026-12-05', '2026-12-05'] })],
    });
    expect(tidy.points[0]).toMatchObject({ name: 'UBND', days: ['2026-12-05', '2026-12-07'] });
    expect(daysText(['2026-12-05', '2026-12-06', '2026-12-07'])).toBe('05/12, 06/12 và 07/12');
    expect(daysText(['2026-12-05'])).toBe('05/12');
  });
});
