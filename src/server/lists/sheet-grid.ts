/**
 * The last step of reading a sheet (docs/protocol.md "Lists", step 3): its cells, already converted,
 * checked against the limits and made a rectangular grid with merged cells expanded. Shared by the
 * library's path (read-sheet.ts) and the streaming reader (read-xlsx-stream.ts).
 */
import * as XLSX from '@e965/xlsx';
import { err, ok, type Result } from '../../lib/result';
import { EMPTY, type Cell, type Grid, type Merge, type Run, type SheetError, type SheetFormat } from './sheet-types';

/** A sheet's cells by row and column (0-based; holes and `EMPTY` are empty cells) and its merged ranges. */
export type SheetCells = {
  format: SheetFormat;
  name: string;
  names: string[];
  rows: readonly (readonly (Cell | undefined)[] | undefined)[];
  merges: readonly XLSX.Range[];
};

export function gridOf(sheet: SheetCells, run: Run): Result<Grid, SheetError> {
  const data = sheet.rows;
  // An inverted or negative range (a damaged file) would upset the area check below: it is dropped.
  const ranges = sheet.merges.filter((m) => m.s.r >= 0 && m.s.c >= 0 && m.s.r <= m.e.r && m.s.c <= m.e.c);
  let height = 0;
  let width = 0;
  data.forEach((row, r) => {
    for (let c = (row?.length ?? 0) - 1; c >= 0; c--) {
      const cell = row?.[c];
      if (cell !== undefined && cell !== EMPTY) {
        height = r + 1;
        width = Math.max(width, c + 1);
        break;
      }
    }
  });
  let mergedArea = 0;
  for (const m of ranges) {
    height = Math.max(height, m.e.r + 1);
    width = Math.max(width, m.e.c + 1);
    mergedArea += (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
  }
  if (height === 0) return err('empty');
  if (height > run.limits.maxRows) return err('too-many-rows');
  // Overlapping merges would make their expansion cost more than the grid: refused with it.
  if (height * width > run.limits.maxCells || mergedArea > height * width) return err('too-many-cells');

  const rows: Cell[][] = [];
  for (let r = 0; r < height; r++) {
    if (r % 4096 === 0 && run.deadline.expired()) return err('timeout');
    const src = data[r];
    const out = new Array<Cell>(width).fill(EMPTY);
    if (src) for (let c = 0; c < Math.min(src.length, width); c++) out[c] = src[c] ?? EMPTY;
    rows.push(out);
  }
  const merges: Merge[] = [];
  for (const m of ranges) {
    const anchor = rows[m.s.r]?.[m.s.c] ?? EMPTY;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = rows[r];
      if (row) for (let c = m.s.c; c <= m.e.c; c++) row[c] = anchor;
    }
    merges.push({
      top: m.s.r + 1,
      left: m.s.c + 1,
      bottom: m.e.r + 1,
      right: m.e.c + 1,
      ref: XLSX.utils.encode_range(m),
    });
  }
  return ok({ format: sheet.format, sheetName: sheet.name, sheetNames: sheet.names, rows, merges });
}
