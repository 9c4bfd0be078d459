import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from '../lib/assert';
import { amountInWordsVi, formatAmount, formatVnd, sumVnd, vnd, type Vnd } from './money';

describe('vnd', () => {
  test('accepts whole đồng', () => {
    expect(vnd(500_000)).toBe(500_000);
    expect(vnd(-2_500_000)).toBe(-2_500_000);
  });

  test.each([0.5, 1250000.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('throws on %d: a bug upstream', (n) => {
    expect(() => vnd(n)).toThrow(AssertionError);
  });
});

describe('formatVnd', () => {
  test.each([
    [500_000, '500.000\u00A0₫'],
    [1_250_000, '1.250.000\u00A0₫'],
    [0, '0\u00A0₫'],
    [10_800_000, '10.800.000\u00A0₫'],
  ])('%i → %j (no-break space before ₫)', (amount, text) => {
    expect(formatVnd(vnd(amount))).toBe(text);
  });

  test('lists columns without the symbol', () => {
    expect(formatAmount(vnd(1_000_000))).toBe('1.000.000');
  });
});

/** Reads the words back, independently of the writer, for the round-trip property. */
function wordsToNumber(text: string): number {
  const values: Record<string, number> = {
    không: 0,
    một: 1,
    mốt: 1,
    hai: 2,
    ba: 3,
    bốn: 4,
    năm: 5,
    lăm: 5,
    sáu: 6,
    bảy: 7,
    tám: 8,
    chín: 9,
  };
  const tokens = text
    .toLowerCase()
    .replace(/ đồng$/u, '')
    .split(' ');
  const negative = tokens[0] === 'âm';
  if (negative) tokens.shift();
  const group = (words: string[]): number => {
    let total = 0;
    let last = 0;
    for (const word of words) {
      if (word === 'trăm') total += last * 100;
      else if (word === 'mươi') total += last * 10;
      else if (word === 'mười') total += 10;
      else if (word === 'linh' || word === 'lẻ') continue;
      else {
        last = values[word] ?? Number.NaN;
        continue;
      }
      last = 0;
    }
    return total + last;
  };
  const belowBillion = (words: string[]): number => {
    let total = 0;
    let current: string[] = [];
    for (const word of words) {
      if (word === 'triệu') total += group(current) * 1_000_000;
      else if (word === 'nghìn') total += group(current) * 1000;
      else {
        current.push(word);
        continue;
      }
      current = [];
    }
    return total + group(current);
  };
  const read = (words: string[]): number => {
    const at = words.lastIndexOf('tỷ');
    if (at < 0) return belowBillion(words);
    return read(words.slice(0, at)) * 1_000_000_000 + belowBillion(words.slice(at + 1));
  };
  const value = read(tokens);
  return negative ? -value : value;
}

describe('amountInWordsVi', () => {
  test.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi bốn đồng'],
    [25, 'Hai mươi lăm đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [1000, 'Một nghìn đồng'],
    [500_000, 'Năm trăm nghìn đồng'],
    [750_000, 'Bảy trăm năm mươi nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_000_050, 'Một triệu không trăm năm mươi đồng'],
    [2_500_000, 'Hai triệu năm trăm nghìn đồng'],
    [10_000_000, 'Mười triệu đồng'],
    [10_800_000, 'Mười triệu tám trăm nghìn đồng'],
    [21_015_000, 'Hai mươi mốt triệu không trăm mười lăm nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [1_200_000_000_000, 'Một nghìn hai trăm tỷ đồng'],
    [-500_000, 'Âm năm trăm nghìn đồng'],
  ])('%i → %j', (amount, words) => {
    expect(amountInWordsVi(vnd(amount))).toBe(words);
  });

  test('can say "lẻ" instead of "linh"', () => {
    expect(amountInWordsVi(vnd(1_005_000), { zeroTens: 'lẻ' })).toBe('Một triệu không trăm lẻ năm nghìn đồng');
  });

  test('reads back to the same amount for any whole number of đồng', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (amount) => {
        const words = amountInWordsVi(vnd(amount));
        expect(words).toMatch(/^[A-ZÂKMHBNSTC][^ ]*( [^ ]+)* đồng$/u);
        expect(wordsToNumber(words)).toBe(amount);
      }),
      { numRuns: 2000 },
    );
  });

  test('throws on a fraction of a đồng', () => {
    // A fraction that slipped past the type (an untyped caller) is still caught.
    expect(() => amountInWordsVi(0.5 as Vnd)).toThrow(AssertionError);
  });
});

describe('sumVnd', () => {
  test('adds whole đồng, and an empty list is 0', () => {
    expect(sumVnd([vnd(500_000), vnd(750_000), vnd(1)])).toBe(1_250_001);
    expect(sumVnd([])).toBe(0);
  });

  test('a fraction that slipped in is caught, not summed', () => {
    expect(() => sumVnd([vnd(1), 0.5 as Vnd])).toThrow(AssertionError);
  });
});
