/**
 * Conflicts (docs/protocol.md "Push": `conflict` results): the data of pulled `conflict` entities and the
 * supervisors' list. A conflict keeps both sides; a supervisor resolves it with an op that
 * carries `conflictId` in its payload (`payment.void`, or `beneficiary.update` for roster edits).
 */
import { z } from 'zod';
import { beneficiaryStatuses, voidReasons } from '../domain/vocabulary';
import { protocolField, moneySchema } from './common';
import { conflictCodes } from './push';

export const conflictStatuses = ['open', 'resolved'] as const;
export type ConflictStatus = (typeof conflictStatuses)[number];

/** Who made a side, on which device, and when. Null where the side is server state without an op. */
const provenance = {
  /** The op that made this side. */
  opId: z.string().nullable(),
  userId: z.string().nullable(),
  /** Display name of the user. */
  userName: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** Device clock, ISO 8601 with offset, as the device sent it: shown, never used for order. */
  recordedAt: z.string().nullable(),
  /** Server clock, ISO 8601. */
  receivedAt: z.string().nullable(),
};

export const conflictSideSchema = z.looseObject({
  ...provenance,
  /**
   * - `payment`: a recorded payment (`amount`, `receiver`);
   * - `visit`: a visit without payment (`reason`, `note`);
   * - `line-withdrawn`: the line had been voided (`reason`, `note` of that void, if any);
   * - `beneficiary-status`: the beneficiary was not active (`beneficiaryStatus`);
   * - `values`: roster field values (`values`: field → value).
   */
  kind: z.enum(['payment', 'visit', 'line-withdrawn', 'beneficiary-status', 'values']),
  /** Payment lines: this payment is the line's counted one. Roster: these are the current values. */
  isCurrent: z.boolean(),
  amount: moneySchema.optional(),
  receiver: z.object({ kind: z.string(), fullName: z.string().optional(), idNumber: z.string().optional() }).optional(),
  reason: z.string().optional(),
  note: z.string().nullable().optional(),
  beneficiaryStatus: z.enum(beneficiaryStatuses).optional(),
  values: z.record(z.string(), z.unknown()).optional(),
});
export type ConflictSide = z.infer<typeof conflictSideSchema>;

export const conflictResolutionSchema = z.looseObject({
  ...provenance,
  opId: z.string(),
  /** `void-payment`: one payment was voided; `void-line`: the line was withdrawn; `keep-values`: roster values chosen. */
  action: z.enum(['void-payment', 'void-line', 'keep-values']),
  /** The payment op that was voided (void-payment). */
  voidedOpId: z.string().nullable(),
  reason: z.enum(voidReasons).nullable(),
  note: z.string().nullable(),
  /** keep-values: the values the supervisor kept. */
  values: z.record(z.string(), z.unknown()).nullable(),
});
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

/** Data of a pulled `conflict` entity; devices of the commune receive it. */
export const conflictDataSchema = z.looseObject({
  code: z.enum(conflictCodes),
  status: z.enum(conflictStatuses),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  /** The entity the conflict is about. */
  subject: z.object({ entity: z.enum(['payment-line', 'beneficiary']), id: z.string() }),
  beneficiaryId: z.string().nullable(),
  beneficiaryName: z.string().nullable(),
  /** Payment lines: the period (`YYYY-MM`). */
  periodId: z.string().nullable(),
  /** The op whose arrival raised the conflict (its result was `conflict`). */
  opId: z.string(),
  /** Server clock, ISO 8601. */
  detectedAt: z.string(),
  /** Roster conflicts: the fields both sides changed. */
  fields: z.array(z.string()),
  /** What the server had when the op arrived. */
  earlier: conflictSideSchema,
  /** The op that arrived. */
  incoming: conflictSideSchema,
  resolution: conflictResolutionSchema.nullable(),
});
export type ConflictData = z.infer<typeof conflictDataSchema>;

/** `GET /api/conflicts?status=open|resolved&limit=` (supervisors and admins, in their communes). */
export const conflictsQuerySchema = z.object({
  status: z.enum(conflictStatuses).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const conflictViewSchema = conflictDataSchema.extend({
  id: z.string(),
  /** Version of the conflict entity. */
  version: z.number().int().positive(),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const conflictsResponseSchema = z.object({
  protocol: protocolField,
  /** Newest first. */
  conflicts: z.array(conflictViewSchema),
});
export type ConflictsResponse = z.infer<typeof conflictsResponseSchema>;
