import { describe, expect, test } from 'vitest';
import { categoryAgeIssue } from './category-age';
import type { CategoryCode } from './vocabulary';

describe('categoryAgeIssue — docs/domain.md §2.3 rule 5', () => {
  test.each<[CategoryCode, string, string, number | null]>([
    // [group, birth date, month checked, age reported or null when it fits]
    ['k1', '2015-06-10', '2026-11', null],
    ['k1', '2010-11-20', '2026-11', null], // turns 16 this month: paid until the month after
    ['k1', '2010-10-20', '2026-11', 16],
    ['k1', '1996-03-02', '2026-11', 30],
    ['k2', '2008-01-15', '2026-11', null], // 18, in school
    ['k2', '2004-01-15', '2026-11', null], // 22
    ['k2', '2003-01-15', '2026-11', 23],
    ['k2', '2012-01-15', '2026-11', 14],
    ['k5a', '1966-11-30', '2026-11', null], // turns 60 in the month checked
    ['k5a', '1966-12-01', '2026-11', 59],
    ['k5b', '1950-05-05', '2026-11', null], // 76
    ['k5b', '1945-05-05', '2026-11', 81],
    ['k5c', '1946-05-05', '2026-11', null], // 80
    ['k5c', '1950-05-05', '2026-11', 76],
    ['k5d', '1990-05-05', '2026-11', 36],
    ['k7', '2024-02-01', '2026-11', null],
    ['k7', '2023-11-01', '2026-11', null], // turns 3 this month
    ['k7', '2023-10-01', '2026-11', 3],
    ['k6', '1990-05-05', '2026-11', null], // disability: any age
    ['k8', '1960-05-05', '2026-11', null],
    ['k4', '1990-05-05', '2026-11', null], // the parent's own age is not the rule
  ])('%s born %s, in %s → %s', (category, birthDate, month, age) => {
    const issue = categoryAgeIssue(category, birthDate, month);
    if (age === null) expect(issue).toBeNull();
    else expect(issue).toMatchObject({ code: 'age-outside-category', category, age });
  });

  test('with only a birth year, a warning needs both possible ages outside the group', () => {
    // Born in 1966: 59 or 60 in 11/2026 — could be elderly already.
    expect(categoryAgeIssue('k5a', '1966', '2026-11')).toBeNull();
    // Born in 1967: 58 or 59 — too young either way; the age nearest to the group is reported.
    expect(categoryAgeIssue('k5a', '1967', '2026-11')).toMatchObject({ age: 59 });
    // Born in 2009: 16 or 17 — no longer a child either way.
    expect(categoryAgeIssue('k1', '2009', '2026-11')).toMatchObject({ age: 16 });
    // Born in 2010: 15 or 16 — may still be a child.
    expect(categoryAgeIssue('k1', '2010', '2026-11')).toBeNull();
  });

  test('unreadable dates give no warning rather than a wrong one', () => {
    expect(categoryAgeIssue('k1', 'not a date', '2026-11')).toBeNull();
    expect(categoryAgeIssue('k1', '1990-01-01', '2026-13-01')).toBeNull();
  });
});
