/**
 * Verifiable receipts on the wire (issue 16; docs/protocol.md "Verifiable receipts"): a device
 * registers its public key once (`PUT /api/devices/{id}/key`), devices fetch the keys of their
 * communes' devices to verify receipts offline (`GET /api/devices/keys`), and supervisors read
 * what the server flagged in the devices' receipt chains (`GET /api/receipts/flags`).
 */
import { z } from 'zod';
import { protocolField } from './common';

/** An ECDSA P-256 public key, SPKI DER in base64url (91 bytes: 122 characters). */
export const publicKeySchema = z
  .string()
  .min(40)
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/u);

/** `PUT /api/devices/{id}/key`: only the device's own token; once (the same key again is fine). */
export const deviceKeyRequestSchema = z.object({ publicKey: publicKeySchema });

export const deviceKeySchema = z.object({
  deviceId: z.string(),
  /** The device's name as given at sign-in. */
  deviceName: z.string(),
  /** Display name of the device's user. */
  userName: z.string(),
  publicKey: z.string(),
});
export type DeviceKey = z.infer<typeof deviceKeySchema>;

/** `PUT /api/devices/{id}/key`: the key as registered. */
export const deviceKeyResponseSchema = z.object({ protocol: protocolField, key: deviceKeySchema });

/** `GET /api/devices/keys`: the registered keys of devices whose users share a commune with the caller. */
export const deviceKeysResponseSchema = z.object({ protocol: protocolField, keys: z.array(deviceKeySchema) });
export type DeviceKeysResponse = z.infer<typeof deviceKeysResponseSchema>;

/**
 * What the server found wrong with a receipt on push. The payment is applied all the same (the
 * money was handed over); the flag is for supervisors.
 * - `bad-signature`: the signature does not match the op as received with the device's key.
 * - `no-device-key`: the device registered no key before sending a signed receipt.
 * - `gap`: numbers were skipped since the device's last receipt (a receipt missing).
 * - `repeated-number`: a number the device already used (or a lower one).
 * - `broken-link`: `previous` is not the hash of the device's last receipt.
 */
export const receiptFlagCodes = ['bad-signature', 'no-device-key', 'gap', 'repeated-number', 'broken-link'] as const;
export type ReceiptFlagCode = (typeof receiptFlagCodes)[number];

export const receiptFlagSchema = z.object({
  opId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  code: z.enum(receiptFlagCodes),
  /** The receipt's number as sent. */
  number: z.number().int(),
  /** The number the chain expected next (the last one + 1). */
  expected: z.number().int(),
  lineId: z.string(),
  communeCode: z.string(),
  /** ISO 8601 instant (server clock) the flag was raised. */
  detectedAt: z.string(),
});
export type ReceiptFlag = z.infer<typeof receiptFlagSchema>;

/** `GET /api/receipts/flags`: flags in the caller's communes, newest first (supervisors, admins). */
export const receiptFlagsResponseSchema = z.object({ protocol: protocolField, flags: z.array(receiptFlagSchema) });
export type ReceiptFlagsResponse = z.infer<typeof receiptFlagsResponseSchema>;
