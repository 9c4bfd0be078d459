/**
 * A report table as an `.xlsx` workbook, with the library the server's list exports use
 * (`@e965/xlsx`, SheetJS): loaded only when someone exports. Counts and đồng are numbers, shares
 * are fractions formatted as percentages, so a spreadsheet can add them up again.
 */
import { downloadFile } from '../../ui/download';
import type { TableData } from './report-table';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function tableWorkbook(table: TableData): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const header = table.columns.map((c) => c.label);
  const rows = table.rows.map((row) =>
    row.map((cell, i) => (table.columns[i]?.kind === 'share' && typeof cell === 'number' ? cell / 1000 : cell)),
  );
  const sheet = XLSX.utils.aoa_to_sheet([[table.caption], header, ...rows]);
  table.columns.forEach((column, c) => {
    if (column.kind === 'text') return;
    for (let r = 0; r < rows.length; r++) {
      const cell = sheet[XLSX.utils.encode_cell({ r: r + 2, c })] as { t: string; z?: string } | undefined;
      if (cell?.t === 'n') cell.z = column.kind === 'share' ? '0.0%' : '#,##0';
    }
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Báo cáo');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export async function exportTable(table: TableData): Promise<void> {
  const bytes = await tableWorkbook(table);
  downloadFile(`${table.fileName}.xlsx`, bytes as Uint8Array<ArrayBuffer>, XLSX_TYPE);
}
