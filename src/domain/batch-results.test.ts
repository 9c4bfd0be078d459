import { describe, expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import { guessResultMapping, mappingGaps, readResultRows } from './batch-results';

const cell = (value: string | number): ListCell =>
  typeof value === 'number'
    ? { text: String(value), value, kind: 'number' }
    : { text: value, value: value === '' ? null : value, kind: value === '' ? 'empty' : 'string' };
const grid = (rows: (string | number)[][]) => rows.map((r) => r.map(cell));

describe('result files', () => {
  const headers = ['STT', 'Mã tham chiếu', 'Số tài khoản', 'Số tiền', 'Trạng thái', 'Lý do', 'Mã ngân hàng'];

  test('the bank’s own reference is not taken as ours, whichever comes first', () => {
    const mapping = guessResultMapping(['Mã tham chiếu ngân hàng', 'Mã tham chiếu', 'Số tiền', 'Trạng thái']);
    expect(mapping.columns).toMatchObject({ reference: 'Mã tham chiếu', providerReference: 'Mã tham chiếu ngân hàng' });
  });

  test('the usual headers are guessed; the provider’s own reference is not taken as ours', () => {
    const mapping = guessResultMapping(headers);
    expect(mapping.columns).toEqual({
      reference: 'Mã tham chiếu',
      accountNumber: 'Số tài khoản',
      amount: 'Số tiền',
      status: 'Trạng thái',
      reason: 'Lý do',
      providerReference: 'Mã ngân hàng',
    });
    expect(mappingGaps(mapping, headers)).toEqual([]);
    expect(mappingGaps(guessResultMapping(['A', 'B']), ['A', 'B'])).toEqual([
      'status',
      'amount',
      'reference-or-account',
    ]);
  });

  test('rows read by the mapping: paid by its status values (folded), the rest failed with the reason', () => {
    const rows = grid([
      headers,
      [1, 'R-1', '4000111', 750_000, 'Thành công', '', 'NH1'],
      [2, 'R-2', '4000222', 1_080_000, 'Thất bại', 'Tài khoản đã đóng', 'NH2'],
      [3, 'R-3', '4000333', 'mười nghìn', 'THANH CONG', '', ''],
      ['', '', '', '', '', '', ''],
      ['Tổng cộng', '', '', 1_830_000, '', '', ''],
      [4, 'R-4', '4000444', 500_000, 'Đang xử lý', '', ''],
      [5, 'R-5\u0000', '4000555', '1,500,000.00', 'LỖI', '', ''],
    ]);
    const { results, unreadable } = readResultRows(rows, guessResultMapping(headers), 2);
    expect(results).toEqual([
      {
        row: 3,
        reference: 'R-1',
        accountNumber: '4000111',
        amount: 750_000,
        state: 'paid',
        reason: null,
        providerReference: 'NH1',
      },
      {
        row: 4,
        reference: 'R-2',
        accountNumber: '4000222',
        amount: 1_080_000,
        state: 'failed',
        reason: 'Tài khoản đã đóng',
        providerReference: 'NH2',
      },
      // Neither paid nor failed: shown, never applied (the status is its reason).
      {
        row: 8,
        reference: 'R-4',
        accountNumber: '4000444',
        amount: 500_000,
        state: 'unknown',
        reason: 'Đang xử lý',
        providerReference: null,
      },
      // A bank's "1,500,000.00"; a NUL in a cell never reaches the database.
      {
        row: 9,
        reference: 'R-5',
        accountNumber: '4000555',
        amount: 1_500_000,
        state: 'failed',
        reason: 'LỖI',
        providerReference: null,
      },
    ]);
    expect(unreadable).toEqual([{ row: 5, code: 'unreadable' }]);
  });
});
