/**
 * Encryption at rest as the app uses it (issue 13; docs/protocol.md "Device trust"): a vault is
 * set up at the PIN step after signing in, opened by the PIN (or, after too many wrong PINs, by
 * the password the server has just checked), and locked on idle, on demand and at every start.
 * The data key lives in the database's keyring (keyring.ts) only while unlocked.
 */
import { ok, type Result } from '../lib/result';
import type { AppDb } from './app-db';
import { forgetOpenedPages, sealRosterPage, type RosterPage } from './roster-pages';
import {
  createVault,
  forgetPin,
  readVault,
  rewrapPassword,
  unlockWithPassword,
  unlockWithPin,
  type KdfOptions,
  type PinProblem,
  type PinUnlockProblem,
} from './vault';

/** At start: locked when the device has a vault, else rows are plain until one is set up. */
export async function readKeyringState(db: AppDb): Promise<void> {
  const vault = await readVault(db);
  db.keyring.lock(vault ? 'locked' : 'no-vault');
}

/**
 * Seals what the device wrote before it had a vault (the session of the sign-in just done, or a
 * whole roster and outbox on a device upgraded from a version without encryption): pages are
 * sealed first, outside the transaction (WebCrypto), then every sealed table's rows are written
 * back through the sealing middleware (sealed-tables.ts) in one transaction.
 */
export async function sealExisting(db: AppDb): Promise<void> {
  const plainPages = (await db.rosterPages.toArray()).filter((r) => typeof r.data === 'string');
  const resealed = await Promise.all(
    plainPages.map(async (record) => {
      const { page: _page, ...sealed } = await sealRosterPage(db, JSON.parse(record.data as string) as RosterPage);
      return { ...sealed, no: record.no };
    }),
  );
  const tables = [db.beneficiaries, db.shadows, db.outbox, db.blobs, db.paymentLines, db.idChecks, db.conflicts, db.kv];
  await db.transaction('rw', [...tables, db.rosterPages], async () => {
    await db.rosterPages.bulkPut(resealed);
    for (const table of tables) {
      const rows: unknown[] = await table.toArray();
      if (rows.length > 0) await (table as { bulkPut: (rows: unknown[]) => Promise<unknown> }).bulkPut(rows);
    }
  });
}

/** The PIN step: a new vault under the password and the PIN, unlocked, and the device sealed. */
export async function setUpVault(
  db: AppDb,
  input: { password: string; pin: string },
  options: KdfOptions = {},
): Promise<Result<null, PinProblem | 'vault-exists'>> {
  const made = await createVault(db, input, options);
  if (!made.ok) {
    // Another tab set a PIN first: this one locks, and that PIN opens it.
    if (made.error === 'vault-exists') db.keyring.lock('locked');
    return made;
  }
  await db.keyring.unlock(made.value);
  await sealExisting(db);
  return ok(null);
}

export async function unlockByPin(db: AppDb, pin: string): Promise<Result<null, PinUnlockProblem>> {
  const opened = await unlockWithPin(db, pin);
  if (!opened.ok) return opened;
  await db.keyring.unlock(opened.value);
  return ok(null);
}

/** After too many wrong PINs (or a forgotten one): the password, checked by the server first. */
export async function unlockByPassword(
  db: AppDb,
  input: { password: string; newPin: string },
  options: KdfOptions = {},
): Promise<Result<null, PinProblem | 'wrong-password' | 'no-vault'>> {
  const opened = await unlockWithPassword(db, input, options);
  if (!opened.ok) return opened;
  await db.keyring.unlock(opened.value);
  return ok(null);
}

/** Idle, the lock button, a start: the key and every opened page leave memory. */
export function lockDevice(db: AppDb): void {
  if (db.keyring.state !== 'unlocked') return;
  db.keyring.lock('locked');
  forgetOpenedPages();
}

/**
 * A password the server has just taken for the signed-in user (sign-in, a new password): the data
 * key is wrapped under it while the device is open; after another person signed in, the last
 * user's PIN no longer opens it (vault.ts `forgetPin`). False when the device has no open vault:
 * the caller keeps the password in memory for the PIN step.
 */
export async function rewrapForUser(db: AppDb, password: string, otherPerson = false): Promise<boolean> {
  if (db.keyring.state !== 'unlocked') return false;
  await rewrapPassword(db, db.keyring.cryptoKey(), password);
  if (otherPerson) await forgetPin(db);
  return true;
}
