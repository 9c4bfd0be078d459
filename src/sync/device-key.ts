/**
 * The device's receipt key and the communes' keys, kept in step with the server during a sync
 * (issue 16; docs/protocol.md "Verifiable receipts"): a device without a key makes one (an older
 * install), registers it once, and keeps the keys of its communes' devices for verifying offline.
 */
import type { AppDb } from '../storage/app-db';
import { ensureDeviceKey, markKeyRegistered } from '../storage/device-receipts';
import { setKv } from '../storage/kv';
import { TransportError } from './http-client';
import type { ReceiptTransport } from './receipt-transport';

/**
 * At sign-in, and before a push once the key has signed a receipt (`whenSigned`): the server must
 * know the key before it checks a receipt signed with it. A refusal (`device-key-set`) is noted
 * and not tried again; no connection fails the sync, as the push would; anything else (an older
 * server) is tried again at the next sync. A device without a key (an older install) makes one.
 */
export async function registerDeviceKey(
  db: AppDb,
  transport: ReceiptTransport,
  token: string,
  deviceId: string,
  options: { whenSigned?: boolean } = {},
): Promise<void> {
  const key = await ensureDeviceKey(db, deviceId);
  if (key.registered !== 'no' || (options.whenSigned && key.last === 0)) return;
  try {
    await transport.putDeviceKey(token, deviceId, key.publicKey);
    await markKeyRegistered(db, key.publicKey, 'yes');
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    if (e.code === 'device-key-set') await markKeyRegistered(db, key.publicKey, 'refused');
    else if (e.code === 'network' || e.status === 401) throw e;
  }
}

/** After a pull: the communes' device keys, kept for verifying receipts with no network. */
export async function refreshDeviceKeys(db: AppDb, transport: ReceiptTransport, token: string): Promise<void> {
  try {
    await setKv(db, 'receiptKeys', await transport.listDeviceKeys(token));
  } catch (e) {
    // The keys already kept stay; the next sync asks again. Only a bug is thrown on.
    if (!(e instanceof TransportError)) throw e;
  }
}
