/** The "ID papers and contact" form of a person: schema, warnings and the `beneficiary.update` field patch. */
import { z } from 'zod';
import { normalizeIdNumber, type CccdCard, type IdCheckContext } from '../../domain/citizen-id';
import { normalizePhone } from '../../domain/phone';
import type { BeneficiaryData } from '../../protocol/entities';
import {
  addError,
  idNumberMessages,
  normalized,
  oldIdMessages,
  phoneMessages,
  tooLongError,
  type FieldMessages,
} from './person-fields';

const fields = z.object({
  idNumber: z.string(),
  oldIdNumber: z.string(),
  phone: z.string(),
  address: z.string(),
  village: z.string(),
});

export type IdentityForm = z.infer<typeof fields>;
type IdentityFields = Pick<BeneficiaryData, 'idNumber' | 'oldIdNumber' | 'phone' | 'address' | 'village'>;
export type IdentityPatch = Partial<IdentityFields>;

/** The person's birth date and gender, against which a typed ID number is checked. */
export function identityFormSchema(context: IdCheckContext) {
  return fields.superRefine((v, ctx) => {
    addError(ctx, 'idNumber', idNumberMessages(v.idNumber, context).error);
    addError(ctx, 'oldIdNumber', oldIdMessages(v.oldIdNumber).error);
    addError(ctx, 'phone', phoneMessages(v.phone).error);
    addError(ctx, 'address', tooLongError(v.address));
    addError(ctx, 'village', tooLongError(v.village, 200));
  });
}

export function identityWarnings(
  form: IdentityForm,
  context: IdCheckContext,
): Partial<Record<keyof IdentityForm, FieldMessages['warnings']>> {
  return {
    idNumber: idNumberMessages(form.idNumber, context).warnings,
    oldIdNumber: oldIdMessages(form.oldIdNumber).warnings,
    phone: phoneMessages(form.phone).warnings,
  };
}

export function identityFromRow(row: IdentityFields): IdentityForm {
  return {
    idNumber: row.idNumber ?? '',
    oldIdNumber: row.oldIdNumber ?? '',
    phone: row.phone ?? '',
    address: row.address,
    village: row.village,
  };
}

/** A scan fills the card's numbers only: name and birth date are not edited here. */
export function identityFromCard(card: CccdCard): Pick<IdentityForm, 'idNumber' | 'oldIdNumber'> {
  return { idNumber: card.idNumber, oldIdNumber: card.oldIdNumber ?? '' };
}

/**
 * The fields of a valid form that differ from the row, in their stored form (an emptied number
 * is null): a field patch, so that a field another device changed meanwhile is not overwritten
 * with the value this form happened to show. Empty when nothing changed.
 */
export function toIdentityPatch(form: IdentityForm, row: IdentityFields): IdentityPatch {
  const phone = form.phone.trim();
  const next: IdentityFields = {
    idNumber: normalizeIdNumber(form.idNumber) || null,
    oldIdNumber: normalizeIdNumber(form.oldIdNumber) || null,
    phone: phone ? (normalizePhone(phone) ?? phone) : null,
    address: normalized(form.address),
    village: normalized(form.village),
  };
  const patch: IdentityPatch = {};
  for (const key of Object.keys(next) as (keyof IdentityFields)[]) {
    if (next[key] !== row[key]) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}
