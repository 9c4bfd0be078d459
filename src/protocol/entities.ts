/** Data of the entities sent by pull (docs/protocol.md "Pull"); the pinned fields are required. */
import { z } from 'zod';
import { enrolmentDefaults as domainEnrolmentDefaults } from '../domain/beneficiary-ops';
import {
  accountStatuses,
  beneficiaryStatuses,
  categoryCodes,
  disabilitySeverities,
  genders,
  homeDeliveryReasons,
  paymentLineStatuses,
  paymentMethods,
  receiverKinds,
  representativeKinds,
} from '../domain/vocabulary';
import { idCardRequestKinds } from '../domain/id-card-request';
import { aboutPilotSchema } from './about-pilot';
import { paymentScheduleSchema } from './payment-points';
import { birthDateSchema, communeCodeSchema, isoDate, isoMonth, moneySchema, nfcString, text } from './common';

const money = moneySchema;

export const communeDataSchema = z.object({
  code: communeCodeSchema,
  name: nfcString,
  /** Version of the code list the code belongs to (the same code can mean another unit in another version). */
  codeVersion: z.string(),
  provinceCode: z.string(),
  /** Units merged into this one on 2025-07-01 (docs/domain.md §6). */
  formerUnits: z.array(z.object({ code: z.string(), name: nfcString })),
  /** The payment points and days of the month being paid (additive, issue 16; payment-points.ts). */
  paymentSchedule: paymentScheduleSchema.optional(),
  /** The commune's "about the pilot" text (issue 17), or null/absent for the app's default. */
  aboutPilot: aboutPilotSchema.nullable().optional(),
});
export type CommuneData = z.infer<typeof communeDataSchema>;

export const representativeSchema = z.object({
  kind: z.enum(representativeKinds),
  fullName: nfcString,
  idNumber: z.string().nullable(),
  /** e.g. "con gái", "cháu", "bà nội". */
  relationship: nfcString,
  phone: z.string().nullable(),
  /** Authorisation paper or guardianship extract, as the officer describes it. */
  paperRef: nfcString.nullable(),
  /** Last day the paper is valid, if it has an end. */
  validUntil: isoDate.nullable(),
});
export type Representative = z.infer<typeof representativeSchema>;

export const paymentDetailsSchema = z.object({
  bankName: nfcString.optional(),
  accountNumber: z.string().optional(),
  accountHolder: nfcString.optional(),
  provider: nfcString.optional(),
  walletPhone: z.string().optional(),
  homeDeliveryReason: z.enum(homeDeliveryReasons).optional(),
});
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;

export const documentSchema = z.object({
  /** e.g. 'birth-certificate', 'disability-certificate', 'authorisation', 'guardianship-extract'. */
  kind: text(100),
  /** Number or description of the paper as the officer records it. */
  ref: text(200),
  validUntil: isoDate.optional(),
});

/** A new or replacement ID card the account holder is getting (domain/id-card-request.ts). */
export const idCardRequestSchema = z.object({
  kind: z.enum(idCardRequestKinds),
  person: z.enum(['beneficiary', 'representative']),
  /** Appointment at the commune police, a calendar day, once booked. */
  appointmentOn: isoDate.nullable(),
  place: nfcString.nullable(),
  /** The day the card was issued, once it was. */
  issuedOn: isoDate.nullable(),
});

/** The card or wallet details handed over to the person (`beneficiary.set-account-status`). */
export const cardHandoverSchema = z.object({
  /** Calendar day of the hand-over, `YYYY-MM-DD` (as the officer gives it, not a device timestamp). */
  date: isoDate,
  /** Who handed it over (free text; the app offers the signed-in user's display name). */
  handedOverBy: nfcString,
  /** The beneficiary (`self`), their guardian or an authorised person, by full name. */
  receiver: z.object({ kind: z.enum(receiverKinds), fullName: nfcString }),
  /** The safety guidance (never share a PIN or OTP) was given. */
  guidanceGiven: z.boolean(),
  /** Blob hash of the receiver's signature, or null. */
  signature: z.string().nullable(),
});
export type CardHandoverData = z.infer<typeof cardHandoverSchema>;

export const beneficiaryDataSchema = z.looseObject({
  communeCode: communeCodeSchema,
  fullName: nfcString,
  birthDate: birthDateSchema,
  gender: z.enum(genders),
  idNumber: z.string().nullable(),
  status: z.enum(beneficiaryStatuses),
  /** Code shown on lists (mã đối tượng). */
  code: z.string(),
  oldIdNumber: z.string().nullable(),
  village: nfcString,
  address: nfcString,
  phone: z.string().nullable(),
  category: z.enum(categoryCodes),
  disabilitySeverity: z.enum(disabilitySeverities).nullable(),
  /** For single poor parents (k4): children being raised. */
  childrenCount: z.number().int().nonnegative().nullable(),
  /** Monthly amount in đồng at the current standard, as decided. */
  monthlyAmount: money,
  paymentMethod: z.enum(paymentMethods).nullable(),
  paymentDetails: paymentDetailsSchema.nullable(),
  representative: representativeSchema.nullable(),
  accountStatus: z.enum(accountStatuses),
  decisionNo: nfcString.nullable(),
  startMonth: isoMonth.nullable(),
  /** Papers the officer recorded (set by `beneficiary.update`); absent until then. */
  documents: z.array(documentSchema).max(50).optional(),
  /** Note of the last account-status change. */
  accountStatusNote: nfcString.nullable().optional(),
  /** The last card hand-over recorded (with status `card-handed-over`); absent or null otherwise. */
  cardHandover: cardHandoverSchema.nullable().optional(),
  /** A new or replacement ID card being made (set by `beneficiary.update`); absent or null otherwise. */
  idCardRequest: idCardRequestSchema.nullable().optional(),
});
export type BeneficiaryData = z.infer<typeof beneficiaryDataSchema>;

/**
 * The fields a new enrolment does not have to give, as the server fills them in: the domain's
 * values, checked here against the wire's field types (`satisfies`, not `Omit`: on this loose
 * type `Omit` would keep only the index signature and check nothing).
 */
export const enrolmentDefaults = domainEnrolmentDefaults satisfies Partial<BeneficiaryData>;

export const periodDataSchema = z.object({
  /** `YYYY-MM`. */
  month: isoMonth,
  status: z.enum(['open', 'approved', 'closed']),
  /** Standard level (mức chuẩn) in force for this month, in đồng. */
  standardAmount: money,
});
export type PeriodData = z.infer<typeof periodDataSchema>;

export const paymentLineDataSchema = z.looseObject({
  beneficiaryId: z.string(),
  periodId: z.string(),
  /** Whole đồng to pay: monthly amount plus arrears. */
  amount: money,
  method: z.enum(paymentMethods),
  status: z.enum(paymentLineStatuses),
  communeCode: communeCodeSchema,
  monthlyAmount: money,
  /** Truy lĩnh: arrears for earlier months. */
  arrearsAmount: money,
  arrearsMonths: z.number().int().nonnegative(),
});
export type PaymentLineData = z.infer<typeof paymentLineDataSchema>;
