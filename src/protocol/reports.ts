/**
 * Reports (issue 14, docs/reports.md): `GET /api/reports/{report}?period=YYYY-MM`, read from the
 * report tables and scoped to the user's communes. Figures per commune; the app sums them by
 * former district and province (domain/report-groups.ts). Money is integer đồng.
 */
import { z } from 'zod';
import { paymentMethods } from '../domain/vocabulary';
import { isoMonth, protocolField, text } from './common';

export const reportNames = ['methods', 'funnel', 'progress', 'quality', 'cost'] as const;
export type ReportName = (typeof reportNames)[number];

export const reportQuerySchema = z.object({ period: isoMonth });

const count = z.number().int().nonnegative();
const dong = z.number().int();

/** People and money by method per month (the 12 months up to the period). */
export const methodRowSchema = z.object({
  period: z.string(),
  commune: z.string(),
  method: z.string(),
  lines: count,
  amount: dong,
  paidLines: count,
  paidAmount: dong,
});

/** The cash → account funnel per commune: active people at each stage (each stage within the one before). */
export const funnelRowSchema = z.object({
  commune: z.string(),
  people: count,
  choseAccount: count,
  ready: count,
  submitted: count,
  opened: count,
  cardHandedOver: count,
  firstNonCashPaid: count,
  /** Of those first paid without cash three months or more before the period… */
  cohortThreeMonths: count,
  /** …those whose line of the period is still without cash. */
  stillNonCash: count,
});

export const progressSchema = z.object({
  /** Paid per calendar day (the day the payment was recorded). */
  byDay: z.array(z.object({ commune: z.string(), day: z.string(), lines: count, amount: dong })),
  /** Every line of the period by status, and the reason of the last visit for unpaid lines. */
  byStatus: z.array(
    z.object({ commune: z.string(), status: z.string(), reason: z.string().nullable(), lines: count, amount: dong }),
  ),
  /** Transfers that failed (ever, for the period's lines). */
  failedTransfers: z.array(z.object({ commune: z.string(), lines: count, amount: dong })),
  homeDeliveriesByPayer: z.array(
    z.object({ commune: z.string(), payerId: z.string(), payerName: z.string(), lines: count, amount: dong }),
  ),
});

export const qualitySchema = z.object({
  /** ID checks recorded in the period's month, by how (qr, manual, not-possible) and why not. */
  idChecks: z.array(
    z.object({ commune: z.string(), method: z.string(), reason: z.string().nullable(), checks: count }),
  ),
  /** Paid lines by who received the money. */
  receivers: z.array(z.object({ commune: z.string(), kind: z.string(), lines: count })),
  /** Lines of the period with conflicts or voids recorded on them. */
  disputes: z.array(z.object({ commune: z.string(), conflicts: count, voids: count })),
  /** Active people whose record fails a domain check (domain/record-checks.ts), as of now. */
  records: z.array(
    z.object({ commune: z.string(), people: count, badIdNumber: count, noIdNumber: count, badPhone: count }),
  ),
});

export const methodsResponseSchema = z.object({
  protocol: protocolField,
  period: isoMonth,
  rows: z.array(methodRowSchema),
});
export const funnelResponseSchema = z.object({
  protocol: protocolField,
  period: isoMonth,
  rows: z.array(funnelRowSchema),
});
export const progressResponseSchema = progressSchema.extend({ protocol: protocolField, period: isoMonth });
export const qualityResponseSchema = qualitySchema.extend({ protocol: protocolField, period: isoMonth });

export type MethodRow = z.infer<typeof methodRowSchema>;
export type FunnelRow = z.infer<typeof funnelRowSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type Quality = z.infer<typeof qualitySchema>;

/** Fees per month and method for the whole pilot, and what one payment cost (docs/reports.md "Cost"). */
export const costRowSchema = z.object({
  period: z.string(),
  method: z.string(),
  /** The month's fees in đồng, or null when nobody entered them. */
  fee: dong.nullable(),
  note: z.string().nullable(),
  /** Paid lines of that month and method in the whole pilot: what the fee paid for. */
  paidLines: count,
  /** Of them, in the user's communes. */
  paidLinesInScope: count,
  /** fee ÷ paid lines, rounded to the đồng; null without a fee or a payment. */
  costPerPayment: dong.nullable(),
});
export const costResponseSchema = z.object({
  protocol: protocolField,
  period: isoMonth,
  rows: z.array(costRowSchema),
});
export type CostRow = z.infer<typeof costRowSchema>;

const feeAmount = z.number().int().min(0).max(1_000_000_000_000);
export const feesRequestSchema = z.object({
  fees: z
    .array(
      z.object({
        method: z.enum(paymentMethods),
        amount: feeAmount,
        note: text(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(paymentMethods.length)
    .refine((fees) => new Set(fees.map((f) => f.method)).size === fees.length, 'each method once'),
});
export type FeesRequest = z.infer<typeof feesRequestSchema>;
