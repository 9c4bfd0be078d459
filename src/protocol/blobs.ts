/** Blob upload (docs/protocol.md "Blobs"): content-addressed signatures and photos. */
import { z } from 'zod';
import { protocolField } from './common';

/** Media types a blob may have; anything else is 400 `blob-type-not-allowed`. */
export const blobMediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type BlobMediaType = (typeof blobMediaTypes)[number];

/** Largest blob in bytes; a larger body is 413 `payload-too-large`. */
export const BLOB_MAX_BYTES = 2 * 1024 * 1024;

/** A blob's address: lower-case SHA-256 hex of its bytes. */
export const blobHashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

/** `PUT /api/blobs/<sha256>` answer; 200 whether the blob is new or was already stored. */
export const blobPutResponseSchema = z.object({
  protocol: protocolField,
  sha256: blobHashSchema,
  size: z.number().int().nonnegative(),
  /** False when the server already had these bytes (the upload was a harmless repeat). */
  created: z.boolean(),
});
export type BlobPutResponse = z.infer<typeof blobPutResponseSchema>;

/**
 * A blob an applied op refers to that has not arrived yet (pulled `payment-line` data carries
 * `missingBlobs`); the entry disappears once the bytes are uploaded.
 */
export const missingBlobSchema = z.object({
  sha256: blobHashSchema,
  /** The op that referred to it. */
  opId: z.string(),
  /** Which payload field: 'signature' or 'photo'. */
  field: z.enum(['signature', 'photo']),
});
export type MissingBlob = z.infer<typeof missingBlobSchema>;
