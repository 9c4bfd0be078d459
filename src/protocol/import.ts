/**
 * Import of another device's outbox file (docs/protocol.md "Storage safety"): a supervisor or admin sends
 * the file an officer exported from a broken tablet, and the server applies its ops as if that
 * device had pushed them. The answer is a push answer: one result per op, in the file's order.
 */
import { z } from 'zod';
import { protocolField } from './common';
import { looseOpEnvelopeSchema } from './ops';
import { pushResponseSchema } from './push';

/** `format` of the file made by `exportUnsentOps` (src/storage/outbox-export.ts). */
export const OUTBOX_FILE_FORMAT = 'chitra-outbox';
/** More ops than one push: a tablet may hold several offline days. The body limit still applies. */
export const IMPORT_MAX_OPS = 2000;
export const IMPORT_MAX_BLOBS = 500;

export const outboxFileBlobSchema = z.object({
  /** SHA-256 hex of the bytes; checked again on the server, a bad blob is skipped. */
  hash: z.string().max(100),
  /** Media type as captured; checked against the bytes on the server. */
  type: z.string().max(100),
  base64: z.string(),
});

export const outboxFileSchema = z.object({
  format: z.literal(OUTBOX_FILE_FORMAT),
  version: z.literal(1),
  /** The device that made the ops; a file without it cannot be imported. */
  deviceId: z.string().min(1).max(100),
  exportedAt: z.string().max(100),
  /** docs/protocol.md envelopes exactly as they would be pushed; each is validated on its own. */
  ops: z.array(looseOpEnvelopeSchema).max(IMPORT_MAX_OPS),
  blobs: z.array(outboxFileBlobSchema).max(IMPORT_MAX_BLOBS),
});
export type OutboxFile = z.infer<typeof outboxFileSchema>;

export const importRequestSchema = z.object({ protocol: protocolField, file: outboxFileSchema });
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** Exactly a push answer. */
export const importResponseSchema = pushResponseSchema;
export type ImportResponse = z.infer<typeof importResponseSchema>;
