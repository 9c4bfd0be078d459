/**
 * Reads an `.xlsx` without holding its sheet whole (docs/protocol.md "Lists", step 3; a 150,000-row
 * list made `XLSX.read` peak near 1 GB). Every worksheet's rows are cut out of the workbook, which the
 * library then reads as usual (sheet names and order, hidden sheets, the 1904 date system, shared
 * strings, styles and number formats, merged cells, the row limit); the chosen sheet's rows are then
 * inflated and read a piece at a time (sheet-rows.ts). 'unsupported' when the file needs what the
 * streaming path does not cover: read-sheet.ts then reads it with the library alone, same output.
 */
import { randomUUID } from 'node:crypto';
import type * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { err, type Result } from '../../lib/result';
import { bookSheetGrid } from './book-grid';
import { readBook } from './library-read';
import { blank } from './sheet-cells';
import { gridOf } from './sheet-grid';
import { sheetParts, type SheetParts } from './sheet-parts';
import { EMPTY, type Grid, type Run, type SheetError } from './sheet-types';
import { SheetRowReader, Unsupported, type CellContext } from './sheet-rows';
import { inflateEntry, streamEntry, zipEntries, type ZipEntry } from './xlsx-zip';

type Cut = { entry: ZipEntry; parts: SheetParts };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

export function readXlsxStream(
  zip: Buffer,
  wanted: string | undefined,
  run: Run,
): Result<Grid, SheetError> | 'unsupported' {
  const entries = zipEntries(zip);
  if (entries.some((e) => /[^\x20-\x7e]/.test(e.name)) || new Set(entries.map((e) => e.name)).size !== entries.length)
    return 'unsupported';
  const token = `chitra-${randomUUID()}`;
  const cuts = new Map<string, Cut>();
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (!WORKSHEET.test(entry.name)) {
      files[entry.name] = inflateEntry(zip, entry);
      continue;
    }
    const parts = sheetParts(zip, entry, run.deadline.expired);
    if (parts === 'timeout') return err('timeout');
    if (parts === null) {
      files[entry.name] = inflateEntry(zip, entry);
      continue;
    }
    // UTF-16 parts are converted by the library before it reads them.
    if (parts.head.startsWith('\xff\xfe') || parts.head.slice(1, 3) === '\xfe\xff') return 'unsupported';
    const mark = `${token}-${String(cuts.size)}`;
    cuts.set(mark, { entry, parts });
    const stub = `<row r="1"><c r="A1" t="inlineStr"><is><t>${mark}</t></is></c></row>`;
    files[entry.name] = Buffer.from(parts.head + stub + parts.tail, 'latin1');
  }
  const book = readBook(Buffer.from(zipSync(files, { level: 0 })), run.limits, wanted);
  if (!book.ok) return 'unsupported';
  if (run.deadline.expired()) return err('timeout');
  try {
    return chosenGrid(book.value, zip, cuts, wanted, run);
  } catch (e) {
    if (e instanceof Unsupported) return 'unsupported';
    throw e;
  }
}

function chosenGrid(
  book: XLSX.WorkBook,
  zip: Buffer,
  cuts: ReadonlyMap<string, Cut>,
  wanted: string | undefined,
  run: Run,
): Result<Grid, SheetError> | 'unsupported' {
  const names = book.SheetNames;
  const context: CellContext = {
    strings: (book as { Strings?: { t?: string }[] }).Strings ?? [],
    styles: cellStyles(book),
    formats: (book as { SSF?: Record<number, string> }).SSF ?? {},
    date1904: book.Workbook?.WBProps?.date1904,
    sheetRows: run.limits.maxRows + 1,
  };
  let order: string[];
  if (wanted !== undefined) {
    if (!names.includes(wanted)) return err('no-such-sheet');
    order = [wanted];
  } else {
    const visible = (n: string) => !book.Workbook?.Sheets?.[names.indexOf(n)]?.Hidden;
    order = [...names.filter(visible), ...names.filter((n) => !visible(n))];
  }
  for (const name of order) {
    const sheet = book.Sheets[name];
    if (!sheet) {
      if (wanted !== undefined) return err('empty');
      continue;
    }
    const data = sheet['!data'] ?? [];
    const mark = data[0]?.[0]?.v;
    const cut = typeof mark === 'string' ? cuts.get(mark) : undefined;
    // A sheet left whole (no rows to cut) was read by the library as it is: its reading is the grid.
    if (!cut) {
      if (wanted !== undefined || data.some((row) => row?.some((c) => !blank(c))))
        return bookSheetGrid(book, 'xlsx', name, run);
      continue;
    }
    const parser = new SheetRowReader(context, run.limits.maxCells);
    const late = feed(zip, cut, parser, run);
    if (late) return err('timeout');
    if (wanted === undefined && !parser.rows.some((row) => row?.some((c) => c !== EMPTY))) continue;
    if (sheet['!fullref']) return err('too-many-rows');
    return gridOf({ format: 'xlsx', name, names, rows: parser.rows, merges: sheet['!merges'] ?? [] }, run);
  }
  return err('empty');
}

/** The cut-out rows of one sheet, inflated again and read a piece at a time; true when time ran out. */
function feed(zip: Buffer, cut: Cut, parser: SheetRowReader, run: Run): boolean {
  const { start, end } = cut.parts;
  let offset = 0;
  let pieces = 0;
  let late = false;
  streamEntry(zip, cut.entry, (piece) => {
    const at = offset;
    offset += piece.byteLength;
    if (late || offset <= start || at >= end) return;
    if (++pieces % 64 === 0 && run.deadline.expired()) {
      late = true;
      return;
    }
    const from = Math.max(start - at, 0);
    const to = Math.min(end - at, piece.byteLength);
    parser.push(Buffer.from(piece.buffer, piece.byteOffset + from, to - from).toString('latin1'));
  });
  if (!late) parser.end();
  return late;
}

/** `Styles.CellXf`, as the library's cell parser uses it (only when it is an array). */
function cellStyles(book: XLSX.WorkBook): CellContext['styles'] {
  const xfs = (book as { Styles?: { CellXf?: unknown } }).Styles?.CellXf;
  return Array.isArray(xfs) ? (xfs as { numFmtId?: number }[]) : null;
}
