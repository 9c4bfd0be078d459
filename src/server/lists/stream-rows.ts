/**
 * The rows of one worksheet's `<sheetData>`, read a few rows at a time as the sheet is inflated
 * (docs/protocol.md "Lists", step 3): a port of `@e965/xlsx` 0.20.3's `parse_ws_xml_data` (as
 * `XLSX.read` runs it with read-sheet.ts's options), each cell turned into a `Cell` at once, so
 * neither the sheet's text nor the library's cell objects are ever held whole. What the port does
 * not cover (array formulas, `t="d"` and unknown cell types, a shared string index out of range, an
 * implied date format) makes the reader give up: read-sheet.ts then asks the library.
 */
import * as XLSX from '@e965/xlsx';
import { ssf, toCell } from './sheet-cells';
import { EMPTY, type Cell } from './sheet-types';
import {
  decodeCell,
  matchElement,
  parseXmlBool,
  parseXmlTag,
  richText,
  shiftFormula,
  unescapeXml,
  utf8Read,
} from './sheet-xml';

/** What the library's parse of the rest of the workbook gives the cells. */
export type CellContext = {
  /** The shared strings' texts (`Strings[i].t`). */
  strings: readonly { t?: string }[];
  /** Each cell style's number format id (`Styles.CellXf`), or null without a styles part. */
  styles: readonly { numFmtId?: number }[] | null;
  /** The number formats by id (`SSF`), the workbook's own included. */
  formats: Record<number, string>;
  /** `Workbook.WBProps.date1904`. */
  date1904: unknown;
  /** The library's `sheetRows`: rows past it are skipped. */
  sheetRows: number;
};

/** The reader met something it does not port: the caller reads the file with the library instead. */
export class Unsupported extends Error {}

const rowEnd = /<\/(?:\w+:)?row>/g;
const cellStart = /<(?:\w+:)?c[ />]/;
const refAttribute = /r=["']([^"']*)["']/;
const selfClosingFormula = /<f[^<>]*\/>/;
const errorCodes: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
};
const errorNames: Record<number, string> = Object.fromEntries(Object.entries(errorCodes).map(([k, v]) => [v, k]));
/**
 * The library's `SSFImplicit` without its date and time formats (whether the first cell using one is
 * a date depends on the sheets the library read before): built-in ids a workbook need not define.
 */
const impliedFormats: Record<number, string> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  23: 'General',
  24: 'General',
  25: 'General',
  26: 'General',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  59: '0',
  60: '0.00',
  61: '#,##0',
  62: '#,##0.00',
  63: '"$"#,##0_);\\("$"#,##0\\)',
  64: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  65: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  66: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  67: '0%',
  68: '0.00%',
  69: '# ?/?',
  70: '# ??/??',
};
/** The ids `SSFImplicit` gives a date or time format (27–36, 50–58, 71–81). */
const impliedDate = (id: number): boolean => (id >= 27 && id <= 36) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);

/** Cells converted once and shared: amounts, genders, groups repeat on every row. */
const CACHE_SIZE = 50_000;

type Parsed = {
  t: string;
  v?: string | number | boolean | undefined;
  w?: string | undefined;
  z?: string | undefined;
  f?: string | undefined;
};

export class RowParser {
  /** Cells by 0-based row and column; only non-empty cells are set. */
  readonly rows: Cell[][] = [];
  /** Cells kept: past `maxCells` the library's own checks decide (read-sheet.ts falls back). */
  private cells = 0;
  private carry = '';
  private tagr = 0;
  private stopped = false;
  private readonly cache = new Map<string, Cell>();
  /** Shared formulas by their `si`, as the library keys them. */
  private readonly sharedFormulas = new Map<string, { text: string; master: string }>();
  private readonly ssfOptions: object;
  private readonly date1904: boolean;

  private readonly context: CellContext;
  private readonly maxCells: number;

  constructor(context: CellContext, maxCells: number) {
    this.context = context;
    this.maxCells = maxCells;
    this.ssfOptions = { dateNF: 'dd/mm/yyyy', date1904: parseXmlBool(context.date1904), table: context.formats };
    this.date1904 = Boolean(context.date1904);
  }

