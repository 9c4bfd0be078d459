/**
 * Reading the cells of a commune's monthly list (docs/domain.md §4.2): dates written as
 * `dd/mm/yyyy`, Excel serial numbers or a bare year; amounts as `1.500.000`, `1,500,000` or
 * numbers; the group as "Khoản 5 điểm a", "5a" or "k5a"; the method and the gender in words.
 * Each reader answers a value or a stable code saying why the cell cannot be read.
 */
import { err, ok, type Result } from '../lib/result';
import { isIsoDate } from './calendar';
import { vnd, type Vnd } from './money';
import { foldVietnamese } from './vietnamese-text';
import { categoryCodes, type CategoryCode, type Gender, type PaymentMethod } from './vocabulary';

/** A cell as the spreadsheet reader gives it: what it shows, and its raw value. */
export type ListCell = {
  text: string;
  value: string | number | boolean | null;
  kind: 'string' | 'number' | 'date' | 'bool' | 'error' | 'empty';
};

export type CellIssue =
  | 'not-a-date'
  | 'not-a-real-date'
  | 'not-an-amount'
  | 'not-whole-dong'
  | 'negative-amount'
  | 'not-a-count'
  | 'not-a-coefficient'
  | 'unknown-category'
  | 'unknown-gender'
  | 'unknown-method'
  | 'not-a-month'
  | 'formula-error';

export const isBlank = (cell: ListCell | undefined): boolean =>
  cell === undefined || cell.kind === 'empty' || cell.text.trim() === '';

/** Days from 1899-12-30 (Excel's day 0, which absorbs its 1900 leap-year bug for dates after March 1900). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function fromSerial(serial: number): string | null {
  // Serial 60 is Excel's non-existent 29/02/1900; nobody on a list was born before March 1900.
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  const iso = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
  return isIsoDate(iso) ? iso : null;
}

const pad = (n: string) => n.padStart(2, '0');

/**
 * A birth date: `YYYY-MM-DD`, or `YYYY` when only the year is written (common for elderly people).
 * Day first, as Vietnamese write dates (`12/3/1952`, `12-03-1952`, `12.03.1952`).
 */
export function readBirthDate(cell: ListCell): Result<string, CellIssue> {
  if (cell.kind === 'error') return err('formula-error');
  if (typeof cell.value === 'number' && cell.kind === 'date') {
    const date = fromSerial(cell.value);
    return date ? ok(date) : err('not-a-real-date');
  }
  const text = cell.text.normalize('NFKC').trim();
  if (/^\d{4}$/u.test(text)) return ok(text);
  // A year typed as a number (1952) or a serial that lost its date format (19438).
  if (typeof cell.value === 'number' && Number.isInteger(cell.value)) {
    if (cell.value >= 1880 && cell.value <= 2200) return ok(String(cell.value));
    const date = fromSerial(cell.value);
    if (date) return ok(date);
  }
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const monthYear = /^(\d{1,2})[/.-](\d{4})$/u.exec(text);
  if (monthYear?.[1] && monthYear[2]) {
    // Month and year only: the month's first day, as a year-only date counts from January.
    const date = `${monthYear[2]}-${pad(monthYear[1])}-01`;
    return isIsoDate(date) ? ok(date) : err('not-a-real-date');
  }
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return err('not-a-date');
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return isIsoDate(date) ? ok(date) : err('not-a-real-date');
}

/** A month `YYYY-MM` from `mm/yyyy`, `m-yyyy`, `yyyy-mm` or a date-formatted cell. */
export function readMonth(cell: ListCell): Result<string, CellIssue> {
  if (cell.kind === 'error') return err('formula-error');
  if (typeof cell.value === 'number' && cell.kind === 'date') {
    const date = fromSerial(cell.value);
    return date ? ok(date.slice(0, 7)) : err('not-a-month');
  }
  const text = cell.text.normalize('NFKC').trim();
  const my = /^(\d{1,2})[/.-](\d{4})$/u.exec(text);
  const ym = /^(\d{4})[/.-](\d{1,2})$/u.exec(text);
  const full = /^\d{1,2}[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
  const [year, month] = my ? [my[2], my[1]] : ym ? [ym[1], ym[2]] : full ? [full[2], full[1]] : [];
  if (!year || !month || Number(month) < 1 || Number(month) > 12) return err('not-a-month');
  return ok(`${year}-${pad(month)}`);
}

/**
 * Whole đồng. A number cell is taken as it is; text may group thousands with dots, commas or
 * spaces (`1.500.000`, `1,500,000`, `1 500 000`) and end in `đ` or `đồng`. A fraction of a
 * đồng is refused: money is whole đồng (docs/domain.md §7.3). An empty cell is 0.
 */
export function readAmount(cell: ListCell): Result<Vnd, CellIssue> {
  if (cell.kind === 'error') return err('formula-error');
  if (isBlank(cell)) return ok(vnd(0));
  if (typeof cell.value === 'number') {
    if (!Number.isSafeInteger(cell.value)) return err(Number.isFinite(cell.value) ? 'not-whole-dong' : 'not-an-amount');
    return cell.value < 0 ? err('negative-amount') : ok(vnd(cell.value));
  }
  const text = cell.text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?:đồng|đ|vnđ|vnd)\s*$/u, '')
    .trim();
  if (text === '-' || text === '') return ok(vnd(0));
  // Grouped thousands: 1.500.000 / 1,500,000 / 1 500 000 (the groups are exactly three digits).
  const grouped = /^-?\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/u.test(text);
  const plain = /^-?\d+$/u.test(text);
  if (!grouped && !plain) return /^-?\d+[.,]\d+$/u.test(text) ? err('not-whole-dong') : err('not-an-amount');
  const amount = Number(text.replace(/[.,\s]/gu, ''));
  if (!Number.isSafeInteger(amount)) return err('not-an-amount');
  return amount < 0 ? err('negative-amount') : ok(vnd(amount));
}

