/** Pull messages (docs/protocol.md "Pull"). */
import { z } from 'zod';
import { protocolField } from './common';

export const entityKinds = [
  'beneficiary',
  'commune',
  'period',
  'payment-line',
  'id-check',
  'conflict',
  'setting',
] as const;
export type EntityKind = (typeof entityKinds)[number];

export const PULL_LIMIT_MAX = 5000;
export const PULL_LIMIT_DEFAULT = 1000;

export const pullQuerySchema = z.object({
  /** Opaque: "all changes after sequence N" in the user's scope. Absent: from the beginning. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(PULL_LIMIT_DEFAULT),
  /** Additive (issue 15): `columns` answers the same page laid out as columns (`pull-columns.ts`). */
  format: z.enum(['columns']).optional(),
});

export const changeSchema = z.object({
  entity: z.enum(entityKinds),
  id: z.string(),
  /** Server version of the entity, increasing per entity. */
  version: z.number().int(),
  deleted: z.boolean(),
  /** Entity data (see entities.ts); null when deleted. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  protocol: protocolField,
  cursor: z.string(),
  hasMore: z.boolean(),
  /** Changes still to come after this page in the user's scope; lets a device show progress. */
  remaining: z.number().int().nonnegative().optional(),
  changes: z.array(changeSchema),
  /**
   * Additive (issue 13): days this device may work since its last contact with the server before
   * it locks until it syncs (the shortest of its communes' leases).
   */
  leaseDays: z.number().int().positive().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
