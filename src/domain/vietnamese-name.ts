/**
 * Ordering of Vietnamese personal names: lists are sorted by given name (tên, the last word),
 * then family name (họ, the first word), then middle names (docs/domain.md §7.1), in Vietnamese
 * alphabetical order (a < ă < â … d < đ … u < ư; tones after the letter: a à ả ã á ạ).
 */

const collator = new Intl.Collator('vi');

export type NameParts = { family: string; middle: string; given: string };

/** Splits "Nguyễn Thị Thu Hà" into family "Nguyễn", middle "Thị Thu", given "Hà". */
export function nameParts(fullName: string): NameParts {
  const words = fullName.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  const given = words.at(-1) ?? '';
  if (words.length < 2) return { family: '', middle: '', given };
  return { family: words[0] ?? '', middle: words.slice(1, -1).join(' '), given };
}

/** Comparator for `Array.prototype.sort`: given name, then family name, then middle names. */
export function compareNames(a: string, b: string): number {
  const pa = nameParts(a);
  const pb = nameParts(b);
  return (
    collator.compare(pa.given, pb.given) ||
    collator.compare(pa.family, pb.family) ||
    collator.compare(pa.middle, pb.middle)
  );
}

// Primary order of the Vietnamese alphabet; f, j, w, z (foreign names) take their Latin places.
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_MARKS: Record<string, string> = { '\u0306': 'ă', '\u0302': 'â', '\u031B': 'ơ' };
// Tone order of the Vietnamese collation: ngang < huyền < hỏi < ngã < sắc < nặng.
const TONES: Record<string, string> = { '\u0300': '1', '\u0309': '2', '\u0303': '3', '\u0301': '4', '\u0323': '5' };
const PART_END = '\u0000';
const LEVEL_END = '\u0001';
const SPACE = '\u0002';
const OTHER = '\u4000';

/**
 * A plain string whose binary order equals `compareNames` order, for an IndexedDB index
 * (IndexedDB compares strings by code unit, not by locale). Exact for names made of
 * Vietnamese letters, digits and spaces; other characters sort after letters.
 */
export function nameSortKey(fullName: string): string {
  const { family, middle, given } = nameParts(fullName);
  return [given, family, middle].map(partKey).join(PART_END);
}

/** One name part as primary letters, then tones, then case: the collator's three levels. */
function partKey(part: string): string {
  let primary = '';
  let tones = '';
  let cases = '';
  for (const char of part) {
    const decomposed = char.normalize('NFD');
    const base = decomposed[0] ?? '';
    const lower = base.toLowerCase();
    let letter = lower;
    let tone = '0';
    for (const mark of decomposed.slice(1)) {
      if (mark in TONES) tone = TONES[mark] ?? '0';
      else if (mark in LETTER_MARKS) letter = letterWithMark(lower, mark);
    }
    primary += primaryChar(letter, char);
    tones += tone;
    cases += base === lower ? '0' : '1';
  }
  return primary + LEVEL_END + tones + LEVEL_END + cases;
}

/** ă from a + breve, â ê ô from circumflex, ơ ư from horn. */
function letterWithMark(base: string, mark: string): string {
  if (mark === '\u0306') return base === 'a' ? 'ă' : base;
  if (mark === '\u0302') return { a: 'â', e: 'ê', o: 'ô' }[base] ?? base;
  return { o: 'ơ', u: 'ư' }[base] ?? base;
}

function primaryChar(letter: string, original: string): string {
  if (/\s/u.test(letter)) return SPACE;
  if (letter >= '0' && letter <= '9') return letter;
  const index = ALPHABET.indexOf(letter);
  if (index >= 0) return String.fromCharCode(0x41 + index);
  // Anything else: one bucket after the letters, the character itself breaking ties.
  return OTHER + original;
}
