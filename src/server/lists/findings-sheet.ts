/**
 * The findings file (issue 11): the list as it was read, with one more column saying, on each
 * row, what the check found there (Vietnamese, severity and column), and the findings of the whole
 * file on the header row. The user fixes the file with it and uploads it again.
 */
import * as XLSX from '@e965/xlsx';
import type { WireFinding } from '../../protocol/lists';
import type { Grid } from './sheet-types';

export const FINDINGS_HEADER = 'Kết quả kiểm tra';

function describe(f: WireFinding): string {
  const severity = f.severity === 'error' ? 'Lỗi' : 'Lưu ý';
  return `${severity}${f.column ? ` (cột ${f.column})` : ''}: ${f.message}`;
}

/** `headerRow` is the spreadsheet's row number of the (last) header row, or null when none was found. */
export function findingsSheet(grid: Grid, findings: readonly WireFinding[], headerRow: number | null): Uint8Array {
  const byRow = new Map<number, string[]>();
  const wholeFile: string[] = [];
  for (const f of findings) {
    if (f.row === null) wholeFile.push(describe(f));
    else byRow.set(f.row, [...(byRow.get(f.row) ?? []), describe(f)]);
  }
  const headerIndex = (headerRow ?? 1) - 1;
  const aoa = grid.rows.map((cells, index) => {
    const values = cells.map((c) => (c.kind === 'number' ? c.value : c.text));
    const header = [FINDINGS_HEADER, ...wholeFile.map((w) => `Cả tệp — ${w}`)].join('\n');
    const note = index === headerIndex ? header : (byRow.get(index + 1) ?? []).join('\n');
    return [...values, note];
  });
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!merges'] = grid.merges.map((m) => XLSX.utils.decode_range(m.ref));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, grid.sheetName.slice(0, 31) || 'Danh sách');
  return new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
}
