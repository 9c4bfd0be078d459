/**
 * Reads a commune's monthly list file (`.xlsx`, legacy `.xls`, `.csv`) into a plain grid of cells, the
 * first step of the list import (issue 11). The format comes from the bytes, never from the name.
 * Hostile files are bounded before and after the parser runs; see `SheetLimits` for what is bounded.
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { systemClock } from '../../lib/clock';
import { err, ok, type Result } from '../../lib/result';
import { checkCfb, checkZip, quietly } from './check-container';
import { readCsv } from './read-csv';
import {
  EMPTY,
  defaultSheetLimits,
  type Cell,
  type Grid,
  type Merge,
  type ReadSheetOptions,
  type Run,
  type SheetError,
  type SheetFormat,
  type SheetLimits,
} from './sheet-types';

// Legacy BIFF5 `.xls` (Excel 95) stores 8-bit text in the workbook's code page (1258, 1252…).
XLSX.set_cptable(cptable);

/** The library's SSF and CFB helpers are typed `any`; the few calls made here, typed. */
const ssf = XLSX.SSF as { is_date: (format: string) => boolean; get_table: () => Record<number, string> };

export function readSheet(
  bytes: Uint8Array,
  filename: string,
  options: ReadSheetOptions = {},
): Result<Grid, SheetError> {
  const limits: SheetLimits = {
    maxBytes: options.maxBytes ?? defaultSheetLimits.maxBytes,
    maxUnzippedBytes: options.maxUnzippedBytes ?? defaultSheetLimits.maxUnzippedBytes,
    maxRows: options.maxRows ?? defaultSheetLimits.maxRows,
    maxCells: options.maxCells ?? defaultSheetLimits.maxCells,
    timeoutMs: options.timeoutMs ?? defaultSheetLimits.timeoutMs,
  };
  const clock = options.clock ?? systemClock;
  const end = clock.now() + limits.timeoutMs;
  const run: Run = { limits, deadline: { expired: () => clock.now() > end } };

  if (bytes.length > limits.maxBytes) return err('too-large');
  if (bytes.length === 0) return err('empty');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniff(buf);
  if (format === 'csv') return readCsv(buf, filename, run);

  const checked = format === 'xlsx' ? checkZip(buf, run) : checkCfb(buf);
  if (!checked.ok) return checked;
  const input = checked.value;
  let book: XLSX.WorkBook;
  try {
    book = quietly(() =>
      XLSX.read(input, {
        type: 'buffer',
        dense: true,
        sheetRows: limits.maxRows + 1,
        cellNF: true, // the number format says which numbers are dates
        cellText: true,
        cellFormula: true,
        cellHTML: false, // no rich-text HTML: less work, and no markup in our data
        cellStyles: false,
        cellDates: false,
        bookVBA: false,
        dateNF: 'dd/mm/yyyy', // Excel's built-in date format 14 as a Vietnamese Excel shows it
        ...(options.sheet === undefined ? {} : { sheets: options.sheet }),
      }),
    );
  } catch (e) {
    // Thrown values are sometimes plain strings; only "which kind" matters here.
    return err(/password|encrypt/i.test(e instanceof Error ? e.message : String(e)) ? 'encrypted' : 'corrupted');
  }
  if (run.deadline.expired()) return err('timeout');
  return bookGrid(book, format, options.sheet, run);
}

/** ZIP → xlsx; OLE compound file → xls (or an encrypted OOXML, found inside); anything else may be text. */
function sniff(b: Buffer): SheetFormat {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6))
    return 'xlsx';
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  return 'csv';
}

function bookGrid(
  book: XLSX.WorkBook,
  format: SheetFormat,
  wanted: string | undefined,
  run: Run,
): Result<Grid, SheetError> {
  const names = book.SheetNames;
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  let name: string | undefined;
  if (wanted !== undefined) {
    if (!names.includes(wanted)) return err('no-such-sheet');
    name = wanted;
  } else {
    const visible = (n: string) => !book.Workbook?.Sheets?.[names.indexOf(n)]?.Hidden;
    const order = [...names.filter(visible), ...names.filter((n) => !visible(n))];
    name = order.find((n) => (book.Sheets[n]?.['!data'] ?? []).some((row) => row?.some((c) => !blank(c))));
  }
  const sheet = name === undefined ? undefined : book.Sheets[name];
  if (name === undefined || !sheet) return err('empty');
  // The library stopped at maxRows + 1 rows because the sheet's dimension says it has more.
  if (sheet['!fullref']) return err('too-many-rows');

  const data: (XLSX.CellObject[] | undefined)[] = sheet['!data'] ?? [];
  // An inverted or negative range (a damaged file) would upset the area check below: it is dropped.
  const ranges = (sheet['!merges'] ?? []).filter((m) => m.s.r >= 0 && m.s.c >= 0 && m.s.r <= m.e.r && m.s.c <= m.e.c);
  let height = 0;
  let width = 0;
  data.forEach((row, r) => {
    for (let c = (row?.length ?? 0) - 1; c >= 0; c--) {
      if (!blank(row?.[c])) {
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
    if (src) for (let c = 0; c < Math.min(src.length, width); c++) out[c] = toCell(src[c], date1904);
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
  return ok({ format, sheetName: name, sheetNames: names, rows, merges });
}

const blank = (c: XLSX.CellObject | undefined): boolean =>
  !c || (c.f === undefined && (c.t === 'z' || c.v === undefined || c.v === null || c.v === ''));

/** Excel's error codes ([MS-XLSB] 2.5.97.2) for an error cell without its text. */
const errorTexts: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};
/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

function toCell(c: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!c || blank(c)) return EMPTY;
  const f = c.f === undefined ? {} : { formula: c.f };
  const v = c.v;
  switch (c.t) {
    case 'n': {
      if (typeof v !== 'number') return { text: c.w ?? '', value: null, kind: 'empty', ...f };
      const format = typeof c.z === 'number' ? ssf.get_table()[c.z] : c.z;
      const date = format !== undefined && ssf.is_date(format);
      return {
        text: c.w ?? String(v),
        value: date && date1904 ? v + DAYS_1904 : v,
        kind: date ? 'date' : 'number',
        ...f,
      };
    }
    case 'd': {
      const time = v instanceof Date ? v.getTime() : Date.parse(String(v));
      if (Number.isNaN(time)) return { text: c.w ?? String(v), value: String(v), kind: 'string', ...f };
      const serial = (time - EPOCH_1900) / 86_400_000;
      return { text: c.w ?? String(serial), value: serial, kind: 'date', ...f };
    }
    case 'b':
      return { text: c.w ?? (v ? 'TRUE' : 'FALSE'), value: Boolean(v), kind: 'bool', ...f };
    case 'e': {
      const error = c.w ?? errorTexts[Number(v)] ?? '#VALUE!';
      return { text: error, value: null, kind: 'error', error, ...f };
    }
    case 's':
    case 'z':
      return {
        text: c.w ?? String(v ?? ''),
        value: String(v ?? ''),
        kind: v === '' || v == null ? 'empty' : 'string',
        ...f,
      };
  }
}
