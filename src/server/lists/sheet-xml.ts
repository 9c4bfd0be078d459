/**
 * The XML text helpers of `@e965/xlsx` 0.20.3 that its `.xlsx` cell parser uses, ported as they are
 * (quirks included) so the streaming reader (stream-rows.ts) reads cells exactly as `XLSX.read` does
 * (docs/protocol.md "Lists", step 3). Their input is the sheet's bytes as a Latin-1 string, as the
 * library reads them; text is UTF-8-decoded where the library decodes it.
 */
import * as XLSX from '@e965/xlsx';

const encodings: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const encodingPattern = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const codePattern = /_x([\da-fA-F]{4})_/gi;

function rawUnescape(text: string): string {
  const i = text.indexOf('<![CDATA[');
  if (i === -1) {
    return text
      .replace(
        encodingPattern,
        (whole: string, code: string | undefined) =>
          encodings[whole] || String.fromCharCode(parseInt(code ?? '', whole.includes('x') ? 16 : 10)) || whole,
      )
      .replace(codePattern, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)));
  }
  const j = text.indexOf(']]>');
  return rawUnescape(text.slice(0, i)) + text.slice(i + 9, j) + rawUnescape(text.slice(j + 3));
}

/** The library's `unescapexml`: entities, `_xHHHH_` codes and CDATA; `xlsx` also turns CRLF into LF. */
export function unescapeXml(text: string, xlsx = false): string {
  const out = rawUnescape(text);
  return xlsx ? out.replace(/\r\n/g, '\n') : out;
}

/** The library's `utf8read`: a Latin-1 string of UTF-8 bytes, decoded. */
export const utf8Read = (binary: string): string => Buffer.from(binary, 'latin1').toString('utf8');

/** The library's `parsexmlbool` (xsd:boolean). */
export function parseXmlBool(value: unknown): boolean {
  return value === 1 || value === true || value === '1' || value === 'true';
}

const attributePattern = /\s([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g;

/** The library's `parsexmltag(tag, true)`: a tag's attributes by name (a prefix dropped), also lower-cased. */
export function parseXmlTag(tag: string): Record<string, string> {
  const z: Record<string, string> = {};
  let eq = 0;
  for (; eq !== tag.length; ++eq) {
    const c = tag.charCodeAt(eq);
    if (c === 32 || c === 10 || c === 13) break;
  }
  if (eq === tag.length) return z;
  for (const m of tag.match(attributePattern) ?? []) {
    const cc = m.slice(1);
    let c = 0;
    for (; c !== cc.length; ++c) if (cc.charCodeAt(c) === 61) break;
    let q = cc.slice(0, c).trim();
    while (cc.charCodeAt(c + 1) === 32) ++c;
    const quote = cc.charCodeAt(c + 1);
    const quoted = quote === 34 || quote === 39 ? 1 : 0;
    const v = cc.slice(c + 1 + quoted, cc.length - quoted);
    const j = q.indexOf(':');
    if (j === -1) {
      if (q.indexOf('_') > 0) q = q.slice(0, q.indexOf('_'));
      z[q] = v;
      z[q.toLowerCase()] = v;
    } else {
      const k = (j === 5 && q.slice(0, 5) === 'xmlns' ? 'xmlns' : '') + q.slice(j + 1);
      if (z[k] && q.slice(j - 3, j) === 'ext') continue;
      z[k] = v;
      z[k.toLowerCase()] = v;
    }
  }
  return z;
}

const elementPatterns = new Map<string, [RegExp, RegExp]>();

/** The library's `str_match_xml_ns`: the first `<tag …>…</tag>` (any prefix): [whole, inner], or null. */
export function matchElement(text: string, tag: string): [string, string] | null {
  let patterns = elementPatterns.get(tag);
  if (!patterns) {
    patterns = [new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g'), new RegExp(`</(?:\\w+:)?${tag}>`, 'g')];
    elementPatterns.set(tag, patterns);
  }
  const [open, close] = patterns;
  open.lastIndex = close.lastIndex = 0;
  const start = open.exec(text);
  if (!start) return null;
  close.lastIndex = open.lastIndex;
  const end = close.exec(text);
  if (!end) return null;
  return [text.slice(start.index, close.lastIndex), text.slice(open.lastIndex, end.index)];
}

/** The library's `decode_cell`: digits make the row, capitals the column, anything else is skipped. */
export function decodeCell(ref: string): { r: number; c: number } {
  let r = 0;
  let c = 0;
  for (let i = 0; i < ref.length; ++i) {
    const cc = ref.charCodeAt(i);
    if (cc >= 48 && cc <= 57) r = 10 * r + (cc - 48);
    else if (cc >= 65 && cc <= 90) c = 26 * c + (cc - 64);
  }
  return { c: c - 1, r: r - 1 };
}

/** The library's `str_remove_xml_ns_g`: every `<tag …>…</tag>` removed; null when one is not closed. */
function removeElements(text: string, tag: string): string | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g');
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, 'g');
  const out: string[] = [];
  let end = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    out.push(text.slice(end, m.index));
    end = m.index;
    close.lastIndex = open.lastIndex;
    if (!close.exec(text)) return null;
    end = close.lastIndex;
    open.lastIndex = close.lastIndex;
  }
  out.push(text.slice(end));
  return out.join('');
}

const plainText = /^\s*<(?:\w+:)?t[^>]*>/;
const textEnd = /<\/(?:\w+:)?t>/;
const runStart = /<(?:\w+:)?r\b[^<>]*>/;
const runTexts = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const anyTag = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;

/**
 * The text of a rich-text string (`<si>`, `<is>`) as the library's `parse_si` gives it: a plain
 * `<t>`, or the runs' `<t>`s without phonetic runs; undefined when it has neither, null when it
 * would make the library fail.
 */
export function richText(x: string): string | undefined | null {
  if (!x) return '';
  if (plainText.test(x)) return unescapeXml(utf8Read(x.slice(x.indexOf('>') + 1).split(textEnd)[0] ?? ''), true);
  if (!runStart.test(x)) return undefined;
  const runs = removeElements(x, 'rPh');
  if (runs === null) return null;
  return unescapeXml(utf8Read((runs.match(runTexts) ?? []).join('').replace(anyTag, '')), true);
}

/** The library's `crefregex`: an A1 reference that is not part of a name or a function. */
const cellReference =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

/**
 * The library's `shift_formula_xlsx`: a shared formula as written at `master`, moved to `cell` (the
 * relative references shifted). Throws, as the library does, when a reference would leave the sheet.
 */
export function shiftFormula(formula: string, master: string, cell: string): string {
  const from = XLSX.utils.decode_range(master).s;
  const to = decodeCell(cell);
  const dr = to.r - from.r;
  const dc = to.c - from.c;
  return formula.replace(
    cellReference,
    (_m: string, before: string, colFixed: string, col: string, rowFixed: string, row: string) =>
      before +
      (colFixed === '$' ? colFixed + col : XLSX.utils.encode_col(XLSX.utils.decode_col(col) + dc)) +
      (rowFixed === '$' ? rowFixed + row : XLSX.utils.encode_row(XLSX.utils.decode_row(row) + dr)),
  );
}
