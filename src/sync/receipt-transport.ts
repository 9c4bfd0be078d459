/** Verifiable receipts' calls (docs/protocol.md "Verifiable receipts"): the device's key, the communes' keys, flags. */
import { PROTOCOL_VERSION } from '../protocol/common';
import {
  deviceKeyResponseSchema,
  deviceKeysResponseSchema,
  receiptFlagsResponseSchema,
  type DeviceKey,
  type ReceiptFlag,
} from '../protocol/receipts';
import type { HttpClient } from './http-client';

export type ReceiptTransport = {
  /** Registers this device's public key (once; another key later answers `device-key-set`). */
  putDeviceKey(token: string, deviceId: string, publicKey: string): Promise<DeviceKey>;
  /** The keys of devices of the user's communes. */
  listDeviceKeys(token: string): Promise<DeviceKey[]>;
  /** What push found wrong in the devices' receipt chains (supervisors). */
  listReceiptFlags(token: string): Promise<ReceiptFlag[]>;
};

export function receiptMethods(http: HttpClient): ReceiptTransport {
  return {
    putDeviceKey: async (token, deviceId, publicKey) =>
      (
        await http.call(`/api/devices/${encodeURIComponent(deviceId)}/key`, deviceKeyResponseSchema, {
          method: 'PUT',
          token,
          body: { protocol: PROTOCOL_VERSION, publicKey },
        })
      ).key,
    listDeviceKeys: async (token) =>
      (await http.call('/api/devices/keys', deviceKeysResponseSchema, { method: 'GET', token })).keys,
    listReceiptFlags: async (token) =>
      (await http.call('/api/receipts/flags', receiptFlagsResponseSchema, { method: 'GET', token })).flags,
  };
}
