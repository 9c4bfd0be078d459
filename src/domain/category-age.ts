/**
 * Does a person's age fit the group they are filed under (docs/domain.md §2.3 rule 5: "for TGXH
 * categories check age consistency")? Decree 20/2021 Art. 5 defines several groups by age; a
 * 30-year-old filed as an orphaned child (k1) is a data-entry error that would pay the wrong
 * coefficient. The answer is a warning for the officer, never a refusal: the roster may be right
 * and the birth date wrong.
 */
import { parseBirthDate } from './calendar';
import type { CategoryCode } from './vocabulary';

/** Ages in whole years: `from` ≤ age < `below`. */
export type AgeRange = { from?: number; below?: number };

/** The groups of Art. 5 that are defined by age (the others: any age). */
export const categoryAgeRanges: Partial<Record<CategoryCode, AgeRange>> = {
  k1: { below: 16 },
  // "từ đủ 16 tuổi đến 22 tuổi" while in school.
  k2: { from: 16, below: 23 },
  k3: { below: 16 },
  k5a: { from: 60 },
  k5b: { from: 75, below: 80 },
  k5c: { from: 80 },
  k5d: { from: 60 },
  k7: { below: 3 },
};

export type CategoryAgeIssue = {
  code: 'age-outside-category';
  category: CategoryCode;
  /** The age in the month checked that is nearest to the group's range. */
  age: number;
  range: AgeRange;
};

/**
 * The issue when the person's age in `month` (`YYYY-MM`) is outside the group's range; null when
 * it fits, the group has no age rule, or the dates cannot be read. A month counts as long as the
 * person belongs to the group on some day of it: one who turns 60 during the month is already
 * elderly, and a child who turns 16 still is, because the allowance stops only from the month
 * after they stop qualifying (Decree 20 Art. 8). With only a birth year the age is one of two
 * values, and a warning needs both to be outside.
 */
export function categoryAgeIssue(category: CategoryCode, birthDate: string, month: string): CategoryAgeIssue | null {
  const range = categoryAgeRanges[category];
  const birth = parseBirthDate(birthDate);
  const match = /^(\d{4})-(\d{2})$/u.exec(month);
  if (!range || !birth || !match) return null;
  const [year, monthNumber] = [Number(match[1]), Number(match[2])];
  // Youngest and oldest the person is during the month (birthday in the month: both).
  const youngest = birth.yearOnly ? year - birth.year - 1 : year - birth.year - (birth.month >= monthNumber ? 1 : 0);
  const oldest = birth.yearOnly ? year - birth.year : year - birth.year - (birth.month > monthNumber ? 1 : 0);
  const { from = 0, below = Infinity } = range;
  if (oldest >= from && youngest < below) return null;
  return { code: 'age-outside-category', category, age: oldest < from ? oldest : youngest, range };
}
