/**
 * The communication day's fast path (issue 17): one form for what a registration table asks —
 * phone, ID number (typed or scanned), the payment method, the representative's paper if it was
 * brought, and the appointment for a new ID card — checked with the same field rules as the
 * person's page, and turned into at most two ops: a `beneficiary.update` of what changed and a
 * `beneficiary.set-payment-method` if the method or its details changed.
 */
import { z } from 'zod';
import { normalizeIdNumber } from '../../domain/citizen-id-number';
import { cardToRequest, type IdCardRequest } from '../../domain/id-card-request';
import { normalizePhone } from '../../domain/phone';
import { classifyReadiness, type Readiness } from '../../domain/readiness';
import { isIsoDate } from '../../domain/calendar';
import { idCardRequestKinds } from '../../domain/id-card-request';
import { homeDeliveryReasons, paymentMethods } from '../../domain/vocabulary';
import type { PayloadInput } from '../../protocol/op-registry';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { addError, idNumberMessages, normalized, oldIdMessages, phoneMessages } from './person-fields';
import { paymentMethodFormSchema, toPaymentMethodPayload, type PaymentMethodForm } from './payment-method-schema';

const orEmpty = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).or(z.literal(''));

const fields = z.object({
  phone: z.string(),
  idNumber: z.string(),
  oldIdNumber: z.string(),
  method: orEmpty(paymentMethods),
  bankName: z.string(),
  provider: z.string(),
  walletPhone: z.string(),
  homeDeliveryReason: orEmpty(homeDeliveryReasons),
  /** The representative's paper (authorisation or guardianship), if brought today. */
  paperRef: z.string(),
  /** A new or replacement ID card; '' when none is being made. */
  cardKind: orEmpty(idCardRequestKinds),
  /** From `<input type="date">`: `YYYY-MM-DD` or empty. */
  appointmentOn: z.string(),
  place: z.string(),
});

export type OutreachForm = z.infer<typeof fields>;

/** The form as the person's record stands; a card request is suggested when readiness asks for one. */
export function outreachFormOf(person: BeneficiaryRow, today: string, policePlace: string): OutreachForm {
  const d = person.paymentDetails ?? {};
  const request = person.idCardRequest ?? null;
  // Suggested as if an account were chosen: it is kept only if one is (requestOf).
  const suggested = request === null ? cardToRequest(readinessOf({ ...person, paymentMethod: 'bank' }, today)) : null;
  return {
    phone: person.phone ?? '',
    idNumber: person.idNumber ?? '',
    oldIdNumber: person.oldIdNumber ?? '',
    method: person.paymentMethod ?? '',
    bankName: d.bankName ?? '',
    provider: d.provider ?? '',
    walletPhone: d.walletPhone ?? '',
    homeDeliveryReason: d.homeDeliveryReason ?? '',
    paperRef: person.representative?.paperRef ?? '',
    cardKind: request?.kind ?? suggested?.kind ?? '',
    appointmentOn: request?.appointmentOn ?? '',
    place: request ? (request.place ?? '') : suggested ? policePlace : '',
  };
}

/** The method part as the fast path asks it: no account number or holder (methodOf keeps them). */
function methodForm(v: OutreachForm): Omit<PaymentMethodForm, 'method'> & { method: PaymentMethodForm['method'] | '' } {
  return {
    method: v.method,
    bankName: v.bankName,
    accountNumber: '',
    accountHolder: '',
    provider: v.provider,
    walletPhone: v.walletPhone,
    homeDeliveryReason: v.homeDeliveryReason,
  };
}

/** Validation for a day (`YYYY-MM-DD`): the person's page's messages, on the fields they are about. */
export function outreachFormSchema(person: BeneficiaryRow, today: string) {
  return fields.superRefine((v, ctx) => {
    const idContext = { birthDate: person.birthDate, gender: person.gender, today };
    addError(ctx, 'phone', phoneMessages(v.phone).error);
    addError(ctx, 'idNumber', idNumberMessages(v.idNumber, idContext).error);
    addError(ctx, 'oldIdNumber', oldIdMessages(v.oldIdNumber).error);
    const method = paymentMethodFormSchema.safeParse(methodForm(v));
    if (!method.success) {
      for (const issue of method.error.issues) {
        const path = String(issue.path[0] ?? 'method');
        addError(
          ctx,
          path === 'method' ? 'method' : path,
          path === 'method' ? t.outreach.errors.method : issue.message,
        );
      }
    }
    if (v.cardKind !== '' && v.appointmentOn !== '' && !isIsoDate(v.appointmentOn)) {
      addError(ctx, 'appointmentOn', t.outreach.errors.appointmentOn);
    }
  });
}

