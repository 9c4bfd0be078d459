/**
 * Closing a commune's month on the wire (docs/protocol.md "Closing a month"):
 * `GET /api/months/{period}/{commune}/closing` shows what a close would decide (or what it did),
 * `POST /api/months/{period}/{commune}/close` closes it with one decision per unpaid line.
 */
import { z } from 'zod';
import { closeEndReasons } from '../domain/month-close';
import { paymentLineStatuses } from '../domain/vocabulary';
import { communeCodeSchema, isoMonth, moneySchema, nfcString, protocolField } from './common';

/**
 * What a close wrote on a line it decided, in the line's data as tablets pull it: the line is
 * withdrawn (`status: 'void'`) and `closing` says where its money went.
 */
export const lineClosingSchema = z.object({
  outcome: z.enum(['carry', 'end']),
  reason: z.enum(closeEndReasons).nullable(),
  note: z.string().nullable(),
  closedAt: z.string(),
  /** The month the money was carried into (null when the line ended). */
  carryTo: isoMonth.nullable(),
});
export type LineClosing = z.infer<typeof lineClosingSchema>;

/** The closing decision a pulled line carries, if a close decided it. */
export function closingOf(line: object): LineClosing | null {
  const parsed = lineClosingSchema.safeParse('closing' in line ? line.closing : undefined);
  return parsed.success ? parsed.data : null;
}

export const monthParamsSchema = z.object({ period: isoMonth, commune: communeCodeSchema });

export const closeDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ lineId: z.string().min(1).max(200), outcome: z.literal('carry') }),
  z.object({
    lineId: z.string().min(1).max(200),
    outcome: z.literal('end'),
    reason: z.enum(closeEndReasons),
    note: nfcString.pipe(z.string().max(500)).nullable().default(null),
  }),
]);

export const closeRequestSchema = z.object({
  protocol: protocolField,
  decisions: z.array(closeDecisionSchema).max(100_000),
});
export type CloseRequest = z.input<typeof closeRequestSchema>;

const tallySchema = z.object({ count: z.number().int().nonnegative(), amount: moneySchema });
export const closeSummarySchema = z.object({
  due: tallySchema,
  paid: tallySchema,
  carried: tallySchema,
  ended: tallySchema,
  withdrawn: tallySchema,
});

/** A line of the month as the closing screen lists it. */
export const closingLineSchema = z.object({
  lineId: z.string(),
  beneficiaryId: z.string(),
  fullName: z.string(),
  code: z.string().nullable(),
  village: z.string().nullable(),
  status: z.enum(paymentLineStatuses),
  amount: moneySchema,
  /** Months the amount covers: this month plus the arrears months it carries. */
  months: z.number().int().positive(),
  /** What the close did with it (null before the close). */
  outcome: z.enum(['carry', 'end']).nullable(),
  reason: z.enum(closeEndReasons).nullable(),
  note: z.string().nullable(),
});
export type ClosingLine = z.infer<typeof closingLineSchema>;

export const closingResponseSchema = z.object({
  protocol: protocolField,
  period: isoMonth,
  communeCode: communeCodeSchema,
  /** `paying` until the close; `closed` after it (read-only). */
  status: z.enum(['paying', 'closed']),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** After the close, what it decided; before it, the close with every open line carried. */
  summary: closeSummarySchema,
  /** The lines to decide (before the close) or decided (after it). */
  lines: z.array(closingLineSchema),
  /** The month the carried money goes to. */
  carryTo: isoMonth,
});
export type ClosingResponse = z.infer<typeof closingResponseSchema>;
