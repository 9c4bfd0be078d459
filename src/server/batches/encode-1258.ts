/**
 * Text as Windows-1258 bytes, for providers whose CSV must be in the old Windows code page
 * (docs/domain.md §7). The code page spells Vietnamese as a base letter (â, ê, ô, ơ, ư, đ are one
 * byte each) followed by a combining tone mark, so precomposed letters are split into base + tone
 * first. A character the code page lacks becomes "?".
 */
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';

const codepages = (cptable as unknown as { utils: { encode: (cp: number, text: string) => ArrayLike<number> } }).utils;

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const MARK = /\p{M}/u;

/** NFC letters rewritten as the code page's letters + tones. */
export function toCp1258Spelling(text: string): string {
  let out = '';
  let base = '';
  let tones = '';
  const flush = () => {
    // Circumflex, breve and horn stay on their letter (â, ă, ơ, ư are single bytes); the tone
    // follows it, whatever order NFD put the marks in ("ệ" is e, dot below, circumflex).
    out += base.normalize('NFC') + tones;
    base = '';
    tones = '';
  };
  for (const ch of text.normalize('NFD')) {
    if (TONE.test(ch)) tones += ch;
    else if (MARK.test(ch)) base += ch;
    else {
      flush();
      base = ch;
    }
  }
  flush();
  return out;
}

export function encodeCp1258(text: string): Uint8Array {
  const spelled = toCp1258Spelling(text);
  const bytes = Uint8Array.from(codepages.encode(1258, spelled));
  // The library writes 0 for a character it cannot map; only a real NUL may stay 0.
  const chars = [...spelled];
  return bytes.map((b, i) => (b === 0 && chars[i] !== '\u0000' ? 0x3f : b));
}
