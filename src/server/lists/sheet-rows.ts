/**
 * The rows of one worksheet's `<sheetData>` read as its bytes are inflated, a few rows at a time
 * (docs/protocol.md "Lists", step 3), so neither the sheet's XML nor a cell object per cell is ever
 * held whole. Written from the SpreadsheetML cell model (ECMA-376 Part 1 §18.3.1: `row` with its
 * 1-based `r`, `c` with `r`, style `s` and type `t`, its `f`, `v` or inline `is`), each cell is
 * described as the library describes the cells it reads and converted by the same `toCell`, so both
 * readers give one grid (read-xlsx-stream.test.ts compares them). A shared formula (Excel's fill
 * down, §18.3.1.40) is given to each cell that refers to it, its relative references moved
 * (shared-formulas.ts). What this reader leaves to the library — array and data-table formulas, a
 * shared formula moved off the sheet, `t="d"` cells, types it does not know, a shared string or a
 * style that is not there, an East Asian date format the workbook does not define — throws
 * `Unsupported`: read-sheet.ts then reads the file with the library alone.
 */
import type * as XLSX from '@e965/xlsx';
import { movedFormula, type Ref } from './shared-formulas';
import { ssf, toCell } from './sheet-cells';
import { EMPTY, type Cell } from './sheet-types';

/** What the library's reading of the rest of the workbook tells about the cells. */
export type CellContext = {
  /** The shared strings' texts, by index. */
  strings: readonly { t?: string }[];
  /** Each cell style's number format id, or null when the workbook has no styles part. */
  styles: readonly { numFmtId?: number }[] | null;
  /** The number formats by id, the workbook's own included. */
  formats: Record<number, string>;
  /** Whether the workbook counts dates from 1904. */
  date1904: unknown;
  /** Rows at or past this 0-based index are not kept (the library's `sheetRows`). */
  sheetRows: number;
};

/** The reader met something it leaves to the library. */
export class Unsupported extends Error {}

/** Excel writes date format 14 in the reader's locale; lists show it as a Vietnamese Excel does. */
const DATE_FORMAT_14 = 'dd/mm/yyyy';
/**
 * The built-in formats a workbook may use without defining them, as Excel writes them for en-US
 * (ECMA-376 Part 1 §18.8.30): currency (5–8), accounting and thousands (37–44).
 */
const implicitFormats: Record<number, string> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
};
/** Repeated cells (amounts, genders, groups) share one `Cell`; the cache is bounded. */
const CACHE_LIMIT = 50_000;

const rowTag = /<(?:[\w.-]+:)?row\b([^>]*?)(\/?)>/g;
// A cell's content never runs past the next cell's start: an unclosed `<c>` costs one scan to it,
// not one to the end of the row (a row of unclosed cells would otherwise take quadratic time).
const cellTag = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>((?:(?!<(?:[\w.-]+:)?c\b)[\s\S])*?)<\/(?:[\w.-]+:)?c>)/g;
const rowEnd = /<\/(?:[\w.-]+:)?row>/g;
const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const formulaTag = /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?f>)/;
const valueTag = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/;
const inlineTag = /<(?:[\w.-]+:)?is\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?is>)/;
const phonetic = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const textRun = /<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
const entity = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([\da-fA-F]+));/g;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** ST_Xstring's escape of a character XML cannot hold (ECMA-376 Part 1 §22.9.2.19). */
const xEscape = /_x([\da-fA-F]{4})_/g;

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(attribute)) out.set(m[1] ?? '', m[2] ?? m[3] ?? '');
  return out;
}

