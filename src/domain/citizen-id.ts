/**
 * Chip ID card (CCCD 2021 / thẻ căn cước 2024) QR parsing (docs/domain.md §1.1). Pinned module:
 * other programs import `parseCccdQr` and `checkIdNumber` from this path.
 */
import { err, ok, type Result } from '../lib/result';
import { isIsoDate } from './calendar';
import { checkIdNumber, type IdIssueCode, type IssueSeverity } from './citizen-id-number';
import { foldVietnamese, normalizeText } from './vietnamese-text';
import type { Gender } from './vocabulary';

export {
  centuryGenderDigit,
  checkIdNumber,
  decodeIdNumber,
  idProvinceCodes,
  normalizeIdNumber,
} from './citizen-id-number';
export type { DecodedIdNumber, IdCheckContext, IdIssue, IdIssueCode, IssueSeverity } from './citizen-id-number';
export { comparisonOutcomes, compareCardWithPerson, fieldStatuses } from './citizen-id-compare';
export type {
  CardComparison,
  CardIdentity,
  ComparisonOutcome,
  FieldCheck,
  FieldStatus,
  PersonIdentity,
} from './citizen-id-compare';

export type CccdParseErrorCode =
  'wrong-field-count' | 'invalid-id-number' | 'invalid-old-id' | 'invalid-date' | 'invalid-gender' | 'not-cccd';
export type CccdParseError = { code: CccdParseErrorCode };

/** Issues of a readable card: the ID-number checks plus a few about the card's own fields. */
export type CardIssueCode =
  IdIssueCode | 'old-id-12-digits' | 'missing-name' | 'issued-before-birth' | 'issued-in-future';
export type CardIssue = { code: CardIssueCode; severity: IssueSeverity };

export type CccdCard = {
  idNumber: string;
  /** Old 9-digit (rarely 12-digit) CMND, or null when the person never had one. */
  oldIdNumber: string | null;
  /** NFC, spaces collapsed, exactly as printed otherwise. */
  fullName: string;
  birthDate: string;
  gender: Gender;
  /** Residence as printed; pre-2025 cards use pre-merger units (see admin-units `communeFromAddress`). */
  address: string;
  /** Issue date (ngày cấp), not an expiry date. */
  issuedOn: string;
  /** 7 on cards issued before 07/2024, 11 (four empty trailing fields) on later ones. */
  fieldCount: number;
  /** Inconsistencies to show with the card; the card is still readable. */
  issues: CardIssue[];
};

export type ParseOptions = {
  /** Today's date `YYYY-MM-DD`; without it no check depends on the current date. */
  today?: string | undefined;
};

/** BOM, zero-width characters and every control character (keyboard-wedge scanners inject them). */
const NOISE = /[\p{Cc}\uFEFF\u200B-\u200D\u2060]/gu;
/** Health-insurance card number: 2 letters, then 13 digits (DN4797915012345). */
const BHYT_NUMBER = /^[A-Z]{2}\d{13}$/u;
/** BHYT QR encodes the name as hex UTF-8; a CCCD never has hex letters in its second field. */
const HEX_TEXT = /^(?:[0-9a-f]{2}){3,}$/iu;

/** `ddMMyyyy` → `YYYY-MM-DD`, or null when it is not a real calendar date. */
function parseCardDate(text: string): string | null {
  if (!/^\d{8}$/u.test(text)) return null;
  const iso = `${text.slice(4, 8)}-${text.slice(2, 4)}-${text.slice(0, 2)}`;
  return isIsoDate(iso) ? iso : null;
}

function parseGender(text: string): Gender | null {
  // Folded, so "NỮ", "Nu" (a scanner that lost the diacritics) and NFD input all read.
  const folded = foldVietnamese(text);
  if (folded === 'nam') return 'male';
  if (folded === 'nu') return 'female';
  return null;
}

/** Recognisably another code: a health-insurance card or a VietQR payment code. */
function isOtherCode(text: string, fields: string[]): boolean {
  if (text.startsWith('000201')) return true;
  const [first = '', second = ''] = fields;
  if (/^\d{12}$/u.test(first)) return false;
  return BHYT_NUMBER.test(first) || (HEX_TEXT.test(second) && /[a-f]/iu.test(second));
}

/**
 * Parses the text of a CCCD QR code. Never throws: any string gives a value or an error code.
 * A readable card whose data disagree (ID digit vs gender, birth year) is `ok` with `issues`, so
 * the officer sees the card with a warning instead of losing the scan.
 */
export function parseCccdQr(raw: string, options: ParseOptions = {}): Result<CccdCard, CccdParseError> {
  const text = raw.replace(NOISE, '').trim().normalize('NFC');
  const fields = text.split('|');
  if (isOtherCode(text, fields)) return err({ code: 'not-cccd' });
  // Fewer than 7 is a truncated scan or the wrong 6-field layout (no old-ID field); more than 7
  // is the 2024 card with four empty trailing fields, and is accepted.
  if (fields.length < 7) return err({ code: 'wrong-field-count' });
  const [idNumber = '', oldId = '', name = '', birth = '', genderText = '', address = '', issued = ''] = fields;

  if (!/^\d{12}$/u.test(idNumber)) return err({ code: 'invalid-id-number' });
  // 12-digit CMNDs were issued too (docs/domain.md §1.3): accepted with a warning.
  if (!/^(?:\d{9}|\d{12})?$/u.test(oldId)) return err({ code: 'invalid-old-id' });
  const birthDate = parseCardDate(birth);
  const issuedOn = parseCardDate(issued);
  if (!birthDate || !issuedOn) return err({ code: 'invalid-date' });
  const gender = parseGender(genderText);
  if (!gender) return err({ code: 'invalid-gender' });

  const issues: CardIssue[] = [...checkIdNumber(idNumber, { birthDate, gender, today: options.today })];
  if (oldId.length === 12) issues.push({ code: 'old-id-12-digits', severity: 'warning' });
  const fullName = normalizeText(name);
  if (fullName === '') issues.push({ code: 'missing-name', severity: 'error' });
  if (issuedOn < birthDate) issues.push({ code: 'issued-before-birth', severity: 'error' });
  if (options.today && isIsoDate(options.today) && issuedOn > options.today) {
    issues.push({ code: 'issued-in-future', severity: 'error' });
  }

  return ok({
    idNumber,
    oldIdNumber: oldId === '' ? null : oldId,
    fullName,
    birthDate,
    gender,
    address: normalizeText(address),
    issuedOn,
    fieldCount: fields.length,
    issues,
  });
}
