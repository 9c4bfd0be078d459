import { describe, expect, test } from 'vitest';
import { columnLetter, fieldOfHeader, findColumns } from './list-columns';

describe('fieldOfHeader', () => {
  test.each([
    ['Họ và tên', 'fullName'],
    ['HỌ TÊN', 'fullName'],
    ['Ho va ten', 'fullName'],
    ['Họ và tên đối tượng (ghi rõ)', 'fullName'],
    ['Số CCCD', 'idNumber'],
    ['Số định danh', 'idNumber'],
    ['CMND/CCCD', 'idNumber'],
    ['Số CMND', 'oldIdNumber'],
    ['Mức trợ cấp', 'monthlyAmount'],
    ['Mức hưởng', 'monthlyAmount'],
    ['Tiền trợ cấp tháng này', 'monthlyAmount'],
    ['Năm sinh', 'birthDate'],
    ['Ngày, tháng, năm sinh', 'birthDate'],
    ['Thôn/Tổ', 'village'],
    ['Chưa trả tháng trước Số tháng', 'arrearsMonths'],
    ['Chưa trả tháng trước Số tiền', 'arrearsAmount'],
    ['Tổng số tiền trợ cấp', 'total'],
    ['Hệ số', 'coefficient'],
    ['Hình thức nhận', 'paymentMethod'],
    ['Số quyết định hưởng', 'decisionNo'],
    ['Mã đối tượng', 'code'],
    ['Ghi chú', 'note'],
  ])('%s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  test.each(['STT', 'Ký nhận', '', 'Dân tộc', 'DANH SÁCH CHI TRẢ TRỢ CẤP HÀNG THÁNG'])('%j is kept unmapped', (h) => {
    expect(fieldOfHeader(h)).toBeNull();
  });
});

describe('findColumns', () => {
  test('finds the header below title rows, reading a merged parent header with the row below', () => {
    const title = 'DANH SÁCH CHI TRẢ TRỢ CẤP HÀNG THÁNG';
    const rows = [
      ['UBND PHƯỜNG PHÚ BÀI', '', '', '', '', '', '', ''],
      [title, title, title, title, title, title, title, title],
      [
        'STT',
        'Họ tên',
        'Năm sinh',
        'Tiền trợ cấp tháng này',
        'Chưa trả tháng trước',
        'Chưa trả tháng trước',
        'Tổng số tiền trợ cấp',
        'Dân tộc',
      ],
      ['STT', 'Họ tên', 'Năm sinh', 'Tiền trợ cấp tháng này', 'Số tháng', 'Số tiền', 'Tổng số tiền trợ cấp', 'Dân tộc'],
      ['1', 'Nguyễn Văn Bình', '1940', '750000', '', '', '750000', 'Kinh'],
    ];
    const mapping = findColumns(rows);
    expect(mapping?.headerRow).toBe(3);
    expect(mapping?.fields).toEqual({
      fullName: 1,
      birthDate: 2,
      monthlyAmount: 3,
      arrearsMonths: 4,
      arrearsAmount: 5,
      total: 6,
    });
    // The unmapped column keeps its header.
    expect(mapping?.headers[7]).toBe('Dân tộc');
  });

  test('a one-row header is not joined with the data below it', () => {
    const rows = [
      ['Họ và tên', 'Ngày sinh', 'Mức hưởng', 'Số CCCD'],
      ['Trần Thị Hoa', '12/03/1952', '750.000', '046152999001'],
    ];
    expect(findColumns(rows)).toMatchObject({
      headerRow: 0,
      fields: { fullName: 0, birthDate: 1, monthlyAmount: 2, idNumber: 3 },
    });
  });

  test('a sheet without a header naming the person is not a list', () => {
    expect(
      findColumns([
        ['Mã', 'Số tiền'],
        ['1', '2'],
      ]),
    ).toBeNull();
  });
});

test('column letters as a spreadsheet shows them', () => {
  expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
    'A',
    'B',
    'Z',
    'AA',
    'AB',
    'AZ',
    'BA',
    'ZZ',
    'AAA',
  ]);
});
