/**
 * The offline lease on the wire (issue 13; docs/protocol.md "Pull"): how many days a commune's
 * tablets may work without reaching the server, read and set by admins
 * (`GET /api/communes/leases`, `PUT /api/communes/{code}/lease`).
 */
import { z } from 'zod';
import { protocolField } from './common';

export const LEASE_DAYS_MIN = 1;
export const LEASE_DAYS_MAX = 90;

/** Whole days from 1 to 90; anything else answers 400 `lease-days-invalid`. */
export const leaseDaysSchema = z.number().int().min(LEASE_DAYS_MIN).max(LEASE_DAYS_MAX);

/** `PUT /api/communes/{code}/lease`: a number (else 400 `invalid-body`), checked by `leaseDaysSchema`. */
export const leaseRequestSchema = z.object({ days: z.number() });

export const communeLeaseSchema = z.object({
  commune: z.string(),
  /** The commune's name, as its synced entity holds it. */
  communeName: z.string(),
  /** Days its tablets may work since their last contact with the server. */
  days: z.number().int().positive(),
  /** True when no admin set it: `days` is the server's default. */
  isDefault: z.boolean(),
  /** The admin who set it last (their display name, null if the user is gone); null when default. */
  setBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** ISO 8601 instant it was set; null when default. */
  setAt: z.string().nullable(),
});
export type CommuneLease = z.infer<typeof communeLeaseSchema>;

/** `GET /api/communes/leases` (`leases.manage`): every commune in the caller's scope, by code. */
export const leasesResponseSchema = z.object({
  protocol: protocolField,
  /** The lease of a commune no admin set. */
  defaultDays: z.number().int().positive(),
  leases: z.array(communeLeaseSchema),
});
export type LeasesResponse = z.infer<typeof leasesResponseSchema>;

/** `PUT /api/communes/{code}/lease`: the commune and its days as now stored. */
export const leaseResponseSchema = z.object({ protocol: protocolField, commune: z.string(), days: z.number().int() });
export type LeaseResponse = z.infer<typeof leaseResponseSchema>;
