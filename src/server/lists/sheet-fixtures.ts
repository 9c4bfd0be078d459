/**
 * Workbooks the list reader's tests read (read-sheet.test.ts, read-xlsx-stream.test.ts), made by the
 * spreadsheet library itself: no binary files (docs/protocol.md "Lists", step 3).
 */
import * as XLSX from '@e965/xlsx';

export const TITLE = 'DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG 5/2024';
export const ARREARS = 'Chưa trả tháng trước';

/**
 * A commune's list: two title rows, a two-row header whose "Chưa trả tháng trước" is merged over
 * "Số tháng" / "Số tiền", two people, an empty row, a totals row with a formula, a date-formatted
 * serial, a #DIV/0! formula, a formatted amount and a TRUE.
 */
export function communeList(): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([
    [TITLE],
    ['Xã Lộc An, huyện Phú Lộc'],
    ['STT', 'Họ và tên', 'Ngày sinh', 'Mức trợ cấp', ARREARS, null, 'Ghi chú'],
    [null, null, null, null, 'Số tháng', 'Số tiền'],
    [1, 'Nguyễn Văn An', 19500, 500000, 1, 500000],
    [2, 'Trần Thị Bình', 20000, 750000, 0, 0, true],
    [],
    ['Tổng cộng', null, null, 1250000, null, 500000],
  ]);
  const cell = (ref: string): XLSX.CellObject => ws[ref] as XLSX.CellObject;
  cell('C5').z = 'dd/mm/yyyy';
  cell('C6').z = 'm/d/yy'; // Excel's built-in short date (14): shown day first, as a Vietnamese Excel does
  cell('D5').z = '#,##0';
  ws['D8'] = { t: 'n', v: 1250000, f: 'SUM(D5:D6)' };
  ws['G5'] = { t: 'e', v: 0x07, f: 'D5/E6' };
  ws['!merges'] = ['A1:G1', 'E3:F3', 'A3:A4'].map((r) => XLSX.utils.decode_range(r));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'DS tháng 5');
  return wb;
}

export const write = (wb: XLSX.WorkBook, bookType: 'xlsx' | 'biff8'): Buffer =>
  XLSX.write(wb, { bookType, type: 'buffer' }) as Buffer;

/** 400 copies of one 100 × 100 merge: each copy would be expanded over the same 10,000 cells. */
export function stackedMerges(): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet([['Tiêu đề']]);
  ws['!merges'] = Array.from({ length: 400 }, () => XLSX.utils.decode_range('A1:CV100'));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  return wb;
}

export function oneEmptySheet(): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Trống');
  return wb;
}

/** A hidden sheet with data first, an empty one, then the list after an empty first row. */
export function hiddenFirstSheet(): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['bảng tính ẩn']]), 'Ẩn');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Trống');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[null], ['STT', 'Họ và tên']]), 'DS');
  wb.Workbook = { Sheets: [{ name: 'Ẩn', Hidden: 1 }, { name: 'Trống' }, { name: 'DS' }] };
  return wb;
}

/** One date in a workbook of the 1904 date system. */
export function book1904(): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[{ t: 'n', v: 18038, z: 'dd/mm/yyyy' }]]), 'S');
  wb.Workbook = { WBProps: { date1904: true } };
  return wb;
}
