/** The grid a list file is read into, its errors and limits (read-sheet.ts reads it). */
import type { Clock } from '../../lib/clock';

export type SheetFormat = 'xlsx' | 'xls' | 'csv';
export type CellKind = 'string' | 'number' | 'date' | 'bool' | 'error' | 'empty';

/**
 * One cell as the spreadsheet shows it. `value` is raw: a date-formatted number stays an Excel serial
 * in the 1900 date system (kind `date`; a 1904-system workbook's serials are shifted to it). Text is
 * given as stored, not NFC-normalised: legacy-font detection (TCVN3, VNI) must see it first.
 */
export type Cell = {
  readonly text: string;
  readonly value: string | number | boolean | null;
  readonly kind: CellKind;
  /** The formula as stored, without the leading `=` (`SUM(D5:D9)`). */
  readonly formula?: string;
  /** The error the cell shows (`#DIV/0!`) when kind is `error`. */
  readonly error?: string;
};

/** A merged range, 1-based and inclusive, as the spreadsheet numbers rows and columns; `ref` is `E3:F3`. */
export type Merge = { top: number; left: number; bottom: number; right: number; ref: string };

/** `rows[0]` is row 1; empty rows are kept so indexes stay row numbers; every row has the same width. */
export type Grid = { format: SheetFormat; sheetName: string; sheetNames: string[]; rows: Cell[][]; merges: Merge[] };

export const sheetErrors = [
  'not-a-spreadsheet',
  'encrypted',
  'corrupted',
  'too-large',
  'too-many-rows',
  'too-many-cells',
  'timeout',
  'empty',
  'no-such-sheet',
] as const;
export type SheetError = (typeof sheetErrors)[number];

/**
 * What is bounded: the file size; the unzipped size of an `.xlsx` (checked with Node's zlib capped at
 * each entry's declared size, before the library inflates anything, so a zip bomb costs at most the
 * budget); rows the library keeps (it is told to stop one row past `maxRows`); the grid's rows × columns
 * and the merged area; the time between steps and inside our loops. Not bounded: the wall time of the
 * library's own synchronous parse (it cannot be interrupted; its memory and time grow with the bounded
 * input), and sheets other than the chosen one, which are parsed too (without their rows when the
 * streaming reader, read-xlsx-stream.ts, reads the file). A hard bound needs a worker thread.
 */
export type SheetLimits = {
  maxBytes: number;
  maxUnzippedBytes: number;
  maxRows: number;
  maxCells: number;
  timeoutMs: number;
};

export const defaultSheetLimits: SheetLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUnzippedBytes: 512 * 1024 * 1024,
  maxRows: 200_000,
  maxCells: 4_000_000,
  timeoutMs: 60_000,
};

export type ReadSheetOptions = Partial<SheetLimits> & {
  /** Read this sheet by name; otherwise the first visible sheet with data (then hidden ones). */
  sheet?: string | undefined;
  clock?: Clock | undefined;
};

export const EMPTY: Cell = Object.freeze({ text: '', value: null, kind: 'empty' });

/** The limits of one read, and whether its time is up. */
export type Deadline = { expired: () => boolean };
export type Run = { limits: SheetLimits; deadline: Deadline };
