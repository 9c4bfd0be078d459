/** The new-beneficiary form: zod schema composed from the domain rules, and its `beneficiary.create` payload. */
import { z } from 'zod';
import { monthlyAmount } from '../../domain/benefits';
import { categoryAgeIssue } from '../../domain/category-age';
import { normalizeIdNumber, type CccdCard } from '../../domain/citizen-id';
import { normalizePhone } from '../../domain/phone';
import { categoryCodes, disabilitySeverities, genders } from '../../domain/vocabulary';
import { assert } from '../../lib/assert';
import type { PayloadInput } from '../../protocol/op-registry';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import {
  addError,
  birthDateError,
  idNumberMessages,
  normalized,
  oldIdMessages,
  parseBirthDateInput,
  phoneMessages,
  requiredTextError,
  tooLongError,
  type FieldMessages,
} from './person-fields';

const orEmpty = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).or(z.literal(''));

const fields = z.object({
  communeCode: z.string(),
  fullName: z.string(),
  /** As typed: `dd/mm/yyyy` or `yyyy`. */
  birthDate: z.string(),
  gender: orEmpty(genders),
  category: orEmpty(categoryCodes),
  /** Only for disability (k6): the coefficient depends on it. */
  disabilitySeverity: orEmpty(disabilitySeverities),
  /** Only for single poor parents (k4): the coefficient is per child. */
  childrenCount: z.string(),
  village: z.string(),
  address: z.string(),
  idNumber: z.string(),
  oldIdNumber: z.string(),
  phone: z.string(),
});

export type EnrolmentForm = z.infer<typeof fields>;

export const emptyEnrolmentForm: EnrolmentForm = {
  communeCode: '',
  fullName: '',
  birthDate: '',
  gender: '',
  category: '',
  disabilitySeverity: '',
  childrenCount: '',
  village: '',
  address: '',
  idNumber: '',
  oldIdNumber: '',
  phone: '',
};

/** The birth date as `YYYY-MM-DD`/`YYYY` when it reads, for cross-checks with the ID number. */
function birthDateOf(form: EnrolmentForm): string | null {
  const parsed = parseBirthDateInput(form.birthDate);
  return parsed.ok ? parsed.value : null;
}

function idContext(form: EnrolmentForm, today: string) {
  return { birthDate: birthDateOf(form), gender: form.gender || null, today };
}

/** Validation of the form for a day (`YYYY-MM-DD`): errors in Vietnamese, on the field they are about. */
export function enrolmentFormSchema(today: string) {
  return fields.superRefine((v, ctx) => {
    const e = t.enrol.errors;
    addError(ctx, 'communeCode', /^\d{5}$/u.test(v.communeCode) ? null : e.commune);
    addError(ctx, 'fullName', requiredTextError(v.fullName, e.fullName));
    addError(ctx, 'birthDate', birthDateError(v.birthDate, today));
    addError(ctx, 'gender', v.gender ? null : e.gender);
    addError(ctx, 'category', v.category ? null : e.category);
    if (v.category === 'k6') addError(ctx, 'disabilitySeverity', v.disabilitySeverity ? null : e.disabilitySeverity);
    if (v.category === 'k4') {
      const n = Number(v.childrenCount);
      addError(
        ctx,
        'childrenCount',
        /^\d{1,2}$/u.test(v.childrenCount.trim()) && n >= 1 && n <= 20 ? null : e.childrenCount,
      );
    }
    addError(ctx, 'village', tooLongError(v.village, 200));
    addError(ctx, 'address', tooLongError(v.address));
    addError(ctx, 'idNumber', idNumberMessages(v.idNumber, idContext(v, today)).error);
    addError(ctx, 'oldIdNumber', oldIdMessages(v.oldIdNumber).error);
    addError(ctx, 'phone', phoneMessages(v.phone).error);
  });
}

/** Warnings to show next to the fields (never blocking). */
export function enrolmentWarnings(
  form: EnrolmentForm,
  today: string,
): Partial<Record<'category' | 'idNumber' | 'oldIdNumber' | 'phone', FieldMessages['warnings']>> {
  const birthDate = parseBirthDateInput(form.birthDate);
  const ageIssue =
    form.category !== '' && birthDate.ok ? categoryAgeIssue(form.category, birthDate.value, today.slice(0, 7)) : null;
  return {
    category: ageIssue ? [t.enrol.ageOutsideCategory(ageIssue.age, ageIssue.range.from, ageIssue.range.below)] : [],
    idNumber: idNumberMessages(form.idNumber, idContext(form, today)).warnings,
    oldIdNumber: oldIdMessages(form.oldIdNumber).warnings,
    phone: phoneMessages(form.phone).warnings,
  };
}

/** What a scanned card fills in; the officer still checks it before saving. */
export function fillFromCard(card: CccdCard): Partial<EnrolmentForm> {
  return {
    idNumber: card.idNumber,
    oldIdNumber: card.oldIdNumber ?? '',
    fullName: card.fullName,
    birthDate: formatBirthDate(card.birthDate),
    gender: card.gender,
    address: card.address,
  };
}

/**
 * The `beneficiary.create` payload of a valid form: text in NFC with spaces collapsed, numbers in
 * their stored form, optional fields left out when empty (the server fills its defaults), and
 * the monthly amount the domain computes for `month` when it can (else the server's 0 stays).
 */
export function toCreatePayload(
  form: EnrolmentForm,
  month: string,
  provinceCode = '46',
): PayloadInput<'beneficiary.create'> {
  const birthDate = parseBirthDateInput(form.birthDate);
  const gender = form.gender;
  const category = form.category;
  assert(birthDate.ok && gender !== '' && category !== '', 'toCreatePayload takes a form that passed the schema');
  const disabilitySeverity = category === 'k6' && form.disabilitySeverity ? form.disabilitySeverity : null;
  const childrenCount = category === 'k4' ? Number(form.childrenCount) : null;
  const amount = monthlyAmount(
    { category, birthDate: birthDate.value, disabilitySeverity, childrenCount },
    month,
    provinceCode,
  );
  const idNumber = normalizeIdNumber(form.idNumber);
  const oldIdNumber = normalizeIdNumber(form.oldIdNumber);
  const phone = form.phone.trim();
  return {
    communeCode: form.communeCode,
    fullName: normalized(form.fullName),
    birthDate: birthDate.value,
    gender,
    category,
    ...(disabilitySeverity ? { disabilitySeverity } : {}),
    ...(childrenCount !== null ? { childrenCount } : {}),
    ...(normalized(form.village) ? { village: normalized(form.village) } : {}),
    ...(normalized(form.address) ? { address: normalized(form.address) } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(oldIdNumber ? { oldIdNumber } : {}),
    ...(phone ? { phone: normalizePhone(phone) ?? phone } : {}),
    ...(amount.ok ? { monthlyAmount: amount.value.amount } : {}),
  };
}
