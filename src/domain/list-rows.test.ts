import { describe, expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import { findColumns } from './list-columns';
import { readListRows } from './list-rows';

const cell = (t: string): ListCell => ({ text: t, value: t === '' ? null : t, kind: t === '' ? 'empty' : 'string' });
const sheet = (rows: string[][]) => rows.map((r) => r.map(cell));
const context = { month: '2026-11', provinceCode: '46' };

const header = [
  'STT',
  'Mã đối tượng',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Nhóm đối tượng',
  'Hệ số',
  'Mức trợ cấp',
  'Truy lĩnh',
  'Tổng cộng',
  'Hình thức nhận',
  'Dân tộc',
];
const read = (rows: string[][]) => {
  const grid = sheet([header, ...rows]);
  const mapping = findColumns(grid.map((r) => r.map((c) => c.text)));
  if (!mapping) throw new Error('no header');
  return readListRows(grid, mapping, context);
};

describe('readListRows', () => {
  test('a clean row becomes a person, with its numbers, its unmapped columns kept', () => {
    const { rows, findings } = read([
      [
        '1',
        'BT-01',
        'Trần Thị Hoa',
        '12/03/1952',
        'Nữ',
        '046152999001',
        'Khoản 6',
        '',
        '750.000',
        '250.000',
        '1.000.000',
        'Tiền mặt',
        'Kinh',
      ],
    ]);
    expect(findings).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'BT-01',
        fullName: 'Trần Thị Hoa',
        birthDate: '1952-03-12',
        gender: 'female',
        idNumber: '046152999001',
        category: 'k6',
        monthlyAmount: 750_000,
        arrearsAmount: 250_000,
        total: 1_000_000,
        paymentMethod: 'cash-point',
        extra: { 'Dân tộc': 'Kinh' },
      }),
    ]);
  });

  test('findings say the row and the column as the spreadsheet shows them', () => {
    const { findings } = read([
      ['1', 'BT-01', 'Trần Thị Hoa', '12/03/1952', 'Nữ', '046152999001', 'k6', '', '750.000', '', '750.000', '', ''],
      ['2', 'BT-02', 'Lê Văn Tư', '1950', 'Nam', '046152999001', 'k6', '', '750.000', '', '800.000', 'Chim bồ câu', ''],
      ['3', 'BT-03', 'Lê Văn Ba', '31/02/1952', 'Nam', '', 'k6', '', '750.000', '', '', '', ''],
    ]);
    expect(findings).toEqual(
      expect.arrayContaining([
        { row: 4, column: 'D', field: 'birthDate', code: 'not-a-real-date', severity: 'error' },
        // The ID number says a woman born in 1952; the row says a man born in 1950.
        { row: 3, column: 'F', field: 'idNumber', code: 'id-gender-mismatch', severity: 'error' },
        { row: 3, column: 'F', field: 'idNumber', code: 'id-birth-year-mismatch', severity: 'error' },
        { row: 3, column: 'K', field: 'total', code: 'total-mismatch', severity: 'error' },
        { row: 3, column: 'L', field: 'paymentMethod', code: 'unknown-method', severity: 'error' },
        // The same ID number twice in one file.
        { row: 3, column: 'F', field: 'idNumber', code: 'duplicate-person', severity: 'error' },
      ]),
    );
  });

  test('a coefficient must give the amount at the month’s standard; a group is checked as a warning', () => {
    const { findings } = read([
      ['1', 'A', 'Trần Thị Hoa', '1952', 'Nữ', '', '', '1,5', '700.000', '', '', '', ''],
      ['2', 'B', 'Lê Văn Tư', '1950', 'Nam', '', 'k5a', '', '900.000', '', '', '', ''],
      ['3', 'C', 'Lê Văn Ba', '1950', 'Nam', '', 'k5a', '', '750.000', '', '', '', ''],
    ]);
    expect(findings).toEqual([
      { row: 2, column: 'I', field: 'monthlyAmount', code: 'amount-not-coefficient', severity: 'error' },
      { row: 3, column: 'I', field: 'monthlyAmount', code: 'amount-differs-from-rule', severity: 'warning' },
    ]);
  });

  test('totals, column-number and blank rows are not people', () => {
    const { rows, findings } = read([
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)'],
      ['1', 'A', 'Trần Thị Hoa', '1952', 'Nữ', '', '', '', '750.000', '', '', '', ''],
      ['', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['', '', 'Tổng cộng', '', '', '', '', '', '750.000', '', '', '', ''],
    ]);
    expect(rows.map((r) => r.fullName)).toEqual(['Trần Thị Hoa']);
    expect(findings).toEqual([]);
  });

  test('a list without a name, birth date or amount column says which one is missing', () => {
    const grid = sheet([
      ['Họ và tên', 'Ngày sinh', 'Số CCCD'],
      ['Trần Thị Hoa', '1952', ''],
    ]);
    const mapping = findColumns(grid.map((r) => r.map((c) => c.text)));
    if (!mapping) throw new Error('no header');
    expect(readListRows(grid, mapping, context).findings).toEqual([
      { row: null, column: null, field: 'monthlyAmount', code: 'missing-column', severity: 'error' },
    ]);
  });
});
