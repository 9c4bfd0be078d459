import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import beneficiaries from '../../tests/fixtures/beneficiaries.json';
import {
  applyCoefficient,
  arrears,
  categories,
  categoryLegalRef,
  coefficientFor,
  funeralSupport,
  isSuspensionDue,
  monthlyAmount,
  standardLevel,
  stopMonthAfter,
  type BenefitPerson,
  type StandardLevel,
} from './benefits';
import { categoryCodes, type CategoryCode } from './vocabulary';
import { vnd } from './money';

const fixture = (id: string) => {
  const found = beneficiaries.find((b) => b.id === id);
  if (!found) throw new Error(`fixture ${id} missing`);
  return found;
};

/** docs/domain.md §8 people, with the group each `nhom_doi_tuong` text names. */
const people: Record<string, BenefitPerson> = {
  'BTXH-HT-0001': { category: 'k6', birthDate: '1952-03-12', disabilitySeverity: 'severe', childrenCount: null },
  'BTXH-PL-0002': { category: 'k5c', birthDate: '1945-08-05', disabilitySeverity: null, childrenCount: null },
  'BTXH-HT-0003': { category: 'k1', birthDate: '2022-09-09', disabilitySeverity: null, childrenCount: null },
  'BTXH-PL-0004': { category: 'k4', birthDate: '1988-06-15', disabilitySeverity: null, childrenCount: 2 },
  'BTXH-HT-0005': {
    category: 'k6',
    birthDate: '1960-04-03',
    disabilitySeverity: 'extremely-severe',
    childrenCount: null,
  },
};

const person = (overrides: Partial<BenefitPerson>): BenefitPerson => ({
  category: 'k5c',
  birthDate: '1940-01-01',
  disabilitySeverity: null,
  childrenCount: null,
  ...overrides,
});

describe('categories', () => {
  test('cover every category code once, each with an Art. 5 reference (names: src/ui/messages-codes.*)', () => {
    expect(categories.map((c) => c.code)).toEqual([...categoryCodes]);
    for (const code of categoryCodes) {
      expect(categoryLegalRef(code)).toMatch(/^Điều 5 khoản \d( điểm [a-d])?$/u);
    }
    expect(categoryLegalRef('k5c')).toBe('Điều 5 khoản 5 điểm c');
  });
});

describe('standardLevel', () => {
  test.each([
    ['2021-06', null],
    ['2021-07', 360_000],
    ['2024-06', 360_000],
    ['2024-07', 500_000],
    ['2026-07', 500_000],
  ])('Huế in %s → %s', (month, amount) => {
    const level = standardLevel('46', month);
    expect(level.ok ? level.value.amount : null).toBe(amount);
  });

  const withProvince: StandardLevel[] = [
    { provinceCode: null, effectiveFrom: '2021-07-01', amount: vnd(360_000), legalBasis: 'NĐ 20' },
    { provinceCode: null, effectiveFrom: '2024-07-01', amount: vnd(500_000), legalBasis: 'NĐ 76' },
    { provinceCode: '30', effectiveFrom: '2024-08-01', amount: vnd(550_000), legalBasis: 'HĐND' },
    { provinceCode: '31', effectiveFrom: '2023-01-01', amount: vnd(450_000), legalBasis: 'HĐND' },
  ];
  test.each([
    ['30', '2024-07', 500_000],
    ['30', '2024-08', 550_000],
    ['030', '2025-01', 550_000],
    ['31', '2023-06', 450_000],
    ['31', '2024-07', 500_000],
    ['46', '2024-08', 500_000],
  ])('province %s in %s → %i (a province may only raise the national level)', (province, month, amount) => {
    const level = standardLevel(province, month, withProvince);
    expect(level.ok && level.value.amount).toBe(amount);
  });

  test('rejects a malformed month', () => {
    expect(standardLevel('46', '2024-13')).toEqual({ ok: false, error: { code: 'invalid-month' } });
  });
});

