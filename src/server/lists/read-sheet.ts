/**
 * Reads a commune's monthly list file (`.xlsx`, legacy `.xls`, `.csv`) into a plain grid of cells, the
 * first step of the list import (issue 11). The format comes from the bytes, never from the name.
 * Hostile files are bounded before and after the parser runs; see `SheetLimits` for what is bounded.
 * An `.xlsx` is read by the streaming reader (read-xlsx-stream.ts) when it can, else, like an `.xls`,
 * by the library whole: the same grid either way (docs/protocol.md "Lists", step 3).
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { systemClock } from '../../lib/clock';
import { err, type Result } from '../../lib/result';
import { bookGrid } from './book-grid';
import { checkCfb, checkZip } from './check-container';
import { readBook } from './library-read';
import { readCsv } from './read-csv';
import { readXlsxStream } from './read-xlsx-stream';
import {
  defaultSheetLimits,
  type Grid,
  type ReadSheetOptions,
  type Run,
  type SheetError,
  type SheetFormat,
  type SheetLimits,
} from './sheet-types';

// Legacy BIFF5 `.xls` (Excel 95) stores 8-bit text in the workbook's code page (1258, 1252…).
XLSX.set_cptable(cptable);

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
  if (format === 'xlsx') {
    const streamed = readXlsxStream(checked.value, options.sheet, run);
    if (streamed !== 'unsupported') return streamed;
  }
  return readWithLibrary(checked.value, format, options.sheet, run);
}

/** The whole workbook parsed by the library: `.xls`, and any `.xlsx` the streaming reader leaves. */
export function readWithLibrary(
  input: Buffer,
  format: SheetFormat,
  wanted: string | undefined,
  run: Run,
): Result<Grid, SheetError> {
  const book = readBook(input, run.limits, wanted);
  if (!book.ok) return book;
  if (run.deadline.expired()) return err('timeout');
  return bookGrid(book.value, format, wanted, run);
}

/** ZIP → xlsx; OLE compound file → xls (or an encrypted OOXML, found inside); anything else may be text. */
function sniff(b: Buffer): SheetFormat {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6))
    return 'xlsx';
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  return 'csv';
}
