/**
 * Monthly social-assistance amounts (Decree 20/2021 Art. 6, 8, 11) computed from the rule data
 * in benefits.data.ts. Amounts are integer đồng; coefficients are handled in tenths.
 */
import { err, ok, type Result } from '../lib/result';
import { sumVnd, vnd, type Vnd } from './money';
import {
  addsToSingleParent,
  categories,
  CHILD_UNDER_AGE,
  coefficientTable,
  ELDERLY_FROM_AGE,
  FUNERAL_SUPPORT_MULTIPLE,
  standardLevels,
  type Category,
  type CoefficientRow,
  type StandardLevel,
} from './benefits.data';
import { addMonths, ageInMonth, isIsoDate, parseMonth } from './calendar';
import type { CategoryCode, DisabilitySeverity } from './vocabulary';

export { categories, coefficientTable, standardLevels };
export type { Category, CoefficientRow, StandardLevel };

export type BenefitErrorCode =
  | 'invalid-month'
  | 'invalid-birth-date'
  | 'born-after-month'
  | 'no-standard-level'
  | 'missing-disability-severity'
  | 'missing-children-count';
export type BenefitError = { code: BenefitErrorCode };

export type BenefitPerson = {
  category: CategoryCode;
  /** `YYYY-MM-DD`, or `YYYY` when only the year is known. */
  birthDate: string;
  disabilitySeverity: DisabilitySeverity | null;
  /** Children being raised, for single poor parents (k4). */
  childrenCount: number | null;
  /** Other Art. 5 groups the person also belongs to. */
  otherCategories?: readonly CategoryCode[];
};

export type MonthlyAmount = {
  /** Whole đồng for the month. */
  amount: Vnd;
  /** For display only (2.5); computations use `coefficientTenths`. */
  coefficient: number;
  coefficientTenths: number;
  /** The standard level applied, in đồng. */
  standard: Vnd;
  /** The groups whose coefficients were paid: one, or k4 plus one under the single-parent rule. */
  paidCategories: CategoryCode[];
};

const categoryByCode = new Map(categories.map((category) => [category.code, category]));

export function categoryLegalRef(code: CategoryCode): string {
  return categoryByCode.get(code)?.legalRef ?? code;
}

/** '046', '46' and 46 are the same province. */
function sameProvince(a: string, b: string): boolean {
  return Number(a) === Number(b);
}

/**
 * The standard level for a province and month: the highest level in force among the national
 * one and the province's own. A province may only raise the level (Decree 20 Art. 4), so when a
 * national raise overtakes an older provincial level, the national one applies.
 */
export function standardLevel(
  provinceCode: string,
  month: string,
  levels: readonly StandardLevel[] = standardLevels,
): Result<StandardLevel, BenefitError> {
  if (!parseMonth(month)) return err({ code: 'invalid-month' });
  const latest = (rows: StandardLevel[]) =>
    rows
      .filter((row) => row.effectiveFrom.slice(0, 7) <= month)
      .sort(byEffectiveFrom)
      .at(-1);
  const national = latest(levels.filter((row) => row.provinceCode === null));
  const provincial = latest(
    levels.filter((row) => row.provinceCode !== null && sameProvince(row.provinceCode, provinceCode)),
  );
  const candidates = [national, provincial].filter((row): row is StandardLevel => row !== undefined);
  const best = candidates.sort((a, b) => a.amount - b.amount).at(-1);
  return best ? ok(best) : err({ code: 'no-standard-level' });
}

function byEffectiveFrom(a: StandardLevel, b: StandardLevel): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}

function rowApplies(row: CoefficientRow, age: number, severity: DisabilitySeverity | null): boolean {
  if (row.fromAge !== undefined && age < row.fromAge) return false;
  if (row.untilAge !== undefined && age >= row.untilAge) return false;
  if (row.severity !== undefined && row.severity !== severity) return false;
  if (row.ageGroup !== undefined) {
    const childOrElderly = age < CHILD_UNDER_AGE || age >= ELDERLY_FROM_AGE;
    if ((row.ageGroup === 'child-or-elderly') !== childOrElderly) return false;
  }
  return true;
}

/** Coefficient in tenths of one group for a person of this age in this month. */
function categoryTenths(category: CategoryCode, age: number, person: BenefitPerson): Result<number, BenefitError> {
  if (category === 'k6' && person.disabilitySeverity === null) return err({ code: 'missing-disability-severity' });
  const row = coefficientTable.find(
    (candidate) => candidate.category === category && rowApplies(candidate, age, person.disabilitySeverity),
  );
  if (!row) return ok(0);
  if (row.perChild) {
    if (person.childrenCount === null || person.childrenCount < 1) return err({ code: 'missing-children-count' });
    return ok(row.tenths * person.childrenCount);
  }
  return ok(row.tenths);
}

