/** Erases every local row: used when the server says this device is revoked or retired. */
import type { AppDb } from './app-db';

export type WipeReason = 'device-revoked' | 'device-retired';

/** Clears every table in one transaction and leaves only the reason, to tell the user why. */
export async function wipeDevice(db: AppDb, reason: WipeReason): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.kv.put({ key: 'wipedReason', value: reason });
  });
}
