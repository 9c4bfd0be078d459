/**
 * Money: integer đồng (docs/domain.md §7.3). One formatting helper for screens and one reading of
 * an amount in words for receipts and payment lists ("Bằng chữ: …").
 */
import { assert } from '../lib/assert';
import type { Brand } from '../lib/brand';

/** A whole number of đồng. VND has no minor unit in practice; never a float. */
export type Vnd = Brand<number, 'Vnd'>;

/** Brands a number as đồng. A fraction is a bug upstream, not an expected outcome: it throws. */
export function vnd(amount: number): Vnd {
  assert(Number.isSafeInteger(amount), `Not a whole number of đồng: ${amount}`);
  return amount as Vnd;
}

/** The sum of amounts, still whole đồng. */
export function sumVnd(amounts: Iterable<Vnd>): Vnd {
  let total = 0;
  for (const amount of amounts) total += amount;
  return vnd(total);
}

const currencyFormat = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const plainFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** "500.000 ₫": dot thousands separator, U+00A0 no-break space, then U+20AB. */
export function formatVnd(amount: Vnd): string {
  return currencyFormat.format(amount);
}

/** "500.000", for list columns whose header already says "đồng". */
export function formatAmount(amount: Vnd): string {
  return plainFormat.format(amount);
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

export type AmountInWordsOptions = {
  /**
   * Word for a zero tens digit before a unit (105): "linh" (northern and formal usage, the
   * default) or "lẻ" (southern usage).
   */
  zeroTens?: 'linh' | 'lẻ';
};

const digit = (n: number): string => DIGITS[n] ?? '';

/**
 * Words for 0–999. `inner` is true when a higher group was already read, so a zero hundreds
 * digit is still spoken: 1.005.000 is "một triệu không trăm linh năm nghìn".
 */
function readGroup(n: number, inner: boolean, zeroTens: string): string[] {
  const [hundreds, tens, units] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const words: string[] = [];
  if (inner || hundreds > 0) words.push(digit(hundreds), 'trăm');
  if (tens === 0) {
    if (units > 0) {
      if (words.length > 0) words.push(zeroTens);
      words.push(digit(units));
    }
  } else if (tens === 1) {
    // "mười" (ten) takes "lăm" for 5: mười lăm.
    words.push('mười');
    if (units > 0) words.push(units === 5 ? 'lăm' : digit(units));
  } else {
    // From 20: "mươi", with "mốt" for 1 and "lăm" for 5: hai mươi mốt, hai mươi lăm.
    words.push(digit(tens), 'mươi');
    if (units > 0) words.push(units === 1 ? 'mốt' : units === 5 ? 'lăm' : digit(units));
  }
  return words;
}

/** Words for 0 < n < 1 000 000 000, groups of three digits read with triệu / nghìn. */
function readBelowBillion(n: number, inner: boolean, zeroTens: string): string[] {
  const groups: [number, string][] = [
    [Math.floor(n / 1_000_000), 'triệu'],
    [Math.floor(n / 1000) % 1000, 'nghìn'],
    [n % 1000, ''],
  ];
  const words: string[] = [];
  let started = inner;
  for (const [value, unit] of groups) {
    if (value === 0) continue;
    words.push(...readGroup(value, started, zeroTens));
    if (unit) words.push(unit);
    started = true;
  }
  return words;
}

/** Billions recurse: 1 200 000 000 000 is "một nghìn hai trăm tỷ", not "một nghìn tỷ hai trăm tỷ". */
function readPositive(n: number, zeroTens: string): string[] {
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  if (billions === 0) return readBelowBillion(n, false, zeroTens);
  const words = [...readPositive(billions, zeroTens), 'tỷ'];
  if (rest > 0) words.push(...readBelowBillion(rest, true, zeroTens));
  return words;
}

/**
 * An amount in Vietnamese words, capitalised and ending in "đồng", as receipts write it:
 * 500000 → "Năm trăm nghìn đồng", 1250000 → "Một triệu hai trăm năm mươi nghìn đồng",
 * 0 → "Không đồng". Negative amounts (truy thu) start with "Âm".
 */
export function amountInWordsVi(amount: Vnd, options: AmountInWordsOptions = {}): string {
  const whole = vnd(amount);
  const zeroTens = options.zeroTens ?? 'linh';
  const words = whole === 0 ? ['không'] : readPositive(Math.abs(whole), zeroTens);
  if (whole < 0) words.unshift('âm');
  const text = [...words, 'đồng'].join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
