import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compareNames,
  foldVietnamese,
  matchesQuery,
  nameParts,
  nameSortKey,
  normalizeText,
  queryWords,
  searchTokens,
} from './vietnamese-text';

const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;

/** A syllable with a two-vowel nucleus where the tone may sit on either vowel (old vs new style). */
const toneSyllable = fc.record({
  onset: fc.constantFrom('h', 'th', 'x', 'ng', 'kh', 'q', 't', ''),
  nucleus: fc.constantFrom(['o', 'a'], ['o', 'e'], ['u', 'y']),
  tone: fc.constantFrom(...TONE_MARKS.slice(1)),
  upper: fc.boolean(),
});

function placeTone(onset: string, [first, second]: readonly string[], tone: string, onFirst: boolean): string {
  const text = onFirst ? `${onset}${first}${tone}${second}` : `${onset}${first}${second}${tone}`;
  return text.normalize('NFC');
}

describe('normalizeText', () => {
  test.each([
    ['  Trần   Thị\tHoa ', 'Trần Thị Hoa'],
    ['Nguye\u0302\u0303n', 'Nguyễn'],
    ['Lê\u00A0Gia\u200BBảo', 'Lê GiaBảo'],
    ['\uFEFFHồ Thị Lan\r\n', 'Hồ Thị Lan'],
    ['Hoà', 'Hoà'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('foldVietnamese', () => {
  test.each([
    ['Nguyễn Văn Bình', 'nguyen van binh'],
    ['NGUYỄN VĂN BÌNH', 'nguyen van binh'],
    ['Đặng Thị Đào', 'dang thi dao'],
    ['Hoà', 'hoa'],
    ['Hòa', 'hoa'],
    ['Thuỷ', 'thuy'],
    ['Thủy', 'thuy'],
    ['Nguye\u0302\u0303n', 'nguyen'],
    ['  Trần \u00A0 Thị\tHoa\n', 'tran thi hoa'],
    ['Ưng Ơn Ấm Ộp', 'ung on am op'],
    ['\u00D0ặng', 'dang'],
    ['Chân Mây - Lăng Cô', 'chan may - lang co'],
    ['046152999001', '046152999001'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  test('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const once = foldVietnamese(text);
        expect(foldVietnamese(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('gives the same key for NFC and NFD input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(foldVietnamese(text.normalize('NFD'))).toBe(foldVietnamese(text.normalize('NFC')));
      }),
      { numRuns: 1000 },
    );
  });

  test('ignores tone placement (oà/òa, oé/óe, uý/úy), form and case', () => {
    fc.assert(
      fc.property(toneSyllable, fc.boolean(), ({ onset, nucleus, tone, upper }, nfd) => {
        const oldStyle = placeTone(onset, nucleus, tone, true);
        const newStyle = placeTone(onset, nucleus, tone, false);
        expect(oldStyle).not.toBe(newStyle);
        const variant = upper ? newStyle.toUpperCase() : newStyle;
        const input = nfd ? variant.normalize('NFD') : variant;
        expect(foldVietnamese(input)).toBe(foldVietnamese(oldStyle));
        expect(foldVietnamese(input)).toBe(onset + nucleus.join(''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('searchTokens', () => {
  test.each([
    ['Nguyễn Văn Bình', ['nguyen', 'van', 'binh']],
    ['Trần Thị Trần', ['tran', 'thi']],
    ['Xã Chân Mây - Lăng Cô', ['xa', 'chan', 'may', 'lang', 'co']],
    ['Tổ 5, Thủy Lương', ['to', '5', 'thuy', 'luong']],
    ['046152999001 0912000111', ['046152999001', '0912000111']],
    ['   ', []],
  ])('%j → %j', (text, expected) => {
    expect(searchTokens(text)).toEqual(expected);
  });
});

describe('matchesQuery', () => {
  const binh = searchTokens('Nguyễn Văn Bình 046045999002');
  test.each([
    ['ng v binh', true],
    ['Bình', true],
    ['BINH NGUYEN', true],
    ['nguyễn bìn', true],
    ['046 045', true],
    ['0460', true],
    ['', true],
    ['binh tran', false],
    ['inh', false],
    ['045999', false],
  ])('%j → %j', (query, expected) => {
    expect(matchesQuery(binh, query)).toBe(expected);
  });

  test('splits a query into folded words, joining grouped digits', () => {
    expect(queryWords(' Lê  GIA ')).toEqual(['le', 'gia']);
    expect(queryWords('046.152 999')).toEqual(['046152999']);
  });
});

describe('nameParts', () => {
  test.each([
    ['Nguyễn Thị Thu Hà', { family: 'Nguyễn', middle: 'Thị Thu', given: 'Hà' }],
    ['Lê Bảo', { family: 'Lê', middle: '', given: 'Bảo' }],
    ['Bảo', { family: '', middle: '', given: 'Bảo' }],
    ['', { family: '', middle: '', given: '' }],
  ])('%j', (name, expected) => {
    expect(nameParts(name)).toEqual(expected);
  });
});

const roster = [
  'Trần Thị Hoa',
  'Nguyễn Văn Bình',
  'Lê Gia Bảo',
  'Hồ Thị Lan',
  'Phan Văn Tâm',
  'Đặng Văn An',
  'Dương Thị An',
  'Âu Văn Ánh',
  'Nguyễn Thị Anh',
];
const expectedOrder = [
  'Dương Thị An',
  'Đặng Văn An',
  'Nguyễn Thị Anh',
  'Âu Văn Ánh',
  'Lê Gia Bảo',
  'Nguyễn Văn Bình',
  'Trần Thị Hoa',
  'Hồ Thị Lan',
  'Phan Văn Tâm',
];

describe('compareNames', () => {
  test('sorts by given name, then family name, in Vietnamese alphabetical order', () => {
    expect([...roster].sort(compareNames)).toEqual(expectedOrder);
  });

  test.each([
    ['An', 'Ăn', -1],
    ['Du', 'Đu', -1],
    ['Ơn', 'Ôn', 1],
    ['Lê Bình', 'Trần Bình', -1],
    ['Lê An Bình', 'Lê Văn Bình', -1],
    ['Lê Văn Bình', 'Le\u0302 Va\u0306n Bi\u0300nh', 0],
  ])('%j vs %j → %i', (a, b, sign) => {
    expect(Math.sign(compareNames(a, b))).toBe(sign);
  });
});

/** Names built from the Vietnamese alphabet with tones on vowels and mixed case, as on a roster. */
const vietnameseWord = fc
  .tuple(
    fc.array(fc.constantFrom(...'bcdđghklmnpqrstvx'), { maxLength: 2 }),
    fc.constantFrom(...'aăâeêioôơuưy'),
    fc.constantFrom(...TONE_MARKS),
    fc.array(fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxy'), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([onset, vowel, tone, rest, title]) => {
    const word = `${onset.join('')}${vowel}${tone}${rest.join('')}`.normalize('NFC');
    return title ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  });
const vietnameseName = fc.array(vietnameseWord, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));

describe('nameSortKey', () => {
  test('sorts the roster like compareNames under plain string comparison', () => {
    const byKey = [...roster].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(byKey).toEqual(expectedOrder);
  });

  test('orders tones and marked letters like the Vietnamese collation', () => {
    const words = ['ba', 'bà', 'bả', 'bã', 'bá', 'bạ', 'Ba', 'Bá', 'bă', 'bâ', 'đa', 'Đa', 'da', 'bo', 'bơ', 'bô'];
    const byKey = [...words].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(byKey).toEqual([...words].sort(compareNames));
  });

  test('agrees with compareNames on near-equal names (few letters, so tones and case decide)', () => {
    const word = fc
      .tuple(
        fc.constantFrom('b', 'đ', 'd'),
        fc.constantFrom('a', 'ă', 'o'),
        fc.constantFrom(...TONE_MARKS),
        fc.boolean(),
      )
      .map(([onset, vowel, tone, title]) => {
        const text = `${title ? onset.toUpperCase() : onset}${vowel}${tone}`.normalize('NFC');
        return text;
      });
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ka = nameSortKey(a);
        const kb = nameSortKey(b);
        expect(ka < kb ? -1 : ka > kb ? 1 : 0).toBe(Math.sign(compareNames(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  test('agrees with compareNames on any two Vietnamese names', () => {
    fc.assert(
      fc.property(vietnameseName, vietnameseName, (a, b) => {
        const ka = nameSortKey(a);
        const kb = nameSortKey(b);
        const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
        expect(byKey).toBe(Math.sign(compareNames(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});
