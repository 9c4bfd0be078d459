/**
 * The public keys this device verifies receipts with (issue 16): the keys of its communes' devices
 * as the last sync kept them (kv `receiptKeys`, sync/device-key.ts), plus its own.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { DeviceKey } from '../../protocol/receipts';
import { RECEIPT_KEY_ID } from '../../storage/device-receipts';
import { getKv } from '../../storage/kv';
import { importPublicKey } from '../../storage/receipt-signing';
import { useServices } from '../../ui/services';

export type KnownKey = Pick<DeviceKey, 'deviceId' | 'publicKey'> & {
  deviceName: string | null;
  userName: string | null;
};

export function useReceiptKeys(): KnownKey[] | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [kept, own] = await Promise.all([getKv<DeviceKey[]>(db, 'receiptKeys'), db.deviceKeys.get(RECEIPT_KEY_ID)]);
    const keys: KnownKey[] = (kept ?? []).filter((k) => k.deviceId !== own?.deviceId);
    // This device's own key, whether or not the server listed it yet (null names: "this device").
    if (own) keys.push({ deviceId: own.deviceId, publicKey: own.publicKey, deviceName: null, userName: null });
    return keys;
  }, [db]);
}

/** A lookup for `verifyReceiptQr`: the key a device id names, imported, or null. */
export function keyLookup(keys: readonly KnownKey[]) {
  return (deviceId: string) => {
    const known = keys.find((k) => k.deviceId === deviceId);
    return known ? importPublicKey(known.publicKey) : Promise.resolve(null);
  };
}
