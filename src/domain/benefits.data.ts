/**
 * Social-assistance rules as data (docs/domain.md §3): beneficiary groups of Decree 20/2021 Art. 5
 * (their names are interface text: `categories` and `categoryNames` in src/ui/messages-codes.*),
 * coefficients of Art. 6, and the standard level (mức chuẩn) by province and effective date.
 * Rules that change (levels, coefficients) are edited here, with their legal basis, not in code.
 */
import { vnd, type Vnd } from './money';
import type { CategoryCode, DisabilitySeverity } from './vocabulary';

export type Category = {
  code: CategoryCode;
  /** Where the group is defined, as officers cite it: "Điều 5 khoản 5 điểm c". */
  legalRef: string;
};

export const categories: readonly Category[] = [
  { code: 'k1', legalRef: 'Điều 5 khoản 1' },
  { code: 'k2', legalRef: 'Điều 5 khoản 2' },
  { code: 'k3', legalRef: 'Điều 5 khoản 3' },
  { code: 'k4', legalRef: 'Điều 5 khoản 4' },
  { code: 'k5a', legalRef: 'Điều 5 khoản 5 điểm a' },
  { code: 'k5b', legalRef: 'Điều 5 khoản 5 điểm b' },
  { code: 'k5c', legalRef: 'Điều 5 khoản 5 điểm c' },
  { code: 'k5d', legalRef: 'Điều 5 khoản 5 điểm d' },
  { code: 'k6', legalRef: 'Điều 5 khoản 6' },
  { code: 'k7', legalRef: 'Điều 5 khoản 7' },
  { code: 'k8', legalRef: 'Điều 5 khoản 8' },
];

/** Under 16 is a child (Luật Trẻ em 2016, Art. 1). */
export const CHILD_UNDER_AGE = 16;
/** From 60 is elderly (Luật Người cao tuổi 2009, Art. 2). */
export const ELDERLY_FROM_AGE = 60;

/**
 * One line of the Art. 6 table. Coefficients are in tenths (15 = 1.5) so that amounts stay
 * integer đồng. Ages are "reached by the end of the month" (see calendar.ts `ageInMonth`);
 * `fromAge` is inclusive, `untilAge` exclusive.
 */
export type CoefficientRow = {
  category: CategoryCode;
  tenths: number;
  fromAge?: number;
  untilAge?: number;
  severity?: DisabilitySeverity;
  /** Disability coefficients differ for adults and for children or elderly people. */
  ageGroup?: 'adult' | 'child-or-elderly';
  /** Single poor parents get the coefficient once per child being raised. */
  perChild?: true;
};

export const coefficientTable: readonly CoefficientRow[] = [
  { category: 'k1', untilAge: 4, tenths: 25 },
  { category: 'k1', fromAge: 4, tenths: 15 },
  { category: 'k2', tenths: 15 },
  { category: 'k3', untilAge: 4, tenths: 25 },
  { category: 'k3', fromAge: 4, tenths: 20 },
  { category: 'k4', tenths: 10, perChild: true },
  { category: 'k5a', untilAge: 80, tenths: 15 },
  { category: 'k5a', fromAge: 80, tenths: 20 },
  { category: 'k5b', tenths: 10 },
  { category: 'k5c', tenths: 10 },
  { category: 'k5d', tenths: 30 },
  { category: 'k6', severity: 'extremely-severe', ageGroup: 'adult', tenths: 20 },
  { category: 'k6', severity: 'extremely-severe', ageGroup: 'child-or-elderly', tenths: 25 },
  { category: 'k6', severity: 'severe', ageGroup: 'adult', tenths: 15 },
  { category: 'k6', severity: 'severe', ageGroup: 'child-or-elderly', tenths: 20 },
  { category: 'k7', tenths: 15 },
  { category: 'k8', tenths: 15 },
];

/**
 * Groups whose coefficient a single poor parent (k4) receives on top of the per-child one,
 * instead of the highest-only rule (Decree 20 Art. 6 khoản 2).
 */
export const addsToSingleParent: readonly CategoryCode[] = ['k5a', 'k5b', 'k5c', 'k5d', 'k6', 'k8'];

export type StandardLevel = {
  /** Province code ('46'), or null for the national level. */
  provinceCode: string | null;
  /** First day in force; the level applies to allowances from that calendar month. */
  effectiveFrom: string;
  /** Đồng per month. */
  amount: Vnd;
  legalBasis: string;
};

/**
 * The standard level (mức chuẩn trợ giúp xã hội). A province may set a higher level by HĐND
 * resolution; add its rows with its code. The 540.000 đ level rumoured for 07/2026 (docs/domain.md
 * §3.3, UNCONFIRMED) is deliberately absent until the decree text is read.
 */
export const standardLevels: readonly StandardLevel[] = [
  {
    provinceCode: null,
    effectiveFrom: '2021-07-01',
    amount: vnd(360_000),
    legalBasis: 'Nghị định 20/2021/NĐ-CP, Điều 4',
  },
  {
    provinceCode: null,
    effectiveFrom: '2024-07-01',
    amount: vnd(500_000),
    legalBasis: 'Nghị định 76/2024/NĐ-CP',
  },
];

/** Funeral support is at least this many times the standard level (Decree 20 Art. 11). */
export const FUNERAL_SUPPORT_MULTIPLE = 20;
