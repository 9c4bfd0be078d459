/**
 * Field rules shared by the enrolment, identity and representative forms, composed from the
 * domain checks: each gives Vietnamese messages (from the live catalogue) split into an error,
 * which blocks saving, and warnings, which are shown next to the field but never block
 * (docs/domain.md §7.2: a number a person really uses must stay usable).
 */
import type { z } from 'zod';
import { isIsoDate, parseBirthDate } from '../../domain/calendar';
import { checkIdNumber, normalizeIdNumber, type IdCheckContext } from '../../domain/citizen-id';
import { isAnyIdNumberFormat, isIdNumberFormat, isOldIdNumberFormat } from '../../domain/citizen-id-number';
import { checkPhone } from '../../domain/phone';
import { normalizeText } from '../../domain/vietnamese-text';
import { err, ok, type Result } from '../../lib/result';
import { t } from '../../ui/messages';

export type FieldMessages = { error: string | null; warnings: string[] };

const clean: FieldMessages = { error: null, warnings: [] };

function split(issues: { severity: 'error' | 'warning'; message: string }[]): FieldMessages {
  return {
    error: issues.find((i) => i.severity === 'error')?.message ?? null,
    warnings: issues.filter((i) => i.severity === 'warning').map((i) => i.message),
  };
}

/** A 12-digit ID number as typed (spaces and dots allowed); empty is fine, the field is optional. */
export function idNumberMessages(raw: string, context: IdCheckContext = {}): FieldMessages {
  const id = normalizeIdNumber(raw);
  if (id === '') return clean;
  return split(checkIdNumber(id, context).map((i) => ({ severity: i.severity, message: t.enrol.idIssues[i.code] })));
}

/** An old CMND: 9 digits, or 12 with a warning (12-digit CMNDs were issued too, docs/domain.md §1.3). */
export function oldIdMessages(raw: string): FieldMessages {
  const id = normalizeIdNumber(raw);
  if (id === '') return clean;
  if (!isOldIdNumberFormat(id)) return { error: t.enrol.errors.oldIdNumber, warnings: [] };
  return isIdNumberFormat(id) ? { error: null, warnings: [t.enrol.oldId12] } : clean;
}

/** A representative's card: a 12-digit ID number (checked without a birth date) or a 9-digit CMND. */
export function anyIdMessages(raw: string): FieldMessages {
  const id = normalizeIdNumber(raw);
  if (id === '') return clean;
  if (!isAnyIdNumberFormat(id)) return { error: t.enrol.errors.repIdNumber, warnings: [] };
  // A 12-digit number is a citizen ID: checked as one (without a birth date); a 9-digit CMND is not.
  return isIdNumberFormat(id) ? idNumberMessages(id) : clean;
}

/** A phone number; empty is fine. An old 11-digit number gets the suggested new one. */
export function phoneMessages(raw: string): FieldMessages {
  if (raw.trim() === '') return clean;
  const check = checkPhone(raw);
  const messages = split(check.issues.map((i) => ({ severity: i.severity, message: t.enrol.phoneIssues[i.code] })));
  if (messages.error && check.suggestion) {
    return { ...messages, error: `${messages.error} ${t.enrol.phoneSuggestion(check.suggestion)}` };
  }
  return messages;
}

/** `YYYY-MM-DD` or `YYYY` from what people type: `12/3/1952`, `12-03-1952`, `12.03.1952`, `1952-03-12`, `1952`. */
export function parseBirthDateInput(raw: string): Result<string, 'format' | 'not-real'> {
  const text = raw.normalize('NFKC').trim();
  if (/^\d{4}$/u.test(text)) return ok(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return err('format');
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(date) ? ok(date) : err('not-real');
}

/** The error of a typed birth date (required), or null; `today` is `YYYY-MM-DD`. */
export function birthDateError(raw: string, today: string): string | null {
  const parsed = parseBirthDateInput(raw);
  if (!parsed.ok) return parsed.error === 'format' ? t.enrol.errors.birthDate : t.enrol.errors.birthDateNotReal;
  const birth = parseBirthDate(parsed.value);
  const future = birth?.yearOnly ? parsed.value > today.slice(0, 4) : parsed.value > today;
  return future ? t.enrol.errors.birthDateFuture : null;
}

/** `YYYY-MM-DD` from an `<input type="date">`, or empty. */
export function dateError(raw: string): string | null {
  return raw === '' || isIsoDate(raw) ? null : t.enrol.errors.validUntil;
}

/** Text as stored: NFC, invisible characters dropped, spaces collapsed (docs/domain.md §7.1). */
export const normalized = (text: string): string => normalizeText(text);

/** Adds `messages.error` as the zod issue of `path`, if there is one. */
export function addError(ctx: z.RefinementCtx, path: string, error: string | null): void {
  if (error) ctx.addIssue({ code: 'custom', path: [path], message: error });
}

/** Required text: an error when empty after normalising, or longer than `max`. */
export function requiredTextError(raw: string, missing: string, max = 200): string | null {
  const text = normalizeText(raw);
  if (text === '') return missing;
  return text.length > max ? t.enrol.errors.tooLong : null;
}

/** Optional text longer than `max`. */
export function tooLongError(raw: string, max = 500): string | null {
  return normalizeText(raw).length > max ? t.enrol.errors.tooLong : null;
}
