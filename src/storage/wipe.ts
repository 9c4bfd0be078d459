/**
 * Erases every local row: when the server says this device is revoked or retired, and when its
 * user signs out (issue 13: nothing of vulnerable people stays on a tablet nobody is signed in to).
 */
import type { AppDb } from './app-db';

export type WipeReason = 'device-revoked' | 'device-retired' | 'signed-out';

/** Clears every table in one transaction and leaves only the reason, to tell the user why. */
export async function wipeDevice(db: AppDb, reason: WipeReason): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.kv.put({ key: 'wipedReason', value: reason });
  });
}

/**
 * Signing out wipes the device, but only once nothing is left to send: no op waiting and no
 * evidence (signature, photo) not yet uploaded. Decided and done in one transaction, so an op
 * recorded meanwhile in another tab is never erased. False (and nothing changes) otherwise.
 */
export async function wipeOnSignOut(db: AppDb): Promise<boolean> {
  return db.transaction('rw', db.tables, async () => {
    const waiting =
      (await db.outbox.where('state').equals('pending').count()) + (await db.blobs.where('uploaded').equals(0).count());
    if (waiting > 0) return false;
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.kv.put({ key: 'wipedReason', value: 'signed-out' satisfies WipeReason });
    return true;
  });
}
