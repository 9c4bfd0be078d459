/** Push messages (docs/protocol.md "Push"): the request body, the per-op results and their codes. */
import { cashRefusals } from '../domain/cash-ops';
import { z } from 'zod';
import { beneficiaryRefusals } from '../domain/beneficiary-ops';
import { paymentConflictCodes, paymentRejectCodes } from '../domain/payment-line';
import { protocolField } from './common';
import { looseOpEnvelopeSchema } from './ops';

export const PUSH_MAX_OPS = 500;
/** Largest push body in bytes (docs/protocol.md: ≤ 2 MiB); larger answers 413. */
export const PUSH_MAX_BYTES = 2 * 1024 * 1024;

export const pushRequestSchema = z.object({
  protocol: protocolField,
  /** The device pushing; must be the token's device. */
  deviceId: z.string().min(1).max(100),
  /**
   * Highest seq the device has made so far, sent or not. The server keeps it so supervisors see
   * ops that exist on a device but have not arrived.
   */
  lastSeq: z.number().int().nonnegative(),
  /** 1 to 500 ops, applied one by one in this order; each is validated on its own. */
  ops: z.array(looseOpEnvelopeSchema).min(1).max(PUSH_MAX_OPS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushStatuses = ['applied', 'duplicate', 'conflict', 'rejected'] as const;
export type PushStatus = (typeof pushStatuses)[number];

/** Recorded, but disagrees with server state: a supervisor must look. */
export const conflictCodes = [...paymentConflictCodes, 'concurrent-edit'] as const;
export type ConflictCode = (typeof conflictCodes)[number];

/**
 * Not recorded as a fact: not well formed or not allowed. The device keeps it under "Cần xử lý".
 * The family reducers' refusals (beneficiaryRefusals includes `unknown-entity`) and the server's own.
 */
export const rejectCodes = [
  ...paymentRejectCodes,
  ...beneficiaryRefusals,
  ...cashRefusals,
  'forbidden',
  'seq-reused',
  'op-id-reused',
  'unknown-payer',
] as const;
export type RejectCode = (typeof rejectCodes)[number];

/** Every code an op result can carry; each has a Vietnamese message (op-messages.vi.ts). */
export const opResultCodes = [...conflictCodes, ...rejectCodes] as const;
export type OpResultCode = (typeof opResultCodes)[number];

/** The op's id, echoed so the device can match results (they also come in the order sent). */
const id = z.string();
/** The entity's server version after the op. */
const version = z.number().int().nonnegative();

export const pushResultSchema = z.discriminatedUnion('status', [
  z.object({ id, status: z.literal('applied'), version }),
  z.object({
    id,
    status: z.literal('duplicate'),
    /** The first outcome's status: this id was seen before and nothing changed. */
    code: z.enum(['applied', 'conflict', 'rejected']),
    /** The first outcome's code, when it was a conflict or a rejection. */
    firstCode: z.enum(opResultCodes).optional(),
    message: z.string().optional(),
    version: version.optional(),
  }),
  z.object({
    id,
    status: z.literal('conflict'),
    code: z.enum(conflictCodes),
    /** Vietnamese text for the user. */
    message: z.string(),
    version: version.optional(),
  }),
  z.object({
    id,
    status: z.literal('rejected'),
    code: z.enum(rejectCodes),
    /** Vietnamese text for the user. */
    message: z.string(),
  }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  protocol: protocolField,
  /** Server clock, ISO 8601: lets the device show and log its own clock drift. */
  serverTime: z.iso.datetime({ offset: true }),
  /** One result per op, in the order sent. */
  results: z.array(pushResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;
