/** Device administration for supervisors and admins (docs/protocol.md "Auth": retired and revoked devices). */
import { z } from 'zod';
import { roles } from '../domain/vocabulary';
import { protocolField } from './common';

export const deviceStatuses = ['active', 'retired', 'revoked'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

/** Ops a device made that never arrived: a possible loss on the device, kept for supervisors. */
export const seqGapSchema = z.object({
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
  /** ISO 8601 instant (server clock) when the gap was first seen. */
  detectedAt: z.string(),
});
export type SeqGap = z.infer<typeof seqGapSchema>;

export const deviceInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `retired`: may push what it holds, then pull answers 401 `device-retired` and the app wipes.
   *  `revoked`: every call answers 401 `device-revoked`. */
  status: z.enum(deviceStatuses),
  /** The user who last signed in on the device. */
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(roles) }),
  /** ISO 8601 instant of the device's last call, or null. */
  lastSeenAt: z.string().nullable(),
  /** Highest seq the device says it has made (sent or not). */
  lastSeqReported: z.number().int().nonnegative(),
  /** Highest seq that reached the server. */
  maxSeqReceived: z.number().int().nonnegative(),
  /** Ops made on the device that have not arrived yet: `lastSeqReported - maxSeqReceived`, at least 0. */
  pendingOps: z.number().int().nonnegative(),
  /** Seq ranges skipped by ops that did arrive (not filled since). */
  gaps: z.array(seqGapSchema),
  /** ISO 8601 instant the device first signed in. */
  createdAt: z.string(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** `GET /api/devices`: devices of users whose communes meet the caller's (admin: every device). */
export const devicesResponseSchema = z.object({ protocol: protocolField, devices: z.array(deviceInfoSchema) });
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;

/** `POST /api/devices/:id/retire` and `/revoke`: the device after the change. */
export const deviceResponseSchema = z.object({ protocol: protocolField, device: deviceInfoSchema });
export type DeviceResponse = z.infer<typeof deviceResponseSchema>;