  /** The next piece of `<sheetData>`'s inner text (Latin-1, as the bytes come). */
  push(text: string): void {
    const all = this.carry + text;
    rowEnd.lastIndex = 0;
    let start = 0;
    for (let m = rowEnd.exec(all); m; m = rowEnd.exec(all)) {
      this.row(all.slice(start, m.index));
      start = rowEnd.lastIndex;
    }
    this.carry = all.slice(start);
  }

  /** The text after the last `</row>`. */
  end(): void {
    this.row(this.carry);
    this.carry = '';
  }

  private row(piece: string): void {
    if (this.stopped) return;
    const x = piece.trim();
    const length = x.length;
    if (length === 0) return;
    let tagStart = 0;
    let ri = 0;
    // The row's tag ends at the first '>' that does not close an empty element.
    for (; ri < length; ++ri) {
      const ch = x[ri];
      if (ch === '<') tagStart = ri;
      else if (ch === '>' && x[ri - 1] !== '/') {
        ++ri;
        break;
      }
    }
    if (tagStart >= ri) {
      this.stopped = true; // the library stops reading the sheet here
      return;
    }
    const rowTag = parseXmlTag(x.slice(tagStart, ri));
    this.tagr = rowTag['r'] !== undefined ? parseInt(rowTag['r'], 10) : this.tagr + 1;
    if (this.context.sheetRows && this.context.sheetRows < this.tagr) return;
    let cells = x.slice(ri).split(cellStart);
    let first = 0;
    for (; first !== cells.length; ++first) if ((cells[first] ?? '').trim().charAt(0) !== '<') break;
    cells = cells.slice(first);
    let tagc = -1;
    for (let i = 0; i !== cells.length; ++i) {
      const text = (cells[i] ?? '').trim();
      if (text.length === 0) continue;
      const ref = refAttribute.exec(text);
      if (ref?.[1] !== undefined) {
        let idx = 0;
        for (let k = 0; k !== ref[1].length; ++k) {
          const cc = ref[1].charCodeAt(k) - 64;
          if (cc < 1 || cc > 26) break;
          idx = 26 * idx + cc;
        }
        tagc = idx - 1;
      } else ++tagc;
      this.cell(`<c ${text.startsWith('<') ? '>' : ''}${text}`, tagc);
    }
  }

