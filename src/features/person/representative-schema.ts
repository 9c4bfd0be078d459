/** The guardian / authorised-person form: schema, warnings and the `representative` it sends. */
import { z } from 'zod';
import { normalizeIdNumber } from '../../domain/citizen-id';
import { normalizePhone } from '../../domain/phone';
import { representativeKinds } from '../../domain/vocabulary';
import { assert } from '../../lib/assert';
import type { Representative } from '../../protocol/entities';
import { t } from '../../ui/messages';
import {
  addError,
  anyIdMessages,
  dateError,
  normalized,
  phoneMessages,
  requiredTextError,
  tooLongError,
  type FieldMessages,
} from './person-fields';

export const representativeFormSchema = z
  .object({
    kind: z.enum(representativeKinds).or(z.literal('')),
    fullName: z.string(),
    relationship: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    /** Authorisation paper or guardianship extract, as the officer describes it. */
    paperRef: z.string(),
    /** `YYYY-MM-DD` from a date input, or empty when the paper has no end. */
    validUntil: z.string(),
  })
  .superRefine((v, ctx) => {
    const e = t.enrol.errors;
    addError(ctx, 'kind', v.kind ? null : e.repKind);
    addError(ctx, 'fullName', requiredTextError(v.fullName, e.repFullName));
    addError(ctx, 'relationship', requiredTextError(v.relationship, e.repRelationship, 100));
    addError(ctx, 'idNumber', anyIdMessages(v.idNumber).error);
    addError(ctx, 'phone', phoneMessages(v.phone).error);
    addError(ctx, 'paperRef', tooLongError(v.paperRef, 200));
    addError(ctx, 'validUntil', dateError(v.validUntil));
  });

export type RepresentativeForm = z.infer<typeof representativeFormSchema>;

export const emptyRepresentativeForm: RepresentativeForm = {
  kind: '',
  fullName: '',
  relationship: '',
  idNumber: '',
  phone: '',
  paperRef: '',
  validUntil: '',
};

/** `today` is `YYYY-MM-DD`: an expired paper is recorded as it is, with a warning. */
export function representativeWarnings(
  form: RepresentativeForm,
  today: string,
): Partial<Record<keyof RepresentativeForm, FieldMessages['warnings']>> {
  return {
    idNumber: anyIdMessages(form.idNumber).warnings,
    phone: phoneMessages(form.phone).warnings,
    validUntil:
      form.validUntil && !dateError(form.validUntil) && form.validUntil < today ? [t.enrol.validUntilPast] : [],
  };
}

export function representativeFromRow(rep: Representative | null): RepresentativeForm {
  if (!rep) return emptyRepresentativeForm;
  return {
    kind: rep.kind,
    fullName: rep.fullName,
    relationship: rep.relationship,
    idNumber: rep.idNumber ?? '',
    phone: rep.phone ?? '',
    paperRef: rep.paperRef ?? '',
    validUntil: rep.validUntil ?? '',
  };
}

/** The whole representative of a valid form (the wire field is replaced as a whole). */
export function toRepresentative(form: RepresentativeForm): Representative {
  assert(form.kind !== '', 'toRepresentative takes a form that passed the schema');
  const phone = form.phone.trim();
  return {
    kind: form.kind,
    fullName: normalized(form.fullName),
    relationship: normalized(form.relationship),
    idNumber: normalizeIdNumber(form.idNumber) || null,
    phone: phone ? (normalizePhone(phone) ?? phone) : null,
    paperRef: normalized(form.paperRef) || null,
    validUntil: form.validUntil || null,
  };
}
