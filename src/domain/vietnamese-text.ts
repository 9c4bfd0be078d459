/**
 * Vietnamese text for search and comparison (docs/domain.md §7.1): folding to a diacritic-free
 * key, search tokens for the roster's prefix index, and query matching.
 * Name ordering lives in vietnamese-name.ts and is re-exported here.
 */

export { compareNames, nameParts, nameSortKey } from './vietnamese-name';
export type { NameParts } from './vietnamese-name';

/** Every Unicode whitespace run, including no-break and ideographic spaces. */
const WHITESPACE_RUN = /\s+/gu;
/**
 * Invisible characters that scanners, Word and Excel leave in text: zero-width space/joiners,
 * word joiner, BOM, soft hyphen. They make equal-looking names compare unequal.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
/** Nonspacing marks: tone marks and the vowel marks of ă â ê ô ơ ư once decomposed. */
const NONSPACING_MARKS = /\p{Mn}/gu;
/** Token separators for search: anything that is neither a letter nor a digit. */
const NON_WORD_RUN = /[^\p{L}\p{N}]+/u;

/**
 * NFC, invisible characters removed, whitespace collapsed to one space, trimmed. The form every
 * input boundary (QR, forms, imports) stores, so that equal names are equal strings
 * except for tone placement (`Hoà`/`Hòa` stay distinct: both occur in official data).
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * A diacritic-free, lower-case key: "Nguyễn  Thị Hoà" → "nguyen thi hoa".
 *
 * Equal for NFC and NFD input, old and new tone placement (`Hoà`/`Hòa`, `Thuỷ`/`Thủy`) and any
 * letter case, so search and name matching never depend on how a keyboard or an Excel file
 * encoded the text. Not for display and not for sorting (see `compareNames`).
 */
export function foldVietnamese(text: string): string {
  return (
    text
      .normalize('NFC')
      // Lower-case before decomposing: lower-casing can itself produce marks (`İ` → `i̇`).
      .toLowerCase()
      .normalize('NFD')
      .replace(NONSPACING_MARKS, '')
      // đ/Đ have no decomposition: stripping marks alone would leave "Đặng" as "đang".
      // U+00D0/U+00F0 (Icelandic eth) look identical and appear in converted TCVN3/VNI files.
      .replace(/[đð]/gu, 'd')
      .replace(INVISIBLE, '')
      .replace(WHITESPACE_RUN, ' ')
      .trim()
      // Recompose what the marks were not stripped from (Hangul, etc.) so the result is stable.
      .normalize('NFC')
  );
}

/**
 * Distinct folded words of a text, in order of first appearance, for a multi-entry prefix index.
 * Punctuation splits words ("Chân Mây - Lăng Cô" → chan, may, lang, co); digit runs are kept
 * as they are so ID numbers and phone numbers can be searched by prefix too.
 */
export function searchTokens(text: string): string[] {
  const tokens = foldVietnamese(text).split(NON_WORD_RUN);
  return [...new Set(tokens.filter((token) => token.length > 0))];
}

/**
 * True when every word of the query is a prefix of some token: "ng v binh" matches the tokens of
 * "Nguyễn Văn Bình". An empty query matches everything (the unfiltered list).
 * Spaces inside a digit query are ignored, so "046 152" finds "046152999001".
 */
export function matchesQuery(tokens: readonly string[], query: string): boolean {
  const words = queryWords(query);
  return words.every((word) => tokens.some((token) => token.startsWith(word)));
}

/** The folded words of a search query, as `matchesQuery` uses them. */
export function queryWords(query: string): string[] {
  const folded = foldVietnamese(query);
  // People type ID and phone numbers in groups ("046 152 999 001"); tokens hold them whole.
  const joined = /^[\d\s.-]+$/u.test(folded) ? folded.replace(/[\s.-]/gu, '') : folded;
  return joined.split(NON_WORD_RUN).filter((word) => word.length > 0);
}