/**
 * The coefficient a person receives in a month: the highest of their groups (Decree 20 Art. 6
 * khoản 2), except that a single poor parent who is also elderly, disabled or living with HIV
 * receives both the per-child coefficient and that group's one.
 */
export function coefficientFor(
  person: BenefitPerson,
  month: string,
): Result<{ tenths: number; paidCategories: CategoryCode[] }, BenefitError> {
  if (!parseMonth(month)) return err({ code: 'invalid-month' });
  const age = ageInMonth(person.birthDate, month);
  if (age === null) return err({ code: 'invalid-birth-date' });
  if (age < 0) return err({ code: 'born-after-month' });

  const groups = [...new Set([person.category, ...(person.otherCategories ?? [])])];
  const tenthsByGroup: [CategoryCode, number][] = [];
  for (const group of groups) {
    const tenths = categoryTenths(group, age, person);
    if (!tenths.ok) return tenths;
    tenthsByGroup.push([group, tenths.value]);
  }

  let best = { tenths: 0, paidCategories: [] as CategoryCode[] };
  for (const [group, tenths] of tenthsByGroup) {
    if (tenths > best.tenths) best = { tenths, paidCategories: [group] };
  }
  const singleParent = tenthsByGroup.find(([group]) => group === 'k4');
  if (singleParent) {
    const extras = tenthsByGroup.filter(([group]) => addsToSingleParent.includes(group));
    const topExtra = extras.sort((a, b) => b[1] - a[1])[0];
    if (topExtra && singleParent[1] + topExtra[1] > best.tenths) {
      best = { tenths: singleParent[1] + topExtra[1], paidCategories: ['k4', topExtra[0]] };
    }
  }
  return ok(best);
}

/**
 * Standard × coefficient in whole đồng. The product of a level and a coefficient in tenths is
 * exact; a level that is not a multiple of 10 đồng is rounded half up to the đồng.
 */
export function applyCoefficient(standard: Vnd, tenths: number): Vnd {
  return vnd(Math.floor((standard * tenths + 5) / 10));
}

/** The monthly allowance of a person for a month (`YYYY-MM`) in a province (Huế by default). */
export function monthlyAmount(
  person: BenefitPerson,
  month: string,
  provinceCode = '46',
  levels: readonly StandardLevel[] = standardLevels,
): Result<MonthlyAmount, BenefitError> {
  const level = standardLevel(provinceCode, month, levels);
  if (!level.ok) return level;
  const coefficient = coefficientFor(person, month);
  if (!coefficient.ok) return coefficient;
  const { tenths, paidCategories } = coefficient.value;
  return ok({
    amount: applyCoefficient(level.value.amount, tenths),
    coefficient: tenths / 10,
    coefficientTenths: tenths,
    standard: level.value.amount,
    paidCategories,
  });
}

/** Arrears (truy lĩnh) for unpaid months: each month at the level and coefficient of that month. */
export function arrears(
  person: BenefitPerson,
  months: readonly string[],
  provinceCode = '46',
  levels: readonly StandardLevel[] = standardLevels,
): Result<{ months: number; total: Vnd }, BenefitError> {
  const amounts: Vnd[] = [];
  for (const month of months) {
    const amount = monthlyAmount(person, month, provinceCode, levels);
    if (!amount.ok) return amount;
    amounts.push(amount.value.amount);
  }
  return ok({ months: months.length, total: sumVnd(amounts) });
}

/**
 * The minimum funeral support (mai táng phí) for a death in this month: 20 × the standard level
 * (Decree 20 Art. 11). A province may pay more; this is the floor a list must not go under.
 */
export function funeralSupport(
  month: string,
  provinceCode = '46',
  levels: readonly StandardLevel[] = standardLevels,
): Result<{ amount: Vnd; standard: Vnd }, BenefitError> {
  const level = standardLevel(provinceCode, month, levels);
  if (!level.ok) return level;
  return ok({ amount: vnd(FUNERAL_SUPPORT_MULTIPLE * level.value.amount), standard: level.value.amount });
}

/**
 * First month without allowance after a death or loss of eligibility on `date` (`YYYY-MM-DD`):
 * the allowance stops from the month after (Decree 20 Art. 8). Null for a malformed date.
 */
export function stopMonthAfter(date: string): string | null {
  return isIsoDate(date) ? addMonths(date.slice(0, 7), 1) : null;
}

/**
 * Months in a row without collecting after which the allowance must be suspended (tạm dừng):
 * TT 02/2021/TT-BLĐTBXH Art. 2.
 */
export const SUSPEND_AFTER_MISSED_MONTHS = 3;

export function isSuspensionDue(consecutiveMissedMonths: number): boolean {
  return consecutiveMissedMonths >= SUSPEND_AFTER_MISSED_MONTHS;
}
