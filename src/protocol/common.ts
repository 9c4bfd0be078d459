/** Shared pieces of the wire contract (docs/protocol.md "Transport"). */
import { z } from 'zod';
import type { Vnd } from '../domain/money';

/** The protocol version every request and response body carries. */
export const PROTOCOL_VERSION = 1 as const;
export const protocolField = z.literal(PROTOCOL_VERSION);

/** Whole đồng, never negative, read as the domain's branded `Vnd` (docs/domain.md §7.3). */
export const moneySchema = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => n as Vnd);

/** Text normalised to NFC at the boundary (docs/domain.md §7.1). */
export const nfcString = z.string().transform((s) => s.normalize('NFC'));

/** A calendar date `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A birth date: `YYYY-MM-DD`, or `YYYY` when only the year is known. */
export const birthDateSchema = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/);

/** A month `YYYY-MM` (01 to 12). */
export const isoMonth = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/u);

/** Commune code: 5 digits (GSO, 2025 version unless stated). */
export const communeCodeSchema = z.string().regex(/^\d{5}$/);

/** Required text of an op payload: NFC, trimmed, 1 to `max` characters. */
export const text = (max: number) => nfcString.pipe(z.string().trim().min(1).max(max));

/** Op, device, actor and entity ids: UUIDs or ULIDs made on the device, or server ids. */
export const idSchema = z.string().min(1).max(100);

/** Content address of a blob (signature, photo): lower-case SHA-256 hex. */
export const blobHashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

/**
 * Payload version. Absent means 1. A payload whose shape changes gets a new `v`, and the schema
 * keeps accepting the older shapes, so ops queued on a device before an update still pass.
 */
export const payloadVersion = { v: z.number().int().positive().optional() };