const entities = (text: string): string =>
  text.replace(entity, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return named[name] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex ?? '', 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/**
 * Text of the sheet (its bytes as Latin-1) as people wrote it: UTF-8, entities (`times` rounds),
 * `_xHHHH_` escapes when asked, CRLF as LF.
 */
function textOf(raw: string, escapes: boolean, times = 1): string {
  let text = Buffer.from(raw, 'latin1').toString('utf8');
  for (let i = 0; i < times; i++) text = entities(text);
  if (escapes) text = text.replace(xEscape, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return text.replace(/\r\n/g, '\n');
}

/** The 1-based row of a cell reference (`AB12` → 12), or null without one. */
function rowOf(ref: string): number | null {
  const digits = /^\$?[A-Za-z]{1,3}\$?(\d+)$/.exec(ref)?.[1];
  return digits === undefined ? null : Number(digits);
}

/** 0-based column of a cell reference (`AB12` → 27), or null without one. */
function columnOf(ref: string | undefined): number | null {
  const letters = /^\$?([A-Za-z]{1,3})/.exec(ref ?? '')?.[1];
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const errorCodes: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
};

export class SheetRowReader {
  /** Cells by 0-based row and column; holes are empty cells. */
  readonly rows: (Cell[] | undefined)[] = [];
  private pending = '';
  private nextRow = 0;
  private cells = 0;
  private readonly cache = new Map<string, Cell>();
  /** Where the search for the open row's end goes on from (its text before was searched already). */
  private searched = 0;
  /** Shared formulas by their `si` as written, with the cell that holds the text. */
  private readonly shared = new Map<string, { text: string; at: Ref }>();

  private readonly context: CellContext;
  private readonly maxCells: number;

  constructor(context: CellContext, maxCells: number) {
    this.context = context;
    this.maxCells = maxCells;
  }

  /** The next piece of `<sheetData>`'s inner XML (bytes as Latin-1). */
  push(piece: string): void {
    this.pending += piece;
    // Comments and CDATA could hide or fake a row's end: the library reads such a sheet.
    if (this.pending.includes('<!')) throw new Unsupported('a comment or CDATA in the rows');
    this.drain(false);
  }

  /** No more pieces. */
  end(): void {
    this.drain(true);
    this.pending = '';
  }

  private drain(last: boolean): void {
    let at = 0;
    for (;;) {
      rowTag.lastIndex = at;
      const start = rowTag.exec(this.pending);
      if (!start) break;
      const bodyFrom = start.index + start[0].length;
      if (start[2] === '/') {
        this.row(attributes(start[1] ?? ''), '');
        at = bodyFrom;
        continue;
      }
      rowEnd.lastIndex = Math.max(bodyFrom, this.searched);
      const end = rowEnd.exec(this.pending);
      if (!end) {
        // Next time, search on from here (less the length of a `</x:row>` cut in two).
        this.searched = Math.max(bodyFrom, this.pending.length - 32) - start.index;
        at = start.index;
        break;
      }
      this.searched = 0;
      this.row(attributes(start[1] ?? ''), this.pending.slice(bodyFrom, end.index));
      at = end.index + end[0].length;
    }
    // Keep only what may still begin a row; a row left open at the end is dropped, as Excel would.
    this.pending = last ? '' : this.pending.slice(at);
  }

  private row(attrs: Map<string, string>, body: string): void {
    const r = Number(attrs.get('r'));
    const index = Number.isInteger(r) && r >= 1 ? r - 1 : this.nextRow;
    this.nextRow = index + 1;
    if (index >= this.context.sheetRows) return;
    let column = 0;
    let out: Cell[] | undefined;
    for (const m of body.matchAll(cellTag)) {
      const cellAttrs = attributes(m[1] ?? '');
      const ref = cellAttrs.get('r');
      // A reference naming another row, or no column, is read differently by the library: left to it.
      if (ref !== undefined && (columnOf(ref) === null || rowOf(ref) !== index + 1))
        throw new Unsupported('a cell reference outside its row');
      const c = columnOf(ref) ?? column;
      column = c + 1;
      const cell = this.cell(cellAttrs, m[2] ?? '', { row: index, column: c });
      if (cell === EMPTY) continue;
      if (++this.cells > this.maxCells) throw new Unsupported('more cells than the limit');
      out ??= [];
      out[c] = cell;
    }
    if (out) this.rows[index] = out;
  }

  private cell(attrs: Map<string, string>, body: string, at: Ref): Cell {
    const type = attrs.get('t') ?? 'n';
    const style = Number(attrs.get('s') ?? 0);
    const formula = this.formula(body, at);
    const v = valueTag.exec(body);
    const raw = v ? (v[1] ?? '') : undefined;
    const key = formula === undefined && type !== 'inlineStr' ? `${type}|${String(style)}|${raw ?? ''}` : null;
    const cached = key === null ? undefined : this.cache.get(key);
    if (cached) return cached;
    const cell = toCell(this.described(type, style, raw, body, formula), this.context.date1904 === true);
    if (key !== null && this.cache.size < CACHE_LIMIT) this.cache.set(key, cell);
    return cell;
  }

  /** The cell's formula: its own text, or the shared one it refers to, moved to it. */
  private formula(body: string, at: Ref): string | undefined {
    const f = formulaTag.exec(body);
    if (!f) return undefined;
    const fAttrs = attributes(f[1] ?? '');
    const kind = fAttrs.get('t') ?? 'normal';
    const text = f[2] === undefined || f[2] === '' ? undefined : textOf(f[2], false);
    if (kind === 'normal') return text ?? '';
    if (kind !== 'shared') throw new Unsupported(`${kind} formula`);
    const si = fAttrs.get('si') ?? '';
    if (text !== undefined) {
      this.shared.set(si, { text, at });
      return text;
    }
    const master = this.shared.get(si);
    if (!master) return undefined;
    const moved = movedFormula(master.text, at.row - master.at.row, at.column - master.at.column);
    if (moved === null) throw new Unsupported('a shared formula moved off the sheet');
    return moved;
  }

  /** The cell as the library describes what it reads (the input `toCell` converts). */
  private described(
    type: string,
    style: number,
    raw: string | undefined,
    body: string,
    formula: string | undefined,
  ): XLSX.CellObject | undefined {
    const f = formula === undefined ? {} : { f: formula };
    // A cell with no value is blank, its formula included (the library reads it so).
    if (type !== 'inlineStr' && (raw === undefined || raw.trim() === '')) return undefined;
    switch (type) {
      case 's': {
        const text = this.context.strings[Number(raw)]?.t;
        if (text === undefined) throw new Unsupported('a shared string that is not there');
        return { t: 's', v: text, w: text, ...f };
      }
      case 'str': {
        // The library unescapes a formula's text result twice (`&amp;amp;` reads `&`): read the same.
        const text = textOf(raw ?? '', true, 2);
        return { t: 's', v: text, w: text, ...f };
      }
      case 'inlineStr': {
        const inner = inlineTag.exec(body)?.[1] ?? '';
        let text = '';
        for (const t of inner.replace(phonetic, '').matchAll(textRun)) text += textOf(t[1] ?? '', true);
        return { t: 's', v: text, w: text, ...f };
      }
      case 'b': {
        const value = raw === '1' || raw === 'true';
        return { t: 'b', v: value, w: value ? 'TRUE' : 'FALSE', ...f };
      }
      case 'e': {
        // An error Excel does not have is no value.
        const text = textOf(raw ?? '', false);
        const code = errorCodes[text];
        return code === undefined ? undefined : { t: 'e', v: code, w: text, ...f };
      }
      case 'n': {
        // Only plain decimal numbers: anything else (`0x10`, `12abc`) is left to the library.
        if (!/^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(raw ?? '')) throw new Unsupported('not a number');
        const value = Number(raw);
        if (!Number.isFinite(value)) throw new Unsupported('a number that is not one');
        const format = this.formatOf(style);
        const w = ssf.format(format, value, { date1904: this.context.date1904 === true });
        return { t: 'n', v: value, w, z: format, ...f };
      }
      default:
        throw new Unsupported(`cell type ${type}`);
    }
  }

  /** A style's number format (General without styles; format 14 as lists show dates). */
  private formatOf(style: number): string {
    const styles = this.context.styles;
    if (styles === null) return 'General';
    const xf = styles[style];
    if (xf === undefined) throw new Unsupported('a style that is not there');
    const id = xf.numFmtId ?? 0;
    if (id === 14) return DATE_FORMAT_14;
    const format = this.context.formats[id] ?? ssf.get_table()[id] ?? implicitFormats[id];
    if (format !== undefined) return format;
    // Ids 27–36, 50–58 and 71–81 are East Asian and Thai dates whose text depends on the locale.
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
      throw new Unsupported('a locale date format');
    return 'General';
  }
}
