/**
 * Vietnamese typed with legacy fonts, as the monthly list import reads it: which encoding a column
 * is in (`detectLegacyEncoding`) and its text as NFC Unicode (`toUnicode`). Tables and their
 * sources are in legacy-vietnamese.data.ts. Convert a cell before `normalizeText` or
 * `foldVietnamese`: they remove the soft hyphen that is TCVN3's ư.
 */
import { LEGACY_D_STROKE, LEGACY_VOWELS, TCVN3_CAPITALS } from './legacy-vietnamese.data';

export const legacyEncodings = ['unicode', 'tcvn3', 'vni'] as const;
export type LegacyEncoding = (typeof legacyEncodings)[number];

type Tcvn3Letter = { letter: string; capital: boolean };

/** TCVN3 character → lower-case letter (shared with its capital) or one of the 7 own capitals. */
const TCVN3_LETTERS = new Map<string, Tcvn3Letter>();
/** VNI-Windows sequence of one or two characters → letter, capitals included. */
const VNI_LETTERS = new Map<string, string>();

for (const row of LEGACY_VOWELS) {
  [...row.letters].forEach((letter, i) => addLetter(letter, row.tcvn3[i] ?? 0, row.vni[i] ?? ''));
}
addLetter(LEGACY_D_STROKE.letter, LEGACY_D_STROKE.tcvn3, LEGACY_D_STROKE.vni);
for (const [letter, byte] of Object.entries(TCVN3_CAPITALS)) {
  TCVN3_LETTERS.set(String.fromCharCode(byte), { letter, capital: true });
}

function addLetter(letter: string, tcvn3: number, vni: string): void {
  // Bytes 0xA0–0xFF are the Windows-1252 characters of the same number; below 0x80 is ASCII.
  if (tcvn3 >= 0x80) TCVN3_LETTERS.set(String.fromCharCode(tcvn3), { letter, capital: false });
  if (vni.length === 1 && vni.charCodeAt(0) < 0x80) return;
  VNI_LETTERS.set(vni, letter);
  VNI_LETTERS.set(vni.toUpperCase(), letter.toUpperCase());
}

/**
 * Letters that only Unicode has, and combining marks: neither a TCVN3 nor a VNI file read as
 * Windows-1252 can contain them, so a text with one is Unicode already.
 */
const UNICODE_ONLY = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]|\p{M}/u;
const NON_ASCII = /[^\p{ASCII}]/u;
/** A word: ASCII letters and Latin-1 characters (legacy letters are ¨ × µ …), not the no-break space. */
const WORD = /[A-Za-z\u00A1-\u00FF]+/gu;

/**
 * TCVN3 (TCVN 5712:1993 VN3, the ABC ".VnTime" fonts) to NFC Unicode.
 *
 * A toned capital has no byte of its own: ".VnTimeH" draws the lower-case byte as a capital. Its
 * case is taken from the word (two or more capitals and no small letter: "B×NH" → "BÌNH"), else
 * from the rest of the cell when the word has no small letter and another word with a TCVN3
 * letter is all capitals ("NGUYÔN THÞ Hµ"), and a word starting with such a letter is capitalised
 * when every other word of the cell starts with a capital ("§Æng ThÞ Ngäc ¸nh" → "Đặng Thị Ngọc
 * Ánh"). Otherwise it is small, as ".VnTime" shows it.
 */
export function fromTcvn3(text: string): string {
  const words = [...text.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index }));
  const cases = words.map((word) => wordCase(word.text));
  // An ASCII word in capitals is an acronym ("Sè CCCD"), not a sign of the capital font.
  const capitalFont = words.some((word, i) => cases[i] === 'upper' && [...word.text].some((c) => TCVN3_LETTERS.has(c)));
  const cellAllCaps = capitalFont && !cases.includes('lower');
  const initials = words.map((word) => knownCase(word.text[0] ?? ''));
  let out = '';
  let end = 0;
  words.forEach((word, i) => {
    const others = initials.filter((_, j) => j !== i && initials[j] !== undefined);
    const allCaps = cases[i] === 'upper' || (cases[i] === 'unknown' && cellAllCaps);
    const capitalised = others.length > 0 && others.every((c) => c === 'upper');
    out += text.slice(end, word.start) + decodeTcvn3Word(word.text, allCaps, capitalised);
    end = word.start + word.text.length;
  });
  return (out + text.slice(end)).normalize('NFC');
}

function decodeTcvn3Word(word: string, allCaps: boolean, capitalised: boolean): string {
  return [...word]
    .map((char, i) => {
      const entry = TCVN3_LETTERS.get(char);
      if (!entry) return char;
      const upper = entry.capital || allCaps || (i === 0 && capitalised);
      return upper ? entry.letter.toUpperCase() : entry.letter;
    })
    .join('');
}

/** Case of a character TCVN3 fixes: ASCII letters and the 7 own capitals. */
function knownCase(char: string): 'upper' | 'lower' | undefined {
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= 'a' && char <= 'z') return 'lower';
  return TCVN3_LETTERS.get(char)?.capital ? 'upper' : undefined;
}

function wordCase(word: string): 'upper' | 'lower' | 'unknown' {
  const known = [...word].map(knownCase);
  if (known.includes('lower')) return 'lower';
  return known.filter((c) => c === 'upper').length >= 2 ? 'upper' : 'unknown';
}

