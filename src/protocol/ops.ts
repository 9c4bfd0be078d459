/**
 * Operations (docs/protocol.md "Operation envelope"): the envelope every op shares, and `parseOp`,
 * which validates one op against the registry's payload schema for its type (op-registry.ts).
 * The server validates each op on its own, so one malformed op never fails a batch.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result';
import { idSchema } from './common';
import {
  familyOf,
  opRegistry,
  opTypes,
  type OpFamily,
  type OpType,
  type OpTypeOf,
  type PayloadOf,
} from './op-registry';

export { opTypes, type OpType } from './op-registry';
export type { EmbeddedIdCheck, IdCheckPayload } from './payloads-id-check';
export type { PaymentRecordPayload, PaymentUnpaidPayload, PaymentVoidPayload } from './payloads-payment';

const envelopeFields = {
  /** UUID or ULID made on the device: the idempotency key. */
  id: idSchema,
  /** The device that made the op; must be the token's device. */
  deviceId: idSchema,
  /** Per device 1, 2, 3 … strictly increasing, never reused. */
  seq: z.number().int().positive(),
  /** The beneficiary, payment line, … the op is about. */
  entityId: idSchema,
  /** Server version of the entity the user saw (roster edits). */
  baseVersion: z.number().int().nonnegative().optional(),
  /** The user who made it; must be the token's user. */
  actorId: idSchema,
  /** Device clock, ISO 8601 with offset; shown, never trusted for order. */
  recordedAt: z.iso.datetime({ offset: true }),
};

const envelopeSchema = z.object({
  ...envelopeFields,
  type: z.enum(opTypes as [OpType, ...OpType[]]),
  payload: z.unknown(),
});
export type OpEnvelope = Omit<z.infer<typeof envelopeSchema>, 'type' | 'payload'>;

/** One op of a type, with its parsed payload. */
export type OpOf<T extends OpType> = OpEnvelope & { type: T; payload: PayloadOf<T> };
/** Every op of protocol 1, discriminated on `type`. */
export type Op = { [T in OpType]: OpOf<T> }[OpType];

/** The ops of one family (op-registry.ts), e.g. every roster op. */
export type OpOfFamily<F extends OpFamily> = Extract<Op, { type: OpTypeOf<F> }>;

export const isOfFamily = <F extends OpFamily>(op: Op, family: F): op is OpOfFamily<F> => familyOf(op.type) === family;

export type PaymentRecordOp = OpOf<'payment.record'>;
export type PaymentUnpaidOp = OpOf<'payment.unpaid'>;
export type PaymentVoidOp = OpOf<'payment.void'>;

/**
 * What a push body's `ops` array holds before each op is validated: anything with an `id`.
 * Only the id is required, so one malformed op (even one without a `type`) gets its own
 * `rejected` result instead of failing the whole batch (docs/protocol.md "Push").
 */
export const looseOpEnvelopeSchema = z.looseObject({ id: idSchema, type: z.unknown().optional() });
export type LooseOpEnvelope = z.infer<typeof looseOpEnvelopeSchema>;

export type OpParseError = { code: 'invalid-payload'; issues: string[] };

const issuesOf = (error: z.ZodError, prefix: string) =>
  error.issues.map(
    (issue) => `${[prefix, ...issue.path].filter((p) => p !== '').join('.') || '(op)'}: ${issue.message}`,
  );

/** Validates a payload of `type` against the registry's schema. */
export function parsePayload<T extends OpType>(type: T, payload: unknown): Result<PayloadOf<T>, OpParseError> {
  const parsed = opRegistry[type].payload.safeParse(payload);
  if (!parsed.success) return err({ code: 'invalid-payload', issues: issuesOf(parsed.error, 'payload') });
  // The registry's schema for T gives PayloadOf<T>; zod cannot say so through an indexed schema.
  return ok(parsed.data as PayloadOf<T>);
}

/** Validates one op; `issues` are short paths and messages for the op log, not for users. */
export function parseOp(raw: unknown): Result<Op, OpParseError> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return err({ code: 'invalid-payload', issues: issuesOf(envelope.error, '') });
  const payload = parsePayload(envelope.data.type, envelope.data.payload);
  if (!payload.ok) return payload;
  // The payload was parsed by the schema of this very type: the pair is an Op.
  return ok({ ...envelope.data, payload: payload.value } as Op);
}