describe('monthlyAmount — docs/domain.md §8 fixtures', () => {
  test.each([
    ['BTXH-HT-0001', '2026-06'],
    ['BTXH-PL-0002', '2026-06'],
    ['BTXH-HT-0003', '2026-06'],
    ['BTXH-PL-0004', '2026-06'],
    ['BTXH-HT-0005', '2026-08'],
  ])('%s in %s matches he_so and muc_huong', (id, month) => {
    const result = monthlyAmount(people[id] as BenefitPerson, month);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.coefficient).toBe(fixture(id).he_so);
    expect(result.value.amount).toBe(fixture(id).muc_huong);
    expect(result.value.standard).toBe(500_000);
  });

  test.each([
    ['2026-08', 2.5, 1_250_000],
    ['2026-09', 1.5, 750_000],
    ['2026-10', 1.5, 750_000],
  ])('BTXH-HT-0003 (turns 4 on 2026-09-09) in %s → %d, %i', (month, coefficient, amount) => {
    const result = monthlyAmount(people['BTXH-HT-0003'] as BenefitPerson, month);
    expect(result).toMatchObject({ ok: true, value: { coefficient, amount } });
  });

  test('BTXH-HT-0005: arrears for 08–09/2026 and funeral support match the fixture', () => {
    const tam = fixture('BTXH-HT-0005');
    expect(arrears(people['BTXH-HT-0005'] as BenefitPerson, tam.truy_linh?.thang ?? [])).toEqual({
      ok: true,
      value: { months: 2, total: tam.truy_linh?.so_tien },
    });
    expect(funeralSupport('2026-10')).toEqual({
      ok: true,
      value: { amount: tam.mai_tang_phi?.so_tien, standard: 500_000 },
    });
    expect(stopMonthAfter(tam.ngay_mat ?? '')).toBe(tam.thoi_huong_tu);
  });

  test('pays 360.000-based amounts before 07/2024', () => {
    expect(monthlyAmount(people['BTXH-HT-0001'] as BenefitPerson, '2024-06')).toMatchObject({
      ok: true,
      value: { amount: 720_000, standard: 360_000 },
    });
  });
});

