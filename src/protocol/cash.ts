/**
 * `GET /api/cash?month=YYYY-MM` (docs/protocol.md "Cash ops"): the cash ledgers the server holds
 * for a paying month: a payer's own, or every payer's of a supervisor's communes. Each ledger is
 * its `cash.*` entries and the payer's cash payments (their receipts), as the domain reads them
 * (domain/cash-ledger.ts); the device merges them with what it recorded itself.
 */
import { z } from 'zod';
import type { LedgerEntry } from '../domain/cash-ops';
import type { PaidEntry } from '../domain/cash-ledger';
import { isoMonth, PROTOCOL_VERSION } from './common';

export const cashQuerySchema = z.object({ month: isoMonth });

const ledgerKey = { payerId: z.string(), communeCode: z.string(), month: z.string() };

/** An entry as the server wrote it (domain `LedgerEntry`); its fields are the domain's. */
const entrySchema = z
  .looseObject({ ...ledgerKey, opId: z.string(), kind: z.string(), recordedAt: z.string() })
  .transform((e) => e as unknown as LedgerEntry);
const paidSchema = z
  .looseObject({ ...ledgerKey, opId: z.string(), amount: z.number().int(), date: z.string(), recordedAt: z.string() })
  .transform((p) => p as unknown as PaidEntry);

export const cashLedgerSchema = z.object({
  ...ledgerKey,
  payerName: z.string(),
  entries: z.array(entrySchema),
  payments: z.array(paidSchema),
});
export type CashLedger = z.infer<typeof cashLedgerSchema>;

export const cashResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  month: isoMonth,
  ledgers: z.array(cashLedgerSchema),
});
export type CashResponse = z.infer<typeof cashResponseSchema>;
