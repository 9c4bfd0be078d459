/** Typed access to the key/value table. */
import type { AppDb } from './app-db';

export type KvKey =
  | 'pullCursor'
  | 'lastSyncAt'
  /** Days the device may work since its last contact (the pull's `leaseDays`). */
  | 'leaseDays'
  | 'deviceId'
  | 'session'
  | 'pullApplied'
  | 'persisted'
  | 'opSeq'
  | 'wipedReason'
  /** Roster pages after the last fold (sync/pull-all.ts). */
  | 'rosterFoldBase'
  /** The wrapped data key of encryption at rest and the wrong-PIN count (vault.ts). */
  | 'vault'
  /** The roster's chosen filters and order (domain/roster-filter.ts `RosterView`). */
  | 'rosterView'
  /** The user of the last session, kept after a 401 (sync/session.ts). */
  | 'lastUser'
  /** Minutes without use before the device locks (features/lock/use-idle-lock.ts). */
  | 'idleLockMinutes'
  /** The roster's count and first lines, shown while the index builds (roster-head.ts). */
  | 'rosterHead'
  /** The payers last downloaded for assigning lines, with when (features/payments/use-payers.ts). */
  | 'payers'
  /** The payer's order of villages on their round (features/payments/my-round-page.tsx). */
  | 'roundOrder'
  /** A paying month's cash ledgers last downloaded, with when (features/payments/use-cash-ledgers.ts). */
  | `cash:${string}`
  /** Public keys of the communes' devices, to verify receipts offline (sync/device-key.ts). */
  | 'receiptKeys'
  /** A communication day's registration queue, `outreach:<day>:<commune>` (features/person/use-outreach-day.ts). */
  | `outreach:${string}`
  /** Whether a user was offered the first sign-in tour on this device, `tour:<userId>` (features/guides/tour.tsx). */
  | `tour:${string}`
  | `draft:${string}`;

export async function getKv<T>(db: AppDb, key: KvKey): Promise<T | undefined> {
  const row = await db.kv.get(key);
  return row?.value as T | undefined;
}

export async function setKv(db: AppDb, key: KvKey, value: unknown): Promise<void> {
  await db.kv.put({ key, value });
}
