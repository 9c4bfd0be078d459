/**
 * A commune's payment points and days (issue 16; domain/payment-points.ts), on the wire: kept in
 * the commune's pulled data as `paymentSchedule` (additive: an older app drops the field), and set
 * by `PUT /api/communes/:code/payment-points` (officers, supervisors; docs/protocol.md "Payment
 * points").
 */
import { z } from 'zod';
import type { PaymentSchedule } from '../domain/payment-points';
import { idSchema, isoMonth, nfcString, PROTOCOL_VERSION } from './common';

const pointSchema = z.object({
  id: idSchema,
  name: nfcString.pipe(z.string().max(200)),
  address: nfcString.pipe(z.string().max(300)),
  days: z.array(z.string().max(10)).max(31),
  from: z.string().max(5),
  to: z.string().max(5),
  villages: z.array(nfcString.pipe(z.string().max(200))).max(200),
  payerIds: z.array(idSchema).max(50),
});

export const paymentScheduleSchema = z.object({
  month: isoMonth,
  points: z.array(pointSchema).max(200),
}) satisfies z.ZodType<PaymentSchedule>;

export const paymentScheduleRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  schedule: paymentScheduleSchema,
});

export const paymentScheduleResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  communeCode: z.string(),
  schedule: paymentScheduleSchema,
});
export type PaymentScheduleResponse = z.infer<typeof paymentScheduleResponseSchema>;
