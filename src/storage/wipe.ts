/**
 * Erases every local row: when the server says this device is revoked or retired, and when its
 * user signs out (issue 13: nothing of vulnerable people stays on a tablet nobody is signed in to).
 */
import type { AppDb } from './app-db';
import { forgetOpenedPages } from './roster-pages';
import type { ExportedSet } from './outbox-export';

/** `signed-out-exported`: signed out with work unsent, which left first as a sealed file. */
export type WipeReason = 'device-revoked' | 'device-retired' | 'signed-out' | 'signed-out-exported';

/** Clears every table in one transaction and leaves only the reason, to tell the user why. */
export async function wipeDevice(db: AppDb, reason: WipeReason): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.kv.put({ key: 'wipedReason', value: reason });
  });
  forgetKey(db);
}

/** The vault went with everything else: the key leaves memory, and the next user sets a PIN. */
function forgetKey(db: AppDb): boolean {
  db.keyring.lock('no-vault');
  forgetOpenedPages();
  return true;
}

/**
 * Signing out wipes the device, but only once nothing is left to send: no op waiting and no
 * evidence (signature, photo) not yet uploaded. Decided and done in one transaction, so an op
 * recorded meanwhile in another tab is never erased. False (and nothing changes) otherwise.
 */
export async function wipeOnSignOut(db: AppDb): Promise<boolean> {
  return db
    .transaction('rw', db.tables, async () => {
      const waiting =
        (await db.outbox.where('state').equals('pending').count()) +
        (await db.blobs.where('uploaded').equals(0).count());
      if (waiting > 0) return false;
      await Promise.all(db.tables.map((t) => t.clear()));
      await db.kv.put({ key: 'wipedReason', value: 'signed-out' satisfies WipeReason });
      return true;
    })
    .then((wiped) => wiped && forgetKey(db));
}

/**
 * Signing out with work unsent, once it has left as a file (a sealed export, `exportUnsent`):
 * wipes only if every op and blob an export would hold now is in `exported`. One
 * transaction decides and clears, so an op recorded meanwhile (in another tab) stops the wipe
 * and is never erased; an exported op that was sent meanwhile is no reason to stop. False (and
 * nothing changes) otherwise: the user exports again.
 */
export async function wipeAfterExport(db: AppDb, exported: ExportedSet): Promise<boolean> {
  return db
    .transaction('rw', db.tables, async () => {
      const opIds = new Set(exported.opIds);
      const hashes = new Set(exported.blobHashes);
      // What an export made now would hold (pending and rejected ops, blobs not on the server). By
      // op id, not seq: seqs start again at 1 on a device wiped and signed in to meanwhile.
      const unsent = await db.outbox.where('state').anyOf('pending', 'rejected').toArray();
      const blobs = await db.blobs.where('uploaded').anyOf(0, 2).primaryKeys();
      if (!unsent.every((op) => opIds.has(op.id)) || !blobs.every((hash) => hashes.has(hash))) return false;
      await Promise.all(db.tables.map((t) => t.clear()));
      await db.kv.put({ key: 'wipedReason', value: 'signed-out-exported' satisfies WipeReason });
      return true;
    })
    .then((wiped) => wiped && forgetKey(db));
}
