import { expect, test } from 'vitest';
import { shareTenths } from './report-groups';
import { progressOf, qualityOf } from './report-progress';

test('progress: paid per day and cumulative, statuses with reasons, failed transfers, payers, within the scope', () => {
  const p = progressOf(
    {
      byDay: [
        { commune: '19960', day: '2026-11-05', lines: 3, amount: 1_500_000 },
        { commune: '19969', day: '2026-11-03', lines: 2, amount: 1_000_000 },
        { commune: '19960', day: '2026-11-03', lines: 1, amount: 750_000 },
        { commune: '20140', day: '2026-11-04', lines: 9, amount: 9 },
      ],
      byStatus: [
        { commune: '19960', status: 'paid', reason: null, lines: 4, amount: 2_250_000 },
        { commune: '19969', status: 'paid', reason: null, lines: 2, amount: 1_000_000 },
        { commune: '19969', status: 'transferred', reason: null, lines: 1, amount: 500_000 },
        { commune: '19960', status: 'unpaid', reason: 'absent', lines: 2, amount: 1_000_000 },
        { commune: '19969', status: 'unpaid', reason: 'absent', lines: 1, amount: 500_000 },
        { commune: '19960', status: 'due', reason: null, lines: 5, amount: 2_500_000 },
      ],
      failedTransfers: [
        { commune: '19960', lines: 1, amount: 500_000 },
        { commune: '19969', lines: 2, amount: 1_000_000 },
      ],
      homeDeliveriesByPayer: [
        { commune: '19960', payerId: 'u-2', payerName: 'Lê Văn Chi', lines: 2, amount: 1_000_000 },
        { commune: '19969', payerId: 'u-2', payerName: 'Lê Văn Chi', lines: 1, amount: 500_000 },
        { commune: '19969', payerId: 'u-1', payerName: 'Trần Thị Trả', lines: 1, amount: 750_000 },
      ],
    },
    'district:479',
  );
  expect(p.byDay).toEqual([
    { day: '2026-11-03', paid: { lines: 3, amount: 1_750_000 }, cumulative: { lines: 3, amount: 1_750_000 } },
    { day: '2026-11-05', paid: { lines: 3, amount: 1_500_000 }, cumulative: { lines: 6, amount: 3_250_000 } },
  ]);
  expect(p.byStatus).toEqual([
    { status: 'due', reason: null, lines: 5, amount: 2_500_000 },
    { status: 'paid', reason: null, lines: 6, amount: 3_250_000 },
    { status: 'transferred', reason: null, lines: 1, amount: 500_000 },
    { status: 'unpaid', reason: 'absent', lines: 3, amount: 1_500_000 },
  ]);
  expect(p.all).toEqual({ lines: 15, amount: 7_750_000 });
  expect(p.paid).toEqual({ lines: 7, amount: 3_750_000 });
  expect(p.failedTransfers).toEqual({ lines: 3, amount: 1_500_000 });
  expect(p.homeDeliveriesByPayer).toEqual([
    { payerId: 'u-1', payerName: 'Trần Thị Trả', lines: 1, amount: 750_000 },
    { payerId: 'u-2', payerName: 'Lê Văn Chi', lines: 3, amount: 1_500_000 },
  ]);
});

test('quality: ID checks by how and why not, receivers other than the person, conflicts, voids, records', () => {
  const q = qualityOf(
    {
      idChecks: [
        { commune: '19960', method: 'qr', reason: null, checks: 7 },
        { commune: '19969', method: 'qr', reason: null, checks: 3 },
        { commune: '19960', method: 'not-possible', reason: 'no-card', checks: 2 },
        { commune: '20140', method: 'manual', reason: null, checks: 4 },
      ],
      receivers: [
        { commune: '19960', kind: 'self', lines: 5 },
        { commune: '19960', kind: 'guardian', lines: 1 },
        { commune: '19969', kind: 'authorized', lines: 2 },
      ],
      disputes: [
        { commune: '19960', conflicts: 1, voids: 2 },
        { commune: '20140', conflicts: 5, voids: 5 },
      ],
      records: [
        { commune: '19960', people: 120, badIdNumber: 3, noIdNumber: 2, badPhone: 7 },
        { commune: '19969', people: 80, badIdNumber: 1, noIdNumber: 0, badPhone: 4 },
        { commune: '20140', people: 300, badIdNumber: 9, noIdNumber: 9, badPhone: 9 },
      ],
    },
    'province:46',
  );
  expect(q.idChecks).toEqual([
    { method: 'manual', reason: null, checks: 4 },
    { method: 'not-possible', reason: 'no-card', checks: 2 },
    { method: 'qr', reason: null, checks: 10 },
  ]);
  expect(q.notSelf).toEqual({ num: 3, den: 8 });
  expect(shareTenths(q.notSelf)).toBe(375);
  expect([q.conflicts, q.voids]).toEqual([6, 7]);
  expect(q.records).toEqual({ people: 500, badIdNumber: 13, noIdNumber: 11, badPhone: 20 });
});

test('quality: records failing checks summed over a former district only', () => {
  const q = qualityOf(
    {
      idChecks: [],
      receivers: [],
      disputes: [],
      records: [
        { commune: '19960', people: 120, badIdNumber: 3, noIdNumber: 2, badPhone: 7 },
        { commune: '19969', people: 80, badIdNumber: 1, noIdNumber: 0, badPhone: 4 },
        { commune: '20140', people: 300, badIdNumber: 9, noIdNumber: 9, badPhone: 9 },
      ],
    },
    'district:479',
  );
  expect(q.records).toEqual({ people: 200, badIdNumber: 4, noIdNumber: 2, badPhone: 11 });
});
