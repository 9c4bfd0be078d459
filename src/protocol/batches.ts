/**
 * Non-cash payout on the wire (issue 12, docs/protocol.md "Batches"): providers and their batch
 * templates, batches through prepare → approve → export → results → close (or cancel), the
 * provider's result file read by a mapping saved per provider, and failed lines rerouted to cash.
 */
import { z } from 'zod';
import { batchFields } from '../domain/batch-template';
import { resultFields, usualFailedValues } from '../domain/batch-results';
import { cashMethods } from '../domain/vocabulary';
import { communeCodeSchema, idSchema, isoMonth, protocolField, text } from './common';

export const providerKinds = ['bank', 'mobile-money', 'post'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const batchStatuses = ['draft', 'approved', 'exported', 'closed', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export const batchLineResults = ['waiting', 'paid', 'failed', 'cancelled'] as const;
export type BatchLineResult = (typeof batchLineResults)[number];

export const batchActions = ['prepare', 'approve', 'export', 'results', 'reroute', 'cancel', 'close'] as const;
export type BatchAction = (typeof batchActions)[number];

export const batchTemplateSchema = z.object({
  fileType: z.enum(['xlsx', 'csv']),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1258']),
  separator: z.enum([',', ';', '\t']),
  columns: z
    .array(z.object({ header: text(100), field: z.enum(batchFields) }))
    .max(30)
    .readonly(),
  content: text(200),
  totalsRow: z.boolean(),
  account: z.object({
    kind: z.enum(['digits', 'mobile']),
    minLength: z.number().int(),
    maxLength: z.number().int(),
  }),
});

/** `PUT /api/providers/{id}` (admin): a new provider, or a change to one. */
export const providerInputSchema = z.object({
  /** Letters and digits, used in batch references. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,10}$/),
  name: text(200).refine((s) => s.trim() !== '', 'a name is required'),
  kind: z.enum(providerKinds),
  /** The bank or wallet names officers record for a person (folded when compared). */
  aliases: z.array(text(100)).max(20),
  template: batchTemplateSchema,
  disabled: z.boolean().default(false),
});
export type ProviderInput = z.infer<typeof providerInputSchema>;

export const resultMappingSchema = z.object({
  /** Header text of the column holding each field (as the file writes it). */
  columns: z.partialRecord(z.enum(resultFields), text(100)),
  /** Values of the status column that mean "paid", and "failed" (compared folded); any other is neither. */
  paidValues: z.array(text(100)).min(1).max(20).readonly(),
  failedValues: z.array(text(100)).max(20).readonly().default(usualFailedValues),
});
export type ResultMapping = z.infer<typeof resultMappingSchema>;

export const providerSchema = providerInputSchema.extend({
  id: idSchema,
  isExample: z.boolean(),
  resultMapping: resultMappingSchema.nullable(),
  updatedAt: z.string(),
});
export type Provider = z.infer<typeof providerSchema>;

export const providersResponseSchema = z.object({ protocol: protocolField, providers: z.array(providerSchema) });

/** `POST /api/batches`: a batch of one provider's lines of one commune and month. */
export const batchCreateSchema = z.object({ providerId: idSchema, commune: communeCodeSchema, period: isoMonth });

export const tallySchema = z.object({ lines: z.number().int().nonnegative(), amount: z.number().int() });
export const balanceSchema = z.object({
  sent: tallySchema,
  paid: tallySchema,
  failed: tallySchema,
  waiting: tallySchema,
});
export type WireBalance = z.infer<typeof balanceSchema>;

export const heldBackSchema = z.object({
  lineId: z.string(),
  beneficiaryId: z.string(),
  fullName: z.string(),
  code: z.string(),
  message: z.string(),
});
export type HeldBack = z.infer<typeof heldBackSchema>;

export const batchLineSchema = z.object({
  lineId: z.string(),
  beneficiaryId: z.string(),
  reference: z.string(),
  accountNumber: z.string(),
  holderName: z.string(),
  amount: z.number().int(),
  result: z.enum(batchLineResults),
  reason: z.string().nullable(),
  providerReference: z.string().nullable(),
  /** For a failed line: the line's status and method now (a supervisor may have rerouted it). */
  lineStatus: z.string().nullable(),
  lineMethod: z.string().nullable(),
  reroute: z.object({ to: z.string(), reason: z.string() }).nullable(),
});
export type BatchLineView = z.infer<typeof batchLineSchema>;

export const batchEventSchema = z.object({
  at: z.string(),
  userName: z.string(),
  action: z.enum(batchActions),
  comment: z.string().nullable(),
});

export const batchSummarySchema = z.object({
  id: idSchema,
  reference: z.string(),
  providerId: idSchema,
  providerName: z.string(),
  commune: communeCodeSchema,
  period: isoMonth,
  status: z.enum(batchStatuses),
  total: z.number().int(),
  lineCount: z.number().int(),
  preparerName: z.string(),
  approverName: z.string().nullable(),
  createdAt: z.string(),
  balance: balanceSchema,
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const batchDetailSchema = batchSummarySchema.extend({
  preparerId: idSchema,
  fileName: z.string().nullable(),
  heldBack: z.array(heldBackSchema),
  lines: z.array(batchLineSchema),
  events: z.array(batchEventSchema),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const batchesQuerySchema = z.object({ commune: communeCodeSchema.optional(), period: isoMonth.optional() });
export const batchesResponseSchema = z.object({ protocol: protocolField, batches: z.array(batchSummarySchema) });
export const batchResponseSchema = z.object({ protocol: protocolField, batch: batchDetailSchema });

export const batchCancelSchema = z.object({ note: text(500).refine((s) => s.trim() !== '', 'a note is required') });

/** A result row the reconciliation shows and does not apply, with why. */
export const resultFindingSchema = z.object({
  row: z.number().int(),
  code: z.enum([
    'unmatched',
    'duplicate',
    'contradicting',
    'status-unknown',
    'amount-differs',
    'result-differs',
    'unreadable',
  ]),
  lineId: z.string().nullable(),
  message: z.string(),
});
export type ResultFinding = z.infer<typeof resultFindingSchema>;

/** `POST /api/batches/{id}/results` (the file is the body): what applying it would do. */
export const resultPreviewSchema = z.object({
  protocol: protocolField,
  /** Null when the file cannot be read yet: its columns must be mapped first (`headers`). */
  importId: idSchema.nullable(),
  /** The mapping used, or null with the file's headers when one must be chosen first. */
  mapping: resultMappingSchema.nullable(),
  headers: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  /** Lines this file decides now (still waiting in the batch). */
  paid: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Rows that agree with a result applied before: nothing to do. */
  alreadyApplied: z.number().int().nonnegative(),
  findings: z.array(resultFindingSchema),
  /** The batch's balance once the file is applied. */
  balance: balanceSchema,
});
export type ResultPreview = z.infer<typeof resultPreviewSchema>;

/** `PUT /api/providers/{id}/result-mapping[?commune=CODE]`: a commune's mapping, or (admins) the default. */
export const resultMappingQuerySchema = z.object({ commune: communeCodeSchema.optional() });
/** Its body. */
export const resultMappingRequestSchema = z.object({ mapping: resultMappingSchema });

/** `PUT /api/batches/{id}/reroutes`: a supervisor's decision for failed lines, each with a reason. */
export const reroutesRequestSchema = z.object({
  decisions: z
    .array(
      z.object({
        lineId: idSchema,
        to: z.enum([...cashMethods, 'next-month']),
        reason: text(500).refine((s) => s.trim() !== '', 'a reason is required'),
      }),
    )
    .min(1)
    .max(5000),
});
