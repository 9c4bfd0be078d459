import fc from 'fast-check';
import { expect, test } from 'vitest';
import { balances, reconcile, type ResultRow, type SentLine } from './batch-reconcile';

const sent: SentLine[] = [
  { lineId: 'l-an', reference: 'B1-0001', accountNumber: '1903 6543 2100', amount: 750_000 },
  { lineId: 'l-binh', reference: 'B1-0002', accountNumber: '1903654321', amount: 1_000_000 },
  { lineId: 'l-cuc', reference: 'B1-0003', accountNumber: '0987654321', amount: 600_000 },
  { lineId: 'l-dao', reference: 'B1-0004', accountNumber: '0912345678', amount: 500_000 },
];
const row = (n: number, patch: Partial<ResultRow>): ResultRow => ({
  row: n,
  reference: null,
  accountNumber: null,
  amount: 0,
  state: 'paid',
  reason: null,
  providerReference: null,
  ...patch,
});

test('matched by reference, else account and amount; the rest is shown, never applied', () => {
  const result = reconcile(sent, [
    row(2, { reference: 'B1-0001', amount: 750_000 }),
    row(3, { accountNumber: '1903654321', amount: 1_000_000, state: 'failed', reason: 'Tài khoản đã đóng' }),
    row(4, { reference: 'B1-0001', amount: 750_000 }),
    row(5, { reference: 'B1-0003', amount: 650_000 }),
    row(6, { reference: 'B9-9999', accountNumber: '111', amount: 1 }),
  ]);
  expect(result.lines.map((l) => [l.lineId, l.state, l.row])).toEqual([
    ['l-an', 'paid', 2],
    ['l-binh', 'failed', 3],
    ['l-cuc', 'waiting', null],
    ['l-dao', 'waiting', null],
  ]);
  expect(result.lines[1]?.reason).toBe('Tài khoản đã đóng');
  expect(result.findings).toEqual([
    { row: 4, code: 'duplicate', lineId: 'l-an' },
    { row: 5, code: 'amount-differs', lineId: 'l-cuc', expected: 600_000 },
    { row: 6, code: 'unmatched' },
  ]);
  expect(result.balance).toEqual({
    sent: { lines: 4, amount: 2_850_000 },
    paid: { lines: 1, amount: 750_000 },
    failed: { lines: 1, amount: 1_000_000 },
    waiting: { lines: 2, amount: 1_100_000 },
  });
  expect(balances(result.balance)).toBe(true);
});

test('a reference this batch lacks is never matched by account: last month’s file applies nothing', () => {
  const result = reconcile(sent, [row(2, { reference: 'B0-0001', accountNumber: '1903 6543 2100', amount: 750_000 })]);
  expect(result.findings).toEqual([{ row: 2, code: 'unmatched' }]);
  expect(result.lines.every((l) => l.state === 'waiting')).toBe(true);
});

test('rows that disagree about a line leave it waiting; a status neither paid nor failed is shown', () => {
  const result = reconcile(sent, [
    row(2, { reference: 'B1-0001', amount: 750_000, state: 'failed' }),
    row(3, { reference: 'B1-0001', amount: 750_000, state: 'paid' }),
    row(4, { reference: 'B1-0001', amount: 750_000, state: 'paid' }),
    row(5, { reference: 'B1-0002', amount: 1_000_000, state: 'unknown' }),
  ]);
  expect(result.lines.map((l) => l.state)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
  expect(result.findings).toEqual([
    { row: 2, code: 'contradicting', lineId: 'l-an' },
    { row: 3, code: 'contradicting', lineId: 'l-an' },
    { row: 4, code: 'contradicting', lineId: 'l-an' },
    { row: 5, code: 'status-unknown', lineId: 'l-binh' },
  ]);
});

test('an account and amount two lines share identifies neither', () => {
  const twins: SentLine[] = [
    { lineId: 'a', reference: 'R1', accountNumber: '0987654321', amount: 500_000 },
    { lineId: 'b', reference: 'R2', accountNumber: '0987654321', amount: 500_000 },
  ];
  const result = reconcile(twins, [row(2, { accountNumber: '0987654321', amount: 500_000 })]);
  expect(result.findings).toEqual([{ row: 2, code: 'unmatched' }]);
  expect(result.lines.map((l) => l.state)).toEqual(['waiting', 'waiting']);
});

test('property: whatever the results, every line ends in one state and the money balances', () => {
  const lines = fc.uniqueArray(
    fc.record({
      lineId: fc.string({ minLength: 1, maxLength: 6 }),
      reference: fc.string({ minLength: 1, maxLength: 6 }),
      accountNumber: fc.stringMatching(/^\d{8,12}$/),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
    }),
    { selector: (l) => l.lineId, maxLength: 30 },
  );
  fc.assert(
    fc.property(
      lines.chain((ls) =>
        fc.tuple(
          fc.constant(ls),
          fc.array(
            fc.record({
              row: fc.nat(),
              reference: fc.option(fc.oneof(fc.constantFrom(...ls.map((l) => l.reference), 'x'), fc.string()), {
                nil: null,
              }),
              accountNumber: fc.option(fc.constantFrom(...ls.map((l) => l.accountNumber), '0'), { nil: null }),
              amount: fc.oneof(fc.constantFrom(...ls.map((l) => l.amount), 1), fc.integer({ min: 1, max: 10 ** 7 })),
              state: fc.constantFrom('paid' as const, 'failed' as const, 'unknown' as const),
              reason: fc.constant(null),
              providerReference: fc.constant(null),
            }),
            { maxLength: 40 },
          ),
        ),
      ),
      ([ls, results]) => {
        const r = reconcile(ls, results);
        expect(r.lines.map((l) => l.lineId)).toEqual(ls.map((l) => l.lineId));
        expect(balances(r.balance)).toBe(true);
        // Each result row is either applied to one line or shown as a finding.
        const applied = r.lines.filter((l) => l.row !== null).length;
        expect(applied + r.findings.length).toBe(results.length);
      },
    ),
    { numRuns: 300 },
  );
});