/** A count of months or children: a whole number ≥ 0 (empty is 0). */
export function readCount(cell: ListCell): Result<number, CellIssue> {
  if (cell.kind === 'error') return err('formula-error');
  if (isBlank(cell)) return ok(0);
  const n = typeof cell.value === 'number' ? cell.value : Number(cell.text.trim());
  return Number.isInteger(n) && n >= 0 && n < 1000 ? ok(n) : err('not-a-count');
}

/** A coefficient (hệ số) as tenths: `1,5`, `1.5`, `2` → 15, 15, 20. */
export function readCoefficient(cell: ListCell): Result<number, CellIssue> {
  if (cell.kind === 'error') return err('formula-error');
  const n = typeof cell.value === 'number' ? cell.value : Number(cell.text.trim().replace(',', '.'));
  const tenths = Math.round(n * 10);
  return Number.isFinite(n) && n > 0 && n <= 10 && Math.abs(tenths - n * 10) < 1e-6
    ? ok(tenths)
    : err('not-a-coefficient');
}

/** "Nam" / "Nữ" (or `x` in a column headed by one of them, handled by the column mapping). */
export function readGender(cell: ListCell): Result<Gender, CellIssue> {
  const folded = foldVietnamese(cell.text);
  if (['nam', 'm', 'male'].includes(folded)) return ok('male');
  if (['nu', 'f', 'female'].includes(folded)) return ok('female');
  return err('unknown-gender');
}

/**
 * The Decree 20 group (Art. 5 khoản, điểm): "Khoản 5 điểm a", "K5a", "5a", "5.a", "Điều 5
 * khoản 6", "6" → `k5a`, `k6`. Groups 5 and 6's severity is another column.
 */
export function readCategory(cell: ListCell): Result<CategoryCode, CellIssue> {
  const folded = foldVietnamese(cell.text)
    .replace(/dieu\s*5/u, '')
    .replace(/\b(?:khoan|k)\s*/gu, 'k')
    .replace(/\bdiem\s*/gu, '')
    .replace(/[\s.,()-]/gu, '');
  const code = /^k?(\d)([abcd])?$/u.exec(folded);
  if (!code) return err('unknown-category');
  const candidate = `k${code[1] ?? ''}${code[2] ?? ''}`;
  return (categoryCodes as readonly string[]).includes(candidate)
    ? ok(candidate as CategoryCode)
    : err('unknown-category');
}

/** Words for each method, folded (without diacritics), as lists write them. */
const methodWords: readonly [PaymentMethod, readonly string[]][] = [
  ['home-delivery', ['tai nha', 'chi tra tai nha', 'tien mat tai nha', 'nhan tai nha']],
  ['mobile-money', ['vi dien tu', 'mobile money', 'viettel money', 'vnpt money', 'mobifone money', 'vi']],
  ['bank', ['chuyen khoan', 'ngan hang', 'tai khoan', 'tai khoan ngan hang', 'atm']],
  ['cash-point', ['tien mat', 'tai diem chi tra', 'diem chi tra', 'truc tiep', 'tai xa']],
];

export function readMethod(cell: ListCell): Result<PaymentMethod, CellIssue> {
  const folded = foldVietnamese(cell.text);
  const exact = methodWords.find(([, words]) => words.includes(folded));
  if (exact) return ok(exact[0]);
  const partial = methodWords.find(([, words]) => words.some((w) => w.length > 3 && folded.includes(w)));
  return partial ? ok(partial[0]) : err('unknown-method');
}
