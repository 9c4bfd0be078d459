import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  detectLegacyEncoding,
  fromTcvn3,
  fromVni,
  toUnicode,
  vietnameseScore,
  type LegacyEncoding,
} from './legacy-vietnamese';
import { LEGACY_D_STROKE, LEGACY_VOWELS, TCVN3_CAPITALS } from './legacy-vietnamese.data';

// Test-only encoders from the inverse tables: Unicode letter → what a legacy file holds.
const TO_TCVN3 = new Map<string, string>();
const TO_VNI = new Map<string, string>();
const rows = [
  ...LEGACY_VOWELS.flatMap((row) => [...row.letters].map((letter, i) => [letter, row.tcvn3[i], row.vni[i]] as const)),
  [LEGACY_D_STROKE.letter, LEGACY_D_STROKE.tcvn3, LEGACY_D_STROKE.vni] as const,
];
for (const [letter, byte = 0, vni = ''] of rows) {
  const tcvn3 = String.fromCharCode(byte);
  TO_TCVN3.set(letter, tcvn3);
  // A capital shares the small letter's byte (".VnTimeH"), except the 7 with a byte of their own.
  const capital = TCVN3_CAPITALS[letter.toUpperCase()];
  const shared = byte < 0x80 ? tcvn3.toUpperCase() : tcvn3;
  TO_TCVN3.set(letter.toUpperCase(), capital === undefined ? shared : String.fromCharCode(capital));
  TO_VNI.set(letter, vni);
  TO_VNI.set(letter.toUpperCase(), vni.toUpperCase());
}
const encode = (table: ReadonlyMap<string, string>, text: string): string =>
  [...text.normalize('NFC')].map((char) => table.get(char) ?? char).join('');
const toTcvn3 = (text: string): string => encode(TO_TCVN3, text);
const toVni = (text: string): string => encode(TO_VNI, text);

/** The 72 small vowels in six tones and đ; every one has a capital. */
const SMALL_LETTERS = [...LEGACY_VOWELS.map((row) => row.letters).join(''), LEGACY_D_STROKE.letter];
const CAPITAL_LETTERS = SMALL_LETTERS.map((letter) => letter.toUpperCase());

const NAMES = [
  'Nguyễn Văn Bình',
  'Trần Thị Hoà',
  'Đặng Thị Ngọc Ánh',
  'Lê Thị Thuỷ',
  'Huỳnh Ước',
  'Phạm Quốc Việt',
  'Võ Thị Út',
  'Dương Ngọc Yến',
];
const PLACES = ['Phường Phú Bài', 'Thừa Thiên Huế', 'Tổ 3, thôn Hải Nhuận', 'Xã Lộc Bổn, huyện Phú Lộc'];

describe('legacy tables', () => {
  test('every small letter has its own TCVN3 character and its own VNI sequence', () => {
    expect(SMALL_LETTERS).toHaveLength(73);
    expect(new Set(SMALL_LETTERS.map(toTcvn3)).size).toBe(73);
    expect(new Set([...SMALL_LETTERS, ...CAPITAL_LETTERS].map(toVni)).size).toBe(146);
  });

  test('the tables match the published charts for a few letters', () => {
    expect(toTcvn3('ăâêôơưđ ĂÂÊÔƠƯĐ')).toBe(
      '\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae \u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7',
    );
    expect(toTcvn3('àảãáạ ễ ỵ')).toBe('µ¶·¸¹ Ô þ');
    expect(toVni('ăâêôơưđ ĐƠƯ')).toBe('aêaâeâoâôöñ ÑÔÖ');
    expect(toVni('ấ ỉ ị ỵ Ỵ')).toBe('aá æ ò î Î');
  });

  test.each(SMALL_LETTERS)('TCVN3 %s round-trips', (letter) => {
    expect(fromTcvn3(toTcvn3(letter))).toBe(letter);
    expect(fromTcvn3(toTcvn3(`ngh${letter}nh`))).toBe(`ngh${letter}nh`);
  });

  test.each(CAPITAL_LETTERS)('TCVN3 %s round-trips in a capitalised or all-capital word', (letter) => {
    expect(fromTcvn3(toTcvn3(`NGH${letter}NH`))).toBe(`NGH${letter}NH`);
    expect(fromTcvn3(toTcvn3(`${letter}nh Văn`))).toBe(`${letter}nh Văn`);
  });

  test.each([...SMALL_LETTERS, ...CAPITAL_LETTERS])('VNI %s round-trips', (letter) => {
    expect(fromVni(toVni(letter))).toBe(letter);
    expect(fromVni(toVni(`Ngh${letter}nh`))).toBe(`Ngh${letter}nh`);
  });
});

