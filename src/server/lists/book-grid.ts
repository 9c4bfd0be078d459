/**
 * A workbook the library parsed whole, made a grid (docs/protocol.md "Lists", step 3): the sheet
 * asked for, or the first visible sheet with data (then hidden ones), its cells converted.
 */
import type * as XLSX from '@e965/xlsx';
import { err, type Result } from '../../lib/result';
import { blank, toCell } from './sheet-cells';
import { gridOf } from './sheet-grid';
import type { Cell, Grid, Run, SheetError, SheetFormat } from './sheet-types';

export function bookGrid(
  book: XLSX.WorkBook,
  format: SheetFormat,
  wanted: string | undefined,
  run: Run,
): Result<Grid, SheetError> {
  const names = book.SheetNames;
  let name: string | undefined;
  if (wanted !== undefined) {
    if (!names.includes(wanted)) return err('no-such-sheet');
    name = wanted;
  } else {
    const visible = (n: string) => !book.Workbook?.Sheets?.[names.indexOf(n)]?.Hidden;
    const order = [...names.filter(visible), ...names.filter((n) => !visible(n))];
    name = order.find((n) => (book.Sheets[n]?.['!data'] ?? []).some((row) => row?.some((c) => !blank(c))));
  }
  return name === undefined ? err('empty') : bookSheetGrid(book, format, name, run);
}

/** One sheet of the workbook, by name, made a grid. */
export function bookSheetGrid(
  book: XLSX.WorkBook,
  format: SheetFormat,
  name: string,
  run: Run,
): Result<Grid, SheetError> {
  const names = book.SheetNames;
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const sheet = book.Sheets[name];
  if (!sheet) return err('empty');
  // The library stopped at maxRows + 1 rows because the sheet's dimension says it has more.
  if (sheet['!fullref']) return err('too-many-rows');

  const data: (XLSX.CellObject[] | undefined)[] = sheet['!data'] ?? [];
  const rows: (Cell[] | undefined)[] = [];
  for (let r = 0; r < data.length; r++) {
    if (r % 4096 === 0 && run.deadline.expired()) return err('timeout');
    const src = data[r];
    if (src) rows[r] = src.map((c) => toCell(c, date1904));
  }
  return gridOf({ format, name, names, rows, merges: sheet['!merges'] ?? [] }, run);
}