/**
 * VNI-Windows to NFC Unicode: each letter is a base letter and a mark character ("aø" → à,
 * "oâ" → ô, "ôù" → ớ) or one character (ñ → đ, ô → ơ, ö → ư, ò → ị). A capital base with a small
 * mark ("Aø", as Excel's PROPER leaves it) is read as the capital letter.
 */
export function fromVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const next = text[i + 1] ?? '';
    const pair =
      next === ''
        ? undefined
        : (VNI_LETTERS.get(char + next) ?? (isUpper(char) ? VNI_LETTERS.get(char + next.toUpperCase()) : undefined));
    if (pair !== undefined) {
      out += pair;
      i++;
    } else {
      out += VNI_LETTERS.get(char) ?? char;
    }
  }
  return out.normalize('NFC');
}

const isUpper = (char: string): boolean => char !== char.toLowerCase();

/**
 * The text in NFC Unicode. A text with letters only Unicode has is left as it is, whatever the
 * column's encoding: a cell retyped in Unicode inside a legacy column must not be converted twice.
 */
export function toUnicode(text: string, encoding: LegacyEncoding): string {
  if (encoding === 'unicode' || UNICODE_ONLY.test(text)) return text.normalize('NFC');
  return encoding === 'tcvn3' ? fromTcvn3(text) : fromVni(text);
}

/**
 * The encoding of one import column, from its cells (a sample of a few hundred is plenty).
 *
 * Each cell with a non-ASCII character votes. A cell with a letter only Unicode has votes
 * 'unicode'. Any other is read three ways (as it is, as TCVN3, as VNI) and each reading scores
 * its words: +1 for a well-formed Vietnamese syllable, −1 otherwise. A conversion gets the vote
 * only when it scores strictly higher than both other readings, so Unicode text, whose own
 * reading is already well formed, never votes for one ("Hoà" read as VNI is "Hồ": a tie).
 * The column is legacy only when one conversion has more votes than the other and at least four
 * times the Unicode votes; ASCII, empty or undecided columns are 'unicode'.
 */
export function detectLegacyEncoding(samples: readonly string[]): LegacyEncoding {
  let unicode = 0;
  let tcvn3 = 0;
  let vni = 0;
  for (const sample of samples) {
    if (!NON_ASCII.test(sample)) continue;
    if (UNICODE_ONLY.test(sample)) {
      unicode++;
      continue;
    }
    const vote = cellVote(sample);
    if (vote === 'tcvn3') tcvn3++;
    if (vote === 'vni') vni++;
  }
  const winner = tcvn3 > vni ? 'tcvn3' : 'vni';
  const votes = Math.max(tcvn3, vni);
  if (votes === 0 || tcvn3 === vni || unicode * 4 > votes) return 'unicode';
  return winner;
}

/**
 * How Vietnamese-looking some Unicode texts are: +1 for each word with a letter beyond ASCII that
 * is a well-formed syllable, −1 for each that is not. Compares two readings of the same bytes
 * (a CSV read as Windows-1258, or as a legacy font converted), the better one scoring higher.
 */
export function vietnameseScore(texts: readonly string[]): number {
  let score = 0;
  for (const text of texts)
    for (const [word] of text.normalize('NFC').matchAll(/\p{L}+/gu))
      if (NON_ASCII.test(word)) score += syllableScore(word);
  return score;
}

function cellVote(sample: string): LegacyEncoding | undefined {
  let asIs = 0;
  let tcvn3 = 0;
  let vni = 0;
  for (const [word] of sample.matchAll(WORD)) {
    if (!NON_ASCII.test(word)) continue;
    asIs += syllableScore(word);
    tcvn3 += syllableScore(decodeTcvn3Word(word, false, false));
    vni += syllableScore(fromVni(word));
  }
  if (tcvn3 > asIs && tcvn3 > vni) return 'tcvn3';
  if (vni > asIs && vni > tcvn3) return 'vni';
  return undefined;
}

const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;
/** A tone mark on something other than a vowel (after its circumflex, breve or horn, in NFD). */
const MISPLACED_TONE = /(?<![aeiouy]|\u0302|\u0306|\u031B)[\u0300\u0301\u0303\u0309\u0323]/u;
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?';
/** Nuclei ending in a glide, and ia/ua/ưa: nothing may follow. */
const OPEN =
  'iêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu|ya';
/** Nuclei that need a final consonant. */
const CLOSED = 'uyê|iê|yê|uô|ươ|oă|uâ|oo|ôô|ă|â';
const EITHER = 'oa|oe|uê|uy|[aeêioôơuưy]';
const RHYME = `(?:${OPEN}|(?:${CLOSED}|${EITHER})[cmnpt]|(?:${CLOSED}|${EITHER})ng|(?:oa|uê|uy|[aêiy])(?:ch|nh)|${EITHER})`;
/** A syllable without its tone: onset, then a rhyme (vowel nucleus, glides included, and final consonant). */
const SYLLABLE = new RegExp(`^${ONSET}${RHYME}$`, 'u');
/** A syllable closed by c, ch, p or t takes the acute or the dot below. */
const STOP_FINAL = /(?:c|ch|p|t)$/u;

/** +1 for a word shaped like a Vietnamese syllable (one tone at most, on a vowel), −1 otherwise. */
function syllableScore(word: string): number {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARK) ?? [];
  if (tones.length > 1 || MISPLACED_TONE.test(decomposed)) return -1;
  const base = decomposed.replace(TONE_MARK, '').normalize('NFC');
  if (!SYLLABLE.test(base)) return -1;
  return STOP_FINAL.test(base) && tones[0] !== '\u0301' && tones[0] !== '\u0323' ? -1 : 1;
}
