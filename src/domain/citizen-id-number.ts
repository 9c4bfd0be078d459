/**
 * The 12-digit personal identification number (số định danh cá nhân): `PPP G YY NNNNNN`
 * (Thông tư 07/2016/TT-BCA Art. 7; docs/domain.md §2). No check digit exists, so offline checks are
 * consistency checks against the stated birth year and gender.
 */
import { isIsoDate, parseBirthDate } from './calendar';
import type { Gender } from './vocabulary';

/**
 * Birth-registration province codes of the 63 provinces before 2025. The 2025 merger reuses
 * these codes and never renumbers existing IDs, so all 63 stay valid (docs/domain.md §2.2).
 */
export const idProvinceCodes: ReadonlySet<string> = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 ' +
    '038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 ' +
    '080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** Births registered abroad carry a country code in 101–295 instead of a province. */
const ABROAD_FIRST = 101;
const ABROAD_LAST = 295;

export type IdIssueCode =
  'bad-format' | 'unknown-province' | 'born-abroad' | 'gender-mismatch' | 'birth-year-mismatch' | 'future-birth';
export type IssueSeverity = 'error' | 'warning';
export type IdIssue = { code: IdIssueCode; severity: IssueSeverity };

export type DecodedIdNumber = {
  /** First three digits: province (or country) where the birth was registered. */
  registrationCode: string;
  gender: Gender;
  birthYear: number;
  serial: string;
};

/** The format of a personal ID number (CCCD): exactly 12 digits, after `normalizeIdNumber`. */
export const isIdNumberFormat = (text: string): boolean => /^\d{12}$/u.test(text);

/** The format of an old ID card number (CMND): 9 digits, or 12 (12-digit CMNDs were issued, docs/domain.md §1.3). */
export const isOldIdNumberFormat = (text: string): boolean => /^(?:\d{9}|\d{12})$/u.test(text);

/** Either card a person may show at the door: a 12-digit CCCD or a 9-digit CMND. */
export const isAnyIdNumberFormat = isOldIdNumberFormat;

/** "046 152 999 001", "046.152.999.001", full-width digits → "046152999001". */
export function normalizeIdNumber(text: string): string {
  return text.normalize('NFKC').replace(/[\s.\-_]/gu, '');
}

/**
 * The gender-and-century digit: 0/1 for men/women born 1900–1999, 2/3 for 2000–2099, … up to
 * 8/9 for 2300–2399. Null outside those centuries.
 */
export function centuryGenderDigit(year: number, gender: Gender): number | null {
  const century = Math.floor(year / 100);
  if (!Number.isInteger(year) || century < 19 || century > 23) return null;
  return (century - 19) * 2 + (gender === 'female' ? 1 : 0);
}

/** Reads the parts of a 12-digit number (after `normalizeIdNumber`), or null when malformed. */
export function decodeIdNumber(idNumber: string): DecodedIdNumber | null {
  const id = normalizeIdNumber(idNumber);
  if (!isIdNumberFormat(id)) return null;
  const digit = Number(id[3]);
  return {
    registrationCode: id.slice(0, 3),
    gender: digit % 2 === 1 ? 'female' : 'male',
    birthYear: (Math.floor(digit / 2) + 19) * 100 + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

export type IdCheckContext = {
  /** `YYYY-MM-DD` or `YYYY`, as stated on the card, the form or the roster. */
  birthDate?: string | null | undefined;
  gender?: Gender | null | undefined;
  /** Today's date `YYYY-MM-DD`, passed in (rules never read the clock); enables `future-birth`. */
  today?: string | undefined;
};

/**
 * Offline consistency checks of an ID number (docs/domain.md §2.3). Errors mean the number, the birth
 * year or the gender is wrong somewhere; warnings are unusual but valid. An empty list is clean.
 * The registration province is never a residence check: people move.
 */
export function checkIdNumber(idNumber: string, context: IdCheckContext = {}): IdIssue[] {
  const decoded = decodeIdNumber(idNumber);
  if (!decoded) return [{ code: 'bad-format', severity: 'error' }];
  const issues: IdIssue[] = [];

  const registration = Number(decoded.registrationCode);
  if (registration >= ABROAD_FIRST && registration <= ABROAD_LAST) {
    issues.push({ code: 'born-abroad', severity: 'warning' });
  } else if (!idProvinceCodes.has(decoded.registrationCode)) {
    issues.push({ code: 'unknown-province', severity: 'error' });
  }

  if (context.gender && context.gender !== decoded.gender) {
    issues.push({ code: 'gender-mismatch', severity: 'error' });
  }

  const birthDate = context.birthDate ?? null;
  const stated = birthDate ? parseBirthDate(birthDate) : null;
  if (stated && stated.year !== decoded.birthYear) {
    issues.push({ code: 'birth-year-mismatch', severity: 'error' });
  }

  const today = context.today;
  if (today && isIsoDate(today)) {
    const todayYear = Number(today.slice(0, 4));
    const statedInFuture =
      stated !== null && birthDate !== null && (stated.yearOnly ? stated.year > todayYear : birthDate > today);
    if (decoded.birthYear > todayYear || statedInFuture) {
      issues.push({ code: 'future-birth', severity: 'error' });
    }
  }
  return issues;
}
