import { describe, expect, test } from 'vitest';
import { lockOf } from './lease';

const DAY = 24 * 3600_000;
const now = Date.parse('2026-12-06T08:00:00Z');
const base = { now, lastSyncAt: now - DAY, leaseDays: 7, expiresAt: '2027-01-01T00:00:00Z' };

describe('lockOf', () => {
  test('within the lease nothing is locked; one moment past it, the tablet locks until it syncs', () => {
    expect(lockOf(base)).toBeNull();
    expect(lockOf({ ...base, lastSyncAt: now - 7 * DAY })).toBeNull();
    expect(lockOf({ ...base, lastSyncAt: now - 7 * DAY - 1 })).toEqual({
      kind: 'lease',
      since: now - 7 * DAY - 1,
      days: 7,
    });
  });

  test('an expired session locks, offline too; before the first contact nothing does', () => {
    expect(lockOf({ ...base, expiresAt: '2026-12-06T08:00:00Z' })).toEqual({ kind: 'expired' });
    expect(lockOf({ ...base, lastSyncAt: null, leaseDays: null })).toBeNull();
  });
});
