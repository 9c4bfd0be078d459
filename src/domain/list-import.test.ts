import { describe, expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import { prepareList, sourceKeyOf } from './list-import';

const cell = (t: string): ListCell => ({ text: t, value: t === '' ? null : t, kind: t === '' ? 'empty' : 'string' });
const context = { month: '2026-11', provinceCode: '46' };

describe('prepareList', () => {
  test('a name column typed in TCVN3 (.VnTime) is read in Unicode; the other columns are left as they are', () => {
    const sheet = [
      ['STT', 'Hä vµ tªn', 'N¨m sinh', 'Møc trî cÊp'],
      ['1', 'NguyÔn V¨n B×nh', '1940', '750.000'],
      ['2', 'TrÇn ThÞ Hoa', '1952', '750.000'],
      ['3', 'Lª V¨n T¸m', '1948', '750.000'],
    ].map((r) => r.map(cell));
    const prepared = prepareList(sheet, context);
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.value.rows.map((r) => r.fullName)).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Tám']);
    expect(prepared.value.encodings).toEqual(['unicode', 'tcvn3', 'tcvn3', 'tcvn3']);
    expect(prepared.value.findings).toEqual([]);
  });

  test('a sheet of 200,000 rows (the reader’s limit), every one the same person, is read to the end', () => {
    // Spreading the rows or the findings as call arguments overflowed the stack at about 125,000.
    const person = ['BT-01', 'Trần Thị Hoa', '1952', '750.000'].map(cell);
    const sheet = [
      ['Mã đối tượng', 'Họ và tên', 'Năm sinh', 'Mức trợ cấp'].map(cell),
      ...Array.from({ length: 200_000 }, () => person),
    ];
    const prepared = prepareList(sheet, context);
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.value.rows).toHaveLength(200_000);
    expect(prepared.value.findings.filter((f) => f.code === 'duplicate-person').length).toBeGreaterThan(100_000);
  });

  test('a mapping a user fixed for this source wins over what the headers say', () => {
    const sheet = [
      ['Họ và tên', 'Năm sinh', 'Mức trợ cấp', 'Tiền tháng này (đã làm tròn)'],
      ['Trần Thị Hoa', '1952', '700.000', '750.000'],
    ].map((r) => r.map(cell));
    const first = prepareList(sheet, context);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.rows[0]?.monthlyAmount).toBe(700_000);
    const key = sourceKeyOf(first.value.mapping);
    const fixed = prepareList(sheet, context, (k) => (k === key ? { monthlyAmount: 'D' } : undefined));
    if (!fixed.ok) throw new Error(fixed.error);
    expect(fixed.value.rows[0]?.monthlyAmount).toBe(750_000);
    // Column C, no longer the amount, is kept under its header.
    expect(fixed.value.rows[0]?.extra).toEqual({ 'Mức trợ cấp': '700.000' });
  });

  test('a sheet without a header row is not a list', () => {
    expect(prepareList([[cell('Ghi chú')], [cell('...')]], context)).toEqual({ ok: false, error: 'no-header-row' });
  });
});
