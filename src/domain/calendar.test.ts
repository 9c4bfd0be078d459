import { describe, expect, test } from 'vitest';
import { addMonths, ageInMonth, ageOn, isIsoDate, parseBirthDate, parseMonth, payingMonth } from './calendar';

describe('calendar', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
  ])('isIsoDate(%s) → %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  test.each([
    ['2026-09', { year: 2026, month: 9 }],
    ['2026-00', null],
    ['2026-9', null],
  ])('parseMonth(%s)', (text, expected) => {
    expect(parseMonth(text)).toEqual(expected);
  });

  test.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-05', 24, '2028-05'],
    ['bad', 1, null],
  ])('addMonths(%s, %i) → %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  test('a year-only birth date is read as 1 January', () => {
    expect(parseBirthDate('1945')).toEqual({ year: 1945, month: 1, day: 1, yearOnly: true });
    expect(parseBirthDate('1945-02-30')).toBeNull();
  });

  test.each([
    ['2022-09-09', '2026-08', 3],
    ['2022-09-09', '2026-09', 4],
    ['1946', '2026-01', 80],
    ['1946-12-31', '2026-11', 79],
    ['bad', '2026-01', null],
  ])('ageInMonth(%s, %s) → %s (age reached by the end of the month)', (birth, month, age) => {
    expect(ageInMonth(birth, month)).toBe(age);
  });

  test.each([
    ['2010-06-15', '2026-06-14', 15],
    ['2010-06-15', '2026-06-15', 16],
    ['1945', '2026-06-15', 81],
    ['2010-06-15', 'today', null],
  ])('ageOn(%s, %s) → %s', (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age);
  });
});

test('payingMonth: the latest month not after today, else the earliest', () => {
  expect(payingMonth(['2026-11', '2026-12', '2027-01'], '2026-12')).toBe('2026-12');
  expect(payingMonth(['2027-01', '2026-10'], '2026-12')).toBe('2026-10');
  expect(payingMonth(['2027-02', '2027-01'], '2026-12')).toBe('2027-01');
  expect(payingMonth([], '2026-12')).toBeNull();
});