/**
 * The method's payload as the form gives it, or null before one is chosen. With the method
 * unchanged, the details recorded before (an account number, the holder of an opened account)
 * stay, and only what the fast path asks is overlaid.
 */
function methodOf(person: BeneficiaryRow, v: OutreachForm): PayloadInput<'beneficiary.set-payment-method'> | null {
  if (v.method === '') return null;
  const payload = toPaymentMethodPayload({ ...methodForm(v), method: v.method });
  if (v.method !== person.paymentMethod || !person.paymentDetails) return payload;
  return { ...payload, details: { ...person.paymentDetails, ...payload.details } };
}

/** Phone, ID numbers and the representative's paper as the form gives them: what changed. */
function identityPatch(person: BeneficiaryRow, v: OutreachForm): PayloadInput<'beneficiary.update'> {
  const patch: PayloadInput<'beneficiary.update'> = {};
  const phone = v.phone.trim() === '' ? null : (normalizePhone(v.phone) ?? v.phone.trim());
  if (!same(phone, person.phone)) patch.phone = phone;
  const idNumber = normalizeIdNumber(v.idNumber) || null;
  if (!same(idNumber, person.idNumber)) patch.idNumber = idNumber;
  const oldIdNumber = normalizeIdNumber(v.oldIdNumber) || null;
  if (!same(oldIdNumber, person.oldIdNumber)) patch.oldIdNumber = oldIdNumber;
  const rep = person.representative;
  const paperRef = normalized(v.paperRef) || null;
  if (rep && !same(paperRef, rep.paperRef)) patch.representative = { ...rep, paperRef };
  return patch;
}

/** The person with the form's identity and method, before any card request. */
function withForm(person: BeneficiaryRow, v: OutreachForm): BeneficiaryRow {
  const method = methodOf(person, v);
  return {
    ...person,
    ...identityPatch(person, v),
    ...(method ? { paymentMethod: method.method, paymentDetails: method.details ?? null } : {}),
  } as BeneficiaryRow;
}

/** The person as they will be once the form is saved: what readiness and the slip read. */
export function personAfter(person: BeneficiaryRow, v: OutreachForm, today: string): BeneficiaryRow {
  return { ...withForm(person, v), idCardRequest: requestOf(person, v, today) };
}

export function readinessOf(person: BeneficiaryRow, today: string): Readiness {
  return classifyReadiness({
    beneficiary: person,
    paymentMethod: person.paymentMethod,
    walletPhone: person.paymentDetails?.walletPhone ?? null,
    representative: person.representative,
    today,
  });
}

/**
 * The card request to keep: one on record stays with its kind, appointment and place as typed (no
 * kind takes it away); a new one only while readiness asks for a card — the form suggests one for
 * anyone with only a CMND, but someone who keeps cash, or whose 12-digit number was just
 * recorded, needs none.
 */
function requestOf(person: BeneficiaryRow, v: OutreachForm, today: string): IdCardRequest | null {
  const before = person.idCardRequest ?? null;
  // "Chọn…" takes a request made by mistake away.
  if (v.cardKind === '') return null;
  if (before === null && cardToRequest(readinessOf(withForm(person, v), today)) === null) return null;
  return {
    kind: v.cardKind,
    // The account holder's card: the representative's when there is one (domain/readiness.ts).
    person: before?.person ?? (person.representative ? 'representative' : 'beneficiary'),
    appointmentOn: v.appointmentOn === '' ? null : v.appointmentOn,
    place: normalized(v.place) === '' ? null : normalized(v.place),
    issuedOn: before?.issuedOn ?? null,
  };
}

/** Equal as data: objects key by key whatever their order, absent and null alike. */
function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The `beneficiary.update` patch of what the form changed, or null when nothing did. */
export function updatePatch(
  person: BeneficiaryRow,
  v: OutreachForm,
  today: string,
): PayloadInput<'beneficiary.update'> | null {
  const patch = identityPatch(person, v);
  const request = requestOf(person, v, today);
  if (!same(request, person.idCardRequest)) patch.idCardRequest = request;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The `beneficiary.set-payment-method` payload if the method or its details changed, else null. */
export function methodPayload(
  person: BeneficiaryRow,
  v: OutreachForm,
): PayloadInput<'beneficiary.set-payment-method'> | null {
  const payload = methodOf(person, v);
  if (payload === null) return null;
  const details = (d: object | null | undefined) => (d && Object.keys(d).length > 0 ? d : null);
  const unchanged =
    payload.method === person.paymentMethod && same(details(payload.details), details(person.paymentDetails));
  return unchanged ? null : payload;
}
