/**
 * Business dates as strings: `YYYY-MM-DD` dates, `YYYY-MM` months, `YYYY` birth years.
 * Calendar arithmetic only; no clock and no time zone (the caller passes "today").
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/u;
const YEAR = /^\d{4}$/u;

export type YearMonth = { year: number; month: number };

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids any DST shift.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date `YYYY-MM-DD` (no 2023-02-29, no 2024-13-01). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The calendar date `days` after `date` (`YYYY-MM-DD`), or null when `date` is not a real one. */
export function addDays(date: string, days: number): string | null {
  if (!isIsoDate(date)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM` → `{ year, month }`, or null when malformed. */
export function parseMonth(text: string): YearMonth | null {
  const match = ISO_MONTH.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

export function formatMonth({ year, month }: YearMonth): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** `2026-12` plus 1 → `2027-01`. */
export function addMonths(month: string, count: number): string | null {
  const parsed = parseMonth(month);
  if (!parsed) return null;
  const index = parsed.year * 12 + (parsed.month - 1) + count;
  return formatMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

/**
 * A birth date as year, month, day. When only the year is known (common for elderly people) the
 * person is treated as born on 1 January: the usual civil-status convention for an unknown day
 * and month, and the reading under which nobody is refused an age-based level late.
 */
export function parseBirthDate(text: string): { year: number; month: number; day: number; yearOnly: boolean } | null {
  if (YEAR.test(text)) return { year: Number(text), month: 1, day: 1, yearOnly: true };
  if (!isIsoDate(text)) return null;
  return {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    yearOnly: false,
  };
}

/**
 * Age in whole years reached by the end of `month`: an allowance that depends on age changes
 * in the month of the birthday (docs/domain.md §8 BTXH-HT-0003: turns 4 on 2026-09-09 → the
 * coefficient for 4 and over applies to 09/2026). Null for malformed input.
 */
export function ageInMonth(birthDate: string, month: string): number | null {
  const birth = parseBirthDate(birthDate);
  const target = parseMonth(month);
  if (!birth || !target) return null;
  return target.year - birth.year - (birth.month > target.month ? 1 : 0);
}

/** Age in whole years on a given day (`YYYY-MM-DD`). Null for malformed input. */
export function ageOn(birthDate: string, day: string): number | null {
  const birth = parseBirthDate(birthDate);
  if (!birth || !isIsoDate(day)) return null;
  const [year, month, date] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const hadBirthday = month > birth.month || (month === birth.month && date >= birth.day);
  return year - birth.year - (hadBirthday ? 0 : 1);
}

/**
 * The month a payer's list opens on, among the months that have lines: the latest one not after
 * this calendar month (a list published early for next month does not take over the month still
 * being paid); when every month is later, the earliest.
 */
export function payingMonth(months: readonly string[], today: string): string | null {
  const sorted = [...months].sort();
  return sorted.filter((m) => m <= today).at(-1) ?? sorted[0] ?? null;
}
