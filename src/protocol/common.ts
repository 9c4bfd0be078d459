/** Shared pieces of the wire contract (SYNC.md "Transport"). */
import { z } from 'zod';
import type { Vnd } from '../domain/money';

/** The protocol version every request and response body carries. */
export const PROTOCOL_VERSION = 1 as const;
export const protocolField = z.literal(PROTOCOL_VERSION);

/** Whole đồng, never negative, read as the domain's branded `Vnd` (DOMAIN.md §7.3). */
export const moneySchema = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => n as Vnd);

/** Text normalised to NFC at the boundary (DOMAIN.md §7.1). */
export const nfcString = z.string().transform((s) => s.normalize('NFC'));

/** A calendar date `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A birth date: `YYYY-MM-DD`, or `YYYY` when only the year is known. */
export const birthDateSchema = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/);

/** A month `YYYY-MM`. */
export const isoMonth = z.string().regex(/^\d{4}-\d{2}$/);

/** Commune code: 5 digits (GSO, 2025 version unless stated). */
export const communeCodeSchema = z.string().regex(/^\d{5}$/);
