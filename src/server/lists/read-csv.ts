/**
 * Reads a CSV list file (UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1258) into a grid
 * (docs/protocol.md "Lists", step 3). A file that is not Unicode may hold columns typed with a
 * legacy font (TCVN3, VNI): their bytes are that font's, not Windows-1258's, so each such column is
 * read byte for byte (as Windows-1252, the way a spreadsheet keeps legacy-font text) for the import
 * to convert, and the other columns as Windows-1258.
 */
import { detectLegacyEncoding, toUnicode, vietnameseScore } from '../../domain/legacy-vietnamese';
import { err, ok, type Result } from '../../lib/result';
import { EMPTY, type Cell, type Grid, type Run, type SheetError } from './sheet-types';

/** Cells of a column read to decide its font: plenty, as the import itself decides on a sample. */
const FONT_SAMPLE = 400;

export function readCsv(b: Buffer, filename: string, run: Run): Result<Grid, SheetError> {
  const { text, unicode } = decodeText(b);
  // Binary (NUL and other control characters), or HTML/XML saved with an .xls name.
  if (hasControlCharacters(text) || /^\s*</.test(text)) return err('not-a-spreadsheet');
  const sep = detectSeparator(text);
  const parsed = recordsOf(text, sep, run);
  if (!parsed.ok) return parsed;
  const records = unicode ? parsed.value : withLegacyColumns(parsed.value, b, sep, run);

  let height = 0;
  let width = 0;
  records.forEach((fields, r) => {
    const last = fields.findLastIndex((s) => s !== '');
    if (last >= 0) [height, width] = [r + 1, Math.max(width, last + 1)];
  });
  if (height === 0) return err('empty');
  if (height * width > run.limits.maxCells) return err('too-many-cells');
  const rows = records.slice(0, height).map((fields) => {
    const out = new Array<Cell>(width).fill(EMPTY);
    for (let c = 0; c < Math.min(fields.length, width); c++) {
      const s = fields[c] ?? '';
      if (s !== '') out[c] = { text: s, value: s, kind: 'string' };
    }
    return out;
  });
  const sheetName = filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Sheet1';
  return ok({ format: 'csv', sheetName, sheetNames: [sheetName], rows, merges: [] });
}

/** The records of the text, within the limits. */
function recordsOf(text: string, sep: string, run: Run): Result<string[][], SheetError> {
  const records: string[][] = [];
  const state: { cells: number; failure: SheetError | null } = { cells: 0, failure: null };
  parseDelimited(text, sep, (fields) => {
    state.cells += fields.length;
    if (records.length >= run.limits.maxRows) state.failure = 'too-many-rows';
    else if (state.cells > run.limits.maxCells) state.failure = 'too-many-cells';
    else if (records.length % 4096 === 0 && run.deadline.expired()) state.failure = 'timeout';
    else records.push(fields);
    return state.failure === null;
  });
  return state.failure === null ? ok(records) : err(state.failure);
}

/**
 * The Windows-1258 records with each column typed in a legacy font taken from the same bytes read
 * byte for byte (quotes and separators are ASCII, so both readings have the same fields).
 */
function withLegacyColumns(records: string[][], b: Buffer, sep: string, run: Run): string[][] {
  const bytewise = recordsOf(new TextDecoder('windows-1252').decode(b), sep, run);
  if (!bytewise.ok || bytewise.value.length !== records.length) return records;
  const raw = bytewise.value;
  if (raw.some((fields, r) => fields.length !== records[r]?.length)) return records;
  const width = records.reduce((w, fields) => Math.max(w, fields.length), 0);
  const legacy: number[] = [];
  for (let c = 0; c < width; c++) {
    const samples: string[] = [];
    const asRead: string[] = [];
    for (const [r, fields] of raw.entries()) {
      const cell = fields[c];
      if (cell) {
        samples.push(cell);
        asRead.push(records[r]?.[c] ?? '');
      }
      if (samples.length >= FONT_SAMPLE) break;
    }
    const encoding = detectLegacyEncoding(samples);
    if (encoding === 'unicode') continue;
    // Windows-1258 Vietnamese read byte for byte can look like a legacy font too: the font's
    // reading is taken only when it reads as better Vietnamese than the 1258 one.
    const converted = samples.map((s) => toUnicode(s, encoding));
    if (vietnameseScore(converted) > vietnameseScore(asRead)) legacy.push(c);
  }
  if (legacy.length === 0) return records;
  return records.map((fields, r) => {
    const out = [...fields];
    for (const c of legacy) if (c < out.length) out[c] = raw[r]?.[c] ?? out[c] ?? '';
    return out;
  });
}

/** C0 controls other than tab, CR and LF, or DEL: no text file has them, every binary one does. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** UTF-8 (BOM or not) or UTF-16 with a BOM (Excel's "Unicode text"); anything else is Windows-1258. */
function decodeText(b: Buffer): { text: string; unicode: boolean } {
  const unicode = (text: string) => ({ text, unicode: true });
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return unicode(new TextDecoder('utf-8').decode(b.subarray(3)));
  if (b[0] === 0xff && b[1] === 0xfe) return unicode(new TextDecoder('utf-16le').decode(b.subarray(2)));
  if (b[0] === 0xfe && b[1] === 0xff) return unicode(new TextDecoder('utf-16be').decode(b.subarray(2)));
  try {
    return unicode(new TextDecoder('utf-8', { fatal: true }).decode(b));
  } catch {
    // Every byte has a character in windows-1258, so this never fails: binary is caught by the caller.
    return { text: new TextDecoder('windows-1258').decode(b), unicode: false };
  }
}

const separators = [',', ';', '\t'] as const;

/**
 * The separator that splits most of the first records into the same number of fields (Excel pads title
 * rows with separators too); a file with none of them is one column.
 */
function detectSeparator(text: string): string {
  let best: { sep: string; lines: number; fields: number } = { sep: ',', lines: 0, fields: 1 };
  for (const sep of separators) {
    const counts = new Map<number, number>();
    let seen = 0;
    parseDelimited(text.slice(0, 65_536), sep, (fields) => {
      if (fields.length > 1) counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
      return ++seen < 100;
    });
    for (const [fields, lines] of counts) {
      if (lines > best.lines || (lines === best.lines && fields > best.fields)) best = { sep, lines, fields };
    }
  }
  return best.sep;
}

/**
 * RFC 4180 records: `"` quotes a field (`""` inside is a quote; newlines allowed), CRLF, LF or CR end a
 * record. Lenient as Excel is: text after a closing quote is kept, an unclosed quote runs to the end.
 */
function parseDelimited(text: string, sep: string, onRecord: (fields: string[]) => boolean): void {
  const n = text.length;
  let i = 0;
  let fields: string[] = [];
  const fieldEnd = (from: number): number => {
    let j = from;
    while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++;
    return j;
  };
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          value += text.slice(j);
          i = n;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    const end = fieldEnd(i);
    value += text.slice(i, end);
    i = end;
    fields.push(value);
    if (i < n && text[i] === sep) {
      i++;
      continue;
    }
    if (!onRecord(fields)) return;
    fields = [];
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (i >= n) return; // a final line break ends the last record; it does not start one
  }
}
