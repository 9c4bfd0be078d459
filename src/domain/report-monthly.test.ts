import { expect, test } from 'vitest';
import { scopeKey, type FunnelRow, type MethodRow } from './report-groups';
import { monthlyReport } from './report-monthly';

const m = (period: string, commune: string, method: string, paidLines: number, paidAmount: number): MethodRow => ({
  period,
  commune,
  method,
  lines: paidLines + 1,
  amount: paidAmount + 500,
  paidLines,
  paidAmount,
});
const f = (commune: string, people: number, choseAccount: number): FunnelRow => ({
  commune,
  people,
  choseAccount,
  ready: choseAccount,
  submitted: choseAccount,
  opened: choseAccount,
  cardHandedOver: choseAccount,
  firstNonCashPaid: 0,
  cohortThreeMonths: 0,
  stillNonCash: 0,
});

const methods = [
  m('2026-09', '19960', 'cash-point', 10, 10_000),
  m('2026-10', '19960', 'cash-point', 8, 8_000),
  m('2026-10', '19960', 'bank', 2, 2_000),
  m('2026-11', '19960', 'cash-point', 3, 3_000),
  m('2026-11', '19960', 'mobile-money', 1, 2_000),
  // Another district (Lộc An, former Phú Lộc): outside Phú Bài's scope.
  m('2026-11', '20140', 'bank', 50, 50_000),
];
const funnel = [f('19960', 12, 5), f('20140', 60, 50)];

test('key figures of the scope: people, paid, paid amount, shares without cash in people and money', () => {
  const report = monthlyReport(methods, funnel, scopeKey('commune', '19960'), '2026-11');
  expect(report.figures).toEqual({
    people: 12,
    paidLines: 4,
    paidAmount: 5_000,
    nonCashLinesTenths: 250,
    nonCashAmountTenths: 400,
  });
  expect(report.funnel.steps[1]).toMatchObject({ stage: 'choseAccount', people: 5, droppedFromPrevious: 7 });
});

test('compared with the month before and with the pilot’s first month', () => {
  const { comparison } = monthlyReport(methods, funnel, scopeKey('commune', '19960'), '2026-11');
  expect(comparison?.current).toEqual({ period: '2026-11', paidLines: 4, paidAmount: 5_000, nonCashTenths: 400 });
  expect(comparison?.previous).toEqual({ period: '2026-10', paidLines: 10, paidAmount: 10_000, nonCashTenths: 200 });
  expect(comparison?.first).toEqual({ period: '2026-09', paidLines: 10, paidAmount: 10_000, nonCashTenths: 0 });
});

test('a scope with nothing paid has no shares', () => {
  const report = monthlyReport(methods, funnel, scopeKey('commune', '19969'), '2026-11');
  expect(report.figures).toEqual({
    people: 0,
    paidLines: 0,
    paidAmount: 0,
    nonCashLinesTenths: null,
    nonCashAmountTenths: null,
  });
  expect(report.comparison?.first).toBeNull();
});
