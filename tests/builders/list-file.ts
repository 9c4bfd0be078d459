/**
 * A commune's monthly list as an `.xlsx` (or legacy `.xls`) like MIS or a spreadsheet kept beside
 * it gives it: title rows, a two-row merged header, the people, and a totals row.
 */
import * as XLSX from '@e965/xlsx';

/** The two header rows: "Chưa trả tháng trước" is a merged parent of "Số tháng" and "Số tiền". */
export const LIST_HEADER_ROWS: readonly (string | null)[][] = [
  [
    'STT',
    'Mã đối tượng',
    'Họ và tên',
    'Năm sinh',
    'Số CCCD',
    'Tiền trợ cấp tháng này',
    'Chưa trả tháng trước',
    null,
    'Tổng số tiền trợ cấp',
    'Giới tính',
    'Nhóm đối tượng',
  ],
  [null, null, null, null, null, null, 'Số tháng', 'Số tiền', null, null, null],
];

/** The title rows across the sheet, the parent header, and the columns spanning both header rows. */
export const LIST_MERGES: readonly string[] = [
  'A1:K1',
  'A2:K2',
  'G3:H3',
  'A3:A4',
  'B3:B4',
  'C3:C4',
  'D3:D4',
  'E3:E4',
  'F3:F4',
  'I3:I4',
  'J3:J4',
  'K3:K4',
];

export function listFile(
  people: (string | number)[][],
  options: { bookType?: 'xlsx' | 'biff8' } = {},
): Uint8Array<ArrayBuffer> {
  const ws = XLSX.utils.aoa_to_sheet([
    ['UBND PHƯỜNG PHÚ BÀI'],
    ['DANH SÁCH CHI TRẢ TRỢ CẤP HÀNG THÁNG - Tháng 12 năm 2026'],
    ...LIST_HEADER_ROWS,
    ...people,
    [null, null, 'Tổng cộng', null, null, null, null, null, people.reduce((sum, p) => sum + Number(p[8] ?? 0), 0)],
  ]);
  ws['!merges'] = LIST_MERGES.map((r) => XLSX.utils.decode_range(r));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Tháng 12');
  return new Uint8Array(XLSX.write(wb, { bookType: options.bookType ?? 'xlsx', type: 'array' }) as ArrayBuffer);
}
