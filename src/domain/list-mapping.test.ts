import { describe, expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import { findColumns } from './list-columns';
import { checkMapping, describeColumns } from './list-mapping';

const cellOf = (t: string): ListCell => ({ text: t, value: t === '' ? null : t, kind: t === '' ? 'empty' : 'string' });

describe('describeColumns', () => {
  test('each column with its letter, header, field and up to three non-empty samples', () => {
    const grid = [
      ['DANH SÁCH CHI TRẢ', '', '', ''],
      ['Họ và tên', 'Ngày sinh', 'Mức trợ cấp', 'Ghi chú riêng'],
      ['Trần Thị Hoa', '1952', '750000', ''],
      ['Nguyễn Văn Bình', '1940', '1000000', 'ốm'],
      ['Lê Thị Cúc', '1945', '600000', ''],
      ['Phùng Thị Mận', '1950', '500000', ''],
    ];
    const mapping = findColumns(grid) ?? expect.unreachable('a header row');
    const cells = grid.map((r) => r.map((text) => cellOf(text)));
    expect(describeColumns(cells, mapping)).toEqual([
      {
        letter: 'A',
        header: 'Họ và tên',
        field: 'fullName',
        samples: ['Trần Thị Hoa', 'Nguyễn Văn Bình', 'Lê Thị Cúc'],
      },
      { letter: 'B', header: 'Ngày sinh', field: 'birthDate', samples: ['1952', '1940', '1945'] },
      { letter: 'C', header: 'Mức trợ cấp', field: 'monthlyAmount', samples: ['750000', '1000000', '600000'] },
      { letter: 'D', header: 'Ghi chú riêng', field: 'note', samples: ['ốm'] },
    ]);
  });
});

describe('checkMapping', () => {
  test('letters are upper-cased and kept per field', () => {
    expect(checkMapping({ fullName: 'b', birthDate: ' C ', monthlyAmount: 'AA' })).toEqual({
      ok: true,
      value: { fullName: 'B', birthDate: 'C', monthlyAmount: 'AA' },
    });
  });

  test('an unknown field, a letter that is no column, or one column for two fields is refused', () => {
    expect(checkMapping({ fullName: 'B', nickname: 'C', birthDate: '3', monthlyAmount: 'b' })).toEqual({
      ok: false,
      error: [
        { code: 'unknown-field', field: 'nickname' },
        { code: 'bad-letter', field: 'birthDate', letter: '3' },
        { code: 'column-twice', letter: 'B', fields: ['fullName', 'monthlyAmount'] },
      ],
    });
  });
});