describe('fromTcvn3', () => {
  test.each([
    ['NguyÔn V¨n B×nh', 'Nguyễn Văn Bình'],
    ['B¶o Th¾ng', 'Bảo Thắng'],
    ['M\u00adêng Kh\u00ad¬ng', 'Mường Khương'],
    ['Tæ 3 - khu 5', 'Tổ 3 - khu 5'],
    ['§µ N½ng', 'Đà Nẵng'],
    ['Sè CCCD', 'Số CCCD'],
    ['§¥N VÞ', 'ĐƠN VỊ'],
  ])('%j → %j', (legacy, unicode) => {
    expect(fromTcvn3(legacy)).toBe(unicode);
  });

  test.each([...NAMES, ...PLACES])('%s round-trips', (text) => {
    expect(fromTcvn3(toTcvn3(text))).toBe(text);
  });

  test.each(['NGUYỄN VĂN BÌNH', 'THỪA THIÊN HUẾ', 'NGUYỄN THỊ HÀ', 'HUYỆN Ý YÊN'])(
    'all capitals %s round-trip',
    (text) => {
      expect(fromTcvn3(toTcvn3(text))).toBe(text);
    },
  );

  test('a toned capital with no capital beside it stays small, as ".VnTime" shows it', () => {
    expect(fromTcvn3('¸nh')).toBe('ánh');
    expect(fromTcvn3('Hµ')).toBe('Hà');
    expect(fromTcvn3('nguyÔn v¨n')).toBe('nguyễn văn');
    // An all-ASCII word proves nothing: "HÀ LAN" in capitals reads as "Hà LAN".
    expect(fromTcvn3('Hµ LAN')).toBe('Hà LAN');
  });

  test('the output is NFC and keeps characters outside the table', () => {
    const out = fromTcvn3('Sè 12/3 "B×nh" 100%');
    expect(out).toBe('Số 12/3 "Bình" 100%');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('fromVni', () => {
  test.each([
    ['Nguyeãn Vaên Bình', 'Nguyễn Văn Bình'],
    ['Xin chaøo caùc baïn', 'Xin chào các bạn'],
    ['Tröôøng Sôn', 'Trường Sơn'],
    ['NGUYEÃN THÒ HOAØ', 'NGUYỄN THỊ HOÀ'],
    ['Aên uoáng', 'Ăn uống'],
    ['Thoân 3, xaõ Loäc Boån', 'Thôn 3, xã Lộc Bổn'],
  ])('%j → %j', (legacy, unicode) => {
    expect(fromVni(legacy)).toBe(unicode);
  });

  test.each([...NAMES, ...PLACES])('%s round-trips', (text) => {
    expect(fromVni(toVni(text))).toBe(text);
  });

  test('a mark after a consonant is left as it is', () => {
    expect(fromVni('Tø 5')).toBe('Tø 5');
  });
});

describe('toUnicode', () => {
  test('Unicode text comes out NFC', () => {
    expect(toUnicode('Nguye\u0302\u0303n', 'unicode')).toBe('Nguyễn');
  });

  test('converts with the encoding given', () => {
    expect(toUnicode('NguyÔn V¨n B×nh', 'tcvn3')).toBe('Nguyễn Văn Bình');
    expect(toUnicode('Nguyeãn Vaên Bình', 'vni')).toBe('Nguyễn Văn Bình');
  });

  test('leaves a text with letters only Unicode has, even in a legacy column', () => {
    expect(toUnicode('Trần Thị Hoà', 'vni')).toBe('Trần Thị Hoà');
    expect(toUnicode('Nguyễn Văn Bình', 'tcvn3')).toBe('Nguyễn Văn Bình');
  });
});

describe('detectLegacyEncoding', () => {
  test.each<[string, readonly string[], LegacyEncoding]>([
    ['Unicode names', [...NAMES, ...PLACES], 'unicode'],
    ['Unicode names without letters beyond Latin-1', ['Hoà', 'Bình', 'Hà', 'Lý Tú', 'Khoá', 'Toàn', 'Oanh'], 'unicode'],
    ['Unicode in capitals', ['HOÀNG', 'NGUYỄN VĂN BÌNH', 'LÝ'], 'unicode'],
    ['Unicode with foreign names', ['Nguyễn Văn Bình', 'Muñoz', 'Müller', 'Trần Thị Hoà', 'Lê Văn Tám'], 'unicode'],
    ['ASCII codes and numbers', ['046152999001', 'HK-0012', '1.500.000', 'Nam', '5a'], 'unicode'],
    ['an empty column', ['', '  ', ''], 'unicode'],
    ['no cells', [], 'unicode'],
    ['TCVN3 names', NAMES.map(toTcvn3), 'tcvn3'],
    ['TCVN3 addresses', PLACES.map(toTcvn3), 'tcvn3'],
    ['TCVN3 capitals', ['NGUYỄN VĂN BÌNH', 'TRẦN THỊ HOÀ'].map(toTcvn3), 'tcvn3'],
    ['VNI names', NAMES.map(toVni), 'vni'],
    ['VNI addresses', PLACES.map(toVni), 'vni'],
    ['TCVN3 with blanks and codes', ['', 'NguyÔn V¨n B×nh', '046152999001', ' ', 'TrÇn ThÞ Hoµ'], 'tcvn3'],
    ['VNI with blanks and codes', ['', 'Nguyeãn Vaên Bình', 'HK-0012', 'Traàn Thò Hoaø'], 'vni'],
    ['half Unicode, half TCVN3', [...NAMES.slice(0, 4), ...NAMES.slice(4).map(toTcvn3)], 'unicode'],
    ['TCVN3 and VNI in equal parts', [toTcvn3('Nguyễn Văn Bình'), toVni('Trần Thị Hoà')], 'unicode'],
  ])('%s → %s', (_, samples, expected) => {
    expect(detectLegacyEncoding(samples)).toBe(expected);
  });

  test('a TCVN3 column keeps one cell retyped in Unicode as it is', () => {
    const column = [...NAMES.map(toTcvn3), ...PLACES.map(toTcvn3), 'Nguyễn Thị Lan'];
    const encoding = detectLegacyEncoding(column);
    expect(encoding).toBe('tcvn3');
    expect(column.map((cell) => toUnicode(cell, encoding))).toEqual([...NAMES, ...PLACES, 'Nguyễn Thị Lan']);
  });
});

// Generated names: a family name, then syllables (an onset, a rhyme with * after the vowel that
// takes the tone, a tone; a rhyme closed by c, ch, p or t takes only the acute or the dot below).
const ONSETS = ['', ...'b c ch d đ g gi h kh l m n ng nh ph qu r s t th tr v x'.split(' ')];
const RHYMES = (
  'a* a*nh ă*ng â*n a*i a*o â*u e* ê*n ê*u i* i*nh iê*t iê*u o* o*c ô*i ô*ng ơ*i ơ*n oa* oa*n oa*nh oa*i ' +
  'u* u*ng uô*c uô*i u*a uy* uyê*n ư* ư*ng ươ*c ươ*ng ươ*i ư*u y* yê*n'
).split(' ');
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const syllable = fc
  .tuple(fc.constantFrom(...ONSETS), fc.constantFrom(...RHYMES), fc.constantFrom(...TONES), fc.boolean())
  .map(([onset, rhyme, tone, acute]) => {
    const stopTone = acute ? '\u0301' : '\u0323';
    return `${onset}${rhyme.replace('*', /[cpt]$|ch$/u.test(rhyme) ? stopTone : tone)}`.normalize('NFC');
  });
/**
 * Family names whose legacy spelling is never Unicode spelling too. Vũ and Lý in TCVN3 ("Vò",
 * "Lý") or Hồ in VNI ("Hoà") are, and a column of only such words cannot be told from Unicode.
 */
const TELLING_FAMILY_NAMES = ['nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'đặng', 'bùi', 'ngô', 'dương'];
const FAMILY_NAMES = [...TELLING_FAMILY_NAMES, 'phan', 'vũ', 'võ', 'đỗ', 'hồ', 'lý'];
type Style = 'title' | 'upper' | 'lower';
const styled = (word: string, style: Style): string =>
  style === 'upper' ? word.toUpperCase() : style === 'lower' ? word : word.charAt(0).toUpperCase() + word.slice(1);
const name = (family: readonly string[], style: Style) =>
  fc
    .tuple(fc.constantFrom(...family), fc.array(syllable, { minLength: 1, maxLength: 3 }))
    .map(([first, rest]) => [first, ...rest].map((word) => styled(word, style)).join(' '));
/** Real lists hold at least one common family name; the other names may be anything. */
const nameColumn = fc
  .constantFrom<Style>('title', 'upper', 'lower')
  .chain((style) =>
    fc
      .tuple(name(TELLING_FAMILY_NAMES, style), fc.array(name(FAMILY_NAMES, style), { minLength: 2, maxLength: 5 }))
      .map(([first, rest]) => [first, ...rest]),
  );
const codes = fc.array(fc.constantFrom('', '046152999001', 'HK-0012', '1.500.000'), { maxLength: 3 });

/**
 * Whether the case of a TCVN3 cell can be read back (fromTcvn3): in capitals, some word with a
 * TCVN3 letter needs two capitals of their own; capitalised, some word must start with one.
 * Otherwise ".VnTime" and ".VnTimeH" text are the same characters ("Hµ" is "Hà" and "HÀ").
 */
function tcvn3CaseReadable(cell: string): boolean {
  const fixed = (char: string): boolean =>
    /[A-Z]/.test(char) || Object.values(TCVN3_CAPITALS).includes(char.charCodeAt(0));
  const words = toTcvn3(cell).split(' ');
  const legacy = (word: string): boolean => /[^\p{ASCII}]/u.test(word);
  if (cell === cell.toUpperCase()) return words.some((word) => legacy(word) && [...word].filter(fixed).length >= 2);
  if (cell === cell.toLowerCase()) return true;
  return words.some((word) => fixed(word.charAt(0)));
}

describe('legacy text properties', () => {
  const alphabet = [...SMALL_LETTERS, ...'bcdghklmnpqrstvx0123456789 ,.-/'];

  test('any small text over the Vietnamese alphabet survives TCVN3 encoding and decoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet) }), (text) => fromTcvn3(toTcvn3(text)) === text),
    );
  });

  test('any text over the Vietnamese alphabet, both cases, survives VNI encoding and decoding', () => {
    const both = [...alphabet, ...CAPITAL_LETTERS, ...'BCDGHKLMNPQRSTVX'];
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...both) }), (text) => fromVni(toVni(text)) === text));
  });

  test('a column of names survives encoding, detection and decoding', () => {
    fc.assert(
      fc.property(nameColumn, codes, fc.constantFrom('tcvn3', 'vni'), (names, other, encoding) => {
        if (encoding === 'tcvn3') fc.pre(names.every(tcvn3CaseReadable));
        const column = [...names, ...other];
        const legacy = column.map(encoding === 'tcvn3' ? toTcvn3 : toVni);
        const detected = detectLegacyEncoding(legacy);
        expect(detected).toBe(encoding);
        expect(legacy.map((cell) => toUnicode(cell, detected))).toEqual(column);
      }),
      { numRuns: 300 },
    );
  });

  test('a column of Unicode names is never converted', () => {
    fc.assert(
      fc.property(nameColumn, codes, (names, other) => detectLegacyEncoding([...names, ...other]) === 'unicode'),
      { numRuns: 300 },
    );
  });
});

test('vietnameseScore: well-formed syllables beyond ASCII count up, others down', () => {
  expect(vietnameseScore(['Nguyễn Văn Bình', 'Thôn 0 xã Phú Bài'])).toBe(7);
  expect(vietnameseScore(['Nguyờịn Vón Biènh'])).toBeLessThan(vietnameseScore(['Nguyễn Văn Bình']));
  // Decomposed input is read as composed; ASCII words do not count.
  expect(vietnameseScore(['Nguyễn An'.normalize('NFD')])).toBe(1);
});
