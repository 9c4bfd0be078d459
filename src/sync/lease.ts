/**
 * When a tablet locks (issue 13, "Offline lease"): past its lease — the days it may work since its
 * last contact with the server, set per commune by an admin — or past its session's expiry, it
 * locks until it syncs or its user signs in again. Before its first contact nothing is locked
 * (the first sync is the contact). Pure.
 */
const DAY_MS = 24 * 3600_000;

export type LeaseState = {
  now: number;
  /** Epoch ms of the last completed pull; null before the first. */
  lastSyncAt: number | null;
  leaseDays: number | null;
  /** The session's expiry (ISO), if signed in. */
  expiresAt: string | null;
};

export type Lock = { kind: 'lease'; since: number; days: number } | { kind: 'expired' } | null;

export function lockOf(s: LeaseState): Lock {
  if (s.expiresAt !== null && Date.parse(s.expiresAt) <= s.now) return { kind: 'expired' };
  if (s.lastSyncAt === null || s.leaseDays === null) return null;
  return s.now - s.lastSyncAt > s.leaseDays * DAY_MS ? { kind: 'lease', since: s.lastSyncAt, days: s.leaseDays } : null;
}
