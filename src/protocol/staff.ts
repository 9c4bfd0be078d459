/**
 * `GET /api/staff/payers` (docs/protocol.md `payment.assign`): the enabled payers who share a commune
 * with the asking officer or supervisor, for assigning lines (issue 16). The device keeps the
 * answer, so assigning works offline with the payers it last saw.
 */
import { z } from 'zod';
import { PROTOCOL_VERSION } from './common';

export const payerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** The payer's communes that are also the asker's. */
  communes: z.array(z.string()),
});
export type Payer = z.infer<typeof payerSchema>;

export const payersResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  payers: z.array(payerSchema),
});
export type PayersResponse = z.infer<typeof payersResponseSchema>;