describe('coefficientFor — Art. 6 table', () => {
  test.each<[string, Partial<BenefitPerson>, string, number]>([
    ['orphan under 4', { category: 'k1', birthDate: '2023-05-20' }, '2027-04', 2.5],
    ['orphan turning 4 this month', { category: 'k1', birthDate: '2023-05-20' }, '2027-05', 1.5],
    ['student 16–22', { category: 'k2', birthDate: '2008-01-01' }, '2026-01', 1.5],
    ['child with HIV under 4', { category: 'k3', birthDate: '2024-03-01' }, '2026-01', 2.5],
    ['child with HIV from 4', { category: 'k3', birthDate: '2020-03-01' }, '2026-01', 2.0],
    ['single parent, 3 children', { category: 'k4', birthDate: '1990-01-01', childrenCount: 3 }, '2026-01', 3.0],
    ['poor elderly at 79', { category: 'k5a', birthDate: '1946-12-10' }, '2026-11', 1.5],
    ['poor elderly turning 80', { category: 'k5a', birthDate: '1946-12-10' }, '2026-12', 2.0],
    ['poor elderly, birth year only, 80 in January', { category: 'k5a', birthDate: '1946' }, '2026-01', 2.0],
    ['75–80 in hard-hit area', { category: 'k5b', birthDate: '1950-01-01' }, '2026-01', 1.0],
    ['80+ without pension', { category: 'k5c', birthDate: '1940' }, '2026-01', 1.0],
    ['elderly cared for in community', { category: 'k5d', birthDate: '1950-01-01' }, '2026-01', 3.0],
    [
      'adult, extremely severe',
      { category: 'k6', birthDate: '1980-01-01', disabilitySeverity: 'extremely-severe' },
      '2026-01',
      2.0,
    ],
    [
      'child, extremely severe',
      { category: 'k6', birthDate: '2015-01-01', disabilitySeverity: 'extremely-severe' },
      '2026-01',
      2.5,
    ],
    ['adult, severe', { category: 'k6', birthDate: '1980-01-01', disabilitySeverity: 'severe' }, '2026-01', 1.5],
    ['elderly, severe', { category: 'k6', birthDate: '1966-01-01', disabilitySeverity: 'severe' }, '2026-01', 2.0],
    [
      'turning 16 with a severe disability',
      { category: 'k6', birthDate: '2010-03-15', disabilitySeverity: 'severe' },
      '2026-03',
      1.5,
    ],
    ['aged 15, severe', { category: 'k6', birthDate: '2010-03-15', disabilitySeverity: 'severe' }, '2026-02', 2.0],
    ['child under 3 in hard-hit area', { category: 'k7', birthDate: '2025-01-01' }, '2026-01', 1.5],
    ['adult with HIV', { category: 'k8', birthDate: '1985-01-01' }, '2026-01', 1.5],
  ])('%s → %d', (_name, overrides, month, expected) => {
    const result = coefficientFor(person(overrides), month);
    expect(result.ok && result.value.tenths / 10).toBe(expected);
  });

  test.each<[string, Partial<BenefitPerson>, number, CategoryCode[]]>([
    [
      'several groups: only the highest',
      {
        category: 'k5a',
        birthDate: '1950-01-01',
        disabilitySeverity: 'extremely-severe',
        otherCategories: ['k6', 'k8'],
      },
      2.5,
      ['k6'],
    ],
    [
      'single parent who is disabled: both',
      {
        category: 'k4',
        birthDate: '1985-01-01',
        childrenCount: 2,
        disabilitySeverity: 'severe',
        otherCategories: ['k6'],
      },
      3.5,
      ['k4', 'k6'],
    ],
    [
      'single parent with HIV: both',
      { category: 'k8', birthDate: '1985-01-01', childrenCount: 1, otherCategories: ['k4'] },
      2.5,
      ['k4', 'k8'],
    ],
    [
      'single parent also in a group outside 5/6/8: highest only',
      { category: 'k4', birthDate: '2005-01-01', childrenCount: 1, otherCategories: ['k2'] },
      1.5,
      ['k2'],
    ],
  ])('%s → %d', (_name, overrides, expected, paid) => {
    const result = coefficientFor(person(overrides), '2026-01');
    expect(result).toEqual({ ok: true, value: { tenths: expected * 10, paidCategories: paid } });
  });

  test.each<[string, Partial<BenefitPerson>, string, string]>([
    ['disability without severity', { category: 'k6' }, '2026-01', 'missing-disability-severity'],
    ['single parent without children count', { category: 'k4' }, '2026-01', 'missing-children-count'],
    ['single parent with 0 children', { category: 'k4', childrenCount: 0 }, '2026-01', 'missing-children-count'],
    ['malformed birth date', { birthDate: '1940-02-30' }, '2026-01', 'invalid-birth-date'],
    ['month before birth', { category: 'k1', birthDate: '2026-03-01' }, '2026-01', 'born-after-month'],
    ['malformed month', {}, '2026-1', 'invalid-month'],
  ])('%s → %s', (_name, overrides, month, code) => {
    expect(coefficientFor(person(overrides), month)).toEqual({ ok: false, error: { code } });
  });

  test('the month before 07/2021 has no standard level', () => {
    expect(monthlyAmount(person({}), '2021-06')).toEqual({ ok: false, error: { code: 'no-standard-level' } });
  });
});

describe('applyCoefficient', () => {
  test('always yields whole đồng, exact for levels that are multiples of 10', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (standard, tenths) => {
        const amount = applyCoefficient(vnd(standard), tenths);
        expect(Number.isInteger(amount)).toBe(true);
        expect(Math.abs(amount * 10 - standard * tenths)).toBeLessThanOrEqual(5);
        expect(applyCoefficient(vnd(standard * 10), tenths)).toBe(standard * tenths);
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    [500_000, 15, 750_000],
    [360_000, 25, 900_000],
    [555_555, 15, 833_333],
    [555_555, 25, 1_388_888],
  ])('%i × %i/10 → %i', (standard, tenths, expected) => {
    expect(applyCoefficient(vnd(standard), tenths)).toBe(expected);
  });
});

describe('timing rules', () => {
  test.each([
    ['2026-10-20', '2026-11'],
    ['2026-12-31', '2027-01'],
    ['2026-02-30', null],
  ])('allowance stops after %s from %s', (date, month) => {
    expect(stopMonthAfter(date)).toBe(month);
  });

  test.each([
    [2, false],
    [3, true],
  ])('%i missed months in a row → suspension due: %s', (missed, due) => {
    expect(isSuspensionDue(missed)).toBe(due);
  });

  test('funeral support is 20 × the level in force', () => {
    expect(funeralSupport('2024-06')).toEqual({ ok: true, value: { amount: 7_200_000, standard: 360_000 } });
    expect(funeralSupport('2020-01')).toEqual({ ok: false, error: { code: 'no-standard-level' } });
  });
});
