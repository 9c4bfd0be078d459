import { expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import { exportRows } from './list-export';
import { mappingLetters, prepareList } from './list-import';

const cellOf = (v: string | number | null): ListCell =>
  typeof v === 'number'
    ? { text: String(v), value: v, kind: 'number' }
    : { text: v ?? '', value: v === '' ? null : v, kind: v === null || v === '' ? 'empty' : 'string' };
const context = { month: '2026-12', provinceCode: '46' };

const headers = [
  'STT',
  'Mã đối tượng',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Nhóm đối tượng',
  'Mức độ khuyết tật',
  'Hệ số',
  'Mức trợ cấp',
  'Truy lĩnh số tháng',
  'Truy lĩnh số tiền',
  'Tổng số tiền',
  'Hình thức nhận',
  'Hưởng từ tháng',
  'Xác nhận của thôn',
];
const people: (string | number)[][] = [
  [
    1,
    'BT-01',
    'Trần Thị Hoa',
    '05/03/1952',
    'Nữ',
    '046152999001',
    'k5b',
    '',
    1.5,
    750000,
    0,
    0,
    750000,
    'tiền mặt',
    '07/2021',
    'đã xác minh',
  ],
  [
    2,
    'BT-02',
    'Nguyễn Văn Bình',
    '1940',
    'Nam',
    '',
    'Khoản 6',
    'đặc biệt nặng',
    2.5,
    1250000,
    1,
    1250000,
    2500000,
    'chuyển khoản',
    '',
    '',
  ],
];

test('an exported list reads back as the same people, unmapped columns kept, rows renumbered', () => {
  const sheet = [['DANH SÁCH CHI TRẢ'], headers, ...people].map((r) => r.map(cellOf));
  const first = prepareList(sheet, context);
  if (!first.ok) throw new Error(first.error);
  expect(first.value.findings.filter((f) => f.severity === 'error')).toEqual([]);

  const exported = exportRows(first.value.mapping.headers, mappingLetters(first.value.mapping), first.value.rows);
  expect(exported[0]).toEqual(headers);
  expect(exported[1]).toEqual([
    1,
    'BT-01',
    'Trần Thị Hoa',
    '05/03/1952',
    'Nữ',
    '046152999001',
    'Khoản 5 điểm b',
    null,
    1.5,
    750000,
    0,
    0,
    750000,
    'Tiền mặt tại điểm chi trả',
    '07/2021',
    'đã xác minh',
  ]);
  const again = prepareList(
    exported.map((r) => r.map(cellOf)),
    context,
  );
  if (!again.ok) throw new Error(again.error);
  const withoutRow = (rows: typeof first.value.rows) => rows.map(({ row: _row, ...rest }) => rest);
  expect(withoutRow(again.value.rows)).toEqual(withoutRow(first.value.rows));
});