  private cell(x: string, tagc: number): void {
    const close = x.indexOf('>') + 1 || x.length + 1;
    const tag = parseXmlTag(x.slice(0, close));
    const ref = tag['r'] || XLSX.utils.encode_cell({ r: this.tagr - 1, c: tagc });
    const d = x.slice(close);
    const v = matchElement(d, 'v');
    const rawValue = v !== null && v[1] !== '' ? v[1] : undefined;
    const formula = matchElement(d, 'f');
    const sharedFormula = formula === null ? selfClosingFormula.exec(d) : null;
    const type = tag['t'];
    const cacheable =
      formula === null &&
      sharedFormula === null &&
      rawValue !== undefined &&
      (type === undefined || type === 's' || type === 'n');
    const key = cacheable ? `${type ?? ''}|${tag['s'] ?? ''}|${rawValue}` : null;
    const cached = key === null ? undefined : this.cache.get(key);
    if (cached) return this.put(decodeCell(ref), cached);

    const p: Parsed = { t: '' };
    if (rawValue !== undefined) p.v = unescapeXml(rawValue);
    if (formula !== null) {
      if (formula[1] === '') {
        if (formula[0].includes('t="shared"')) p.f = this.shared(formula[0], ref);
      } else {
        p.f = unescapeXml(utf8Read(formula[1]), true).replace(/_xlfn\./g, '');
        if (formula[0].includes('t="array"')) throw new Unsupported('array formula');
        if (formula[0].includes('t="shared"')) {
          const si = parseXmlTag(formula[0])['si'] ?? '';
          const text = unescapeXml(utf8Read(formula[1])).replace(/_xlfn\./g, '');
          this.sharedFormulas.set(String(parseInt(si, 10)), { text, master: ref });
        }
      }
    } else if (sharedFormula !== null) p.f = this.shared(sharedFormula[0], ref);

    if (type == null && p.v === undefined) {
      if (!p.f) return;
      p.v = 0;
      p.t = 'n';
    } else p.t = type || 'n';
    switch (p.t) {
      case 'n':
        // `0 == ""`: the library skips a formula cell without a cached value.
        if (p.v === undefined || p.v === '' || p.v === 0) return;
        p.v = parseFloat(String(p.v));
        break;
      case 's': {
        if (p.v === undefined) return;
        const shared = this.context.strings[parseInt(String(p.v), 10)];
        if (!shared) throw new Unsupported('shared string out of range');
        p.v = shared.t;
        break;
      }
      case 'str':
        p.t = 's';
        p.v = p.v != null ? unescapeXml(utf8Read(String(p.v)), true) : '';
        break;
      case 'inlineStr': {
        const inline = matchElement(d, 'is');
        p.t = 's';
        const text = inline === null ? '' : richText(inline[1]);
        if (text === null) throw new Unsupported('unclosed phonetic run');
        p.v = text;
        break;
      }
      case 'b':
        p.v = parseXmlBool(p.v);
        break;
      case 'e':
        p.w = p.v === undefined ? undefined : String(p.v);
        p.v = errorCodes[String(p.v)];
        break;
      default:
        throw new Unsupported(`cell type ${p.t}`);
    }
    this.format(p, tag['s']);
    const cell = toCell(p as XLSX.CellObject, this.date1904);
    if (key !== null) {
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(key, cell);
    }
    this.put(decodeCell(ref), cell);
  }

  /** A cell's share of a formula written once for a range (Excel's fill-down), moved to the cell. */
  private shared(tag: string, ref: string): string | undefined {
    const master = this.sharedFormulas.get(parseXmlTag(tag)['si'] ?? 'undefined');
    if (!master) return undefined;
    try {
      return shiftFormula(master.text, master.master, ref);
    } catch {
      throw new Unsupported('shared formula off the sheet');
    }
  }

  /** The library's `safe_format` with `cellNF` and `cellText`: the format's name and the shown text. */
  private format(p: Parsed, style: string | undefined): void {
    const styles = this.context.styles;
    let id = 0;
    if (styles && style !== undefined) {
      const numFmtId = (styles as unknown as Record<string, { numFmtId?: number } | undefined>)[style]?.numFmtId;
      if (numFmtId != null) id = numFmtId;
    }
    p.z = this.context.formats[id];
    if (p.z == null) {
      // The library loads the format it implies for the id into its table, after naming this cell's.
      if (impliedDate(id)) throw new Unsupported(`implied date format ${String(id)}`);
      this.context.formats[id] = impliedFormats[id] ?? 'General';
    }
    try {
      if (p.t === 'e') p.w = p.w || errorNames[Number(p.v)];
      else if (id === 0) {
        if (p.v === undefined) return;
        p.w = ssf.format('General', p.v, this.ssfOptions);
      } else p.w = ssf.format(id, p.v, this.ssfOptions);
    } catch {
      // The library leaves a cell it cannot format without its text.
    }
  }

  /** A later cell at the same place replaces the earlier one, an empty one too, as in the library. */
  private put(at: { r: number; c: number }, cell: Cell): void {
    if (!Number.isInteger(at.r) || !Number.isInteger(at.c)) throw new Unsupported('cell reference');
    if (at.r < 0 || at.c < 0) return; // the library keeps it off the sheet's rows
    const row = this.rows[at.r];
    if (cell === EMPTY) {
      if (row?.[at.c] !== undefined) row[at.c] = EMPTY;
      return;
    }
    if (++this.cells > this.maxCells) throw new Unsupported('too many cells to stream');
    (row ?? (this.rows[at.r] = []))[at.c] = cell;
  }
}
