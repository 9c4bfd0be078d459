/**
 * The card hand-over form (issue 12): schema, defaults and the `beneficiary.set-account-status`
 * payload it sends. The safety guidance must be ticked; the signature is checked by the form
 * (it is a drawing, not a field) and sent as its blob hash.
 */
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar';
import { receiverKinds, type ReceiverKind } from '../../domain/vocabulary';
import { assert } from '../../lib/assert';
import type { PayloadInput } from '../../protocol/op-registry';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { addError, normalized, requiredTextError } from './person-fields';

/** `today` is `YYYY-MM-DD` (Vietnam): a hand-over cannot be dated after it. */
export const cardHandoverFormSchema = (today: string) =>
  z
    .object({
      /** `YYYY-MM-DD` from a date input: the calendar day, not the device's clock. */
      date: z.string(),
      handedOverBy: z.string(),
      receiverKind: z.enum(receiverKinds),
      receiverName: z.string(),
      guidanceGiven: z.boolean(),
    })
    .superRefine((v, ctx) => {
      const e = t.handover.errors;
      addError(ctx, 'date', !isIsoDate(v.date) ? e.date : v.date > today ? e.dateFuture : null);
      addError(ctx, 'handedOverBy', requiredTextError(v.handedOverBy, e.handedOverBy));
      addError(ctx, 'receiverName', requiredTextError(v.receiverName, e.receiverName));
      addError(ctx, 'guidanceGiven', v.guidanceGiven ? null : e.guidance);
    });

export type CardHandoverForm = z.infer<ReturnType<typeof cardHandoverFormSchema>>;

/** The name a receiver of `kind` usually has: the person, or their registered representative. */
export function receiverNameFor(person: BeneficiaryRow, kind: ReceiverKind): string {
  if (kind === 'self') return person.fullName;
  return person.representative?.kind === kind ? person.representative.fullName : '';
}

/** A new hand-over: today, by the signed-in user, to the person; the guidance not yet ticked. */
export function cardHandoverDefaults(person: BeneficiaryRow, userName: string, today: string): CardHandoverForm {
  return {
    date: today,
    handedOverBy: userName,
    receiverKind: 'self',
    receiverName: receiverNameFor(person, 'self'),
    guidanceGiven: false,
  };
}

/** The op's payload for a valid form and the signature's blob hash. */
export function toCardHandoverPayload(
  form: CardHandoverForm,
  signature: string,
): PayloadInput<'beneficiary.set-account-status'> {
  // The wire refuses a hand-over without the guidance too; the form never gets this far without it.
  assert(form.guidanceGiven, 'toCardHandoverPayload takes a form that passed the schema');
  return {
    status: 'card-handed-over',
    handover: {
      date: form.date,
      handedOverBy: normalized(form.handedOverBy),
      receiver: { kind: form.receiverKind, fullName: normalized(form.receiverName) },
      guidanceGiven: true,
    },
    signature,
  };
}
