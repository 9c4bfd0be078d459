/** The signed-in session and the device identity, kept on the device so the app starts offline. */
import { can } from '../protocol/permissions';
import type { User } from '../protocol/auth';
import type { AppDb } from '../storage/app-db';
import { getKv, setKv } from '../storage/kv';
import { SEQ_KEY } from '../storage/outbox';

export type Session = { token: string; expiresAt: string; user: User };

export function loadSession(db: AppDb): Promise<Session | undefined> {
  return getKv<Session>(db, 'session');
}

export async function saveSession(db: AppDb, session: Session): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    await setKv(db, 'session', session);
    await setKv(db, 'lastUser', session.user);
  });
}

export async function clearSession(db: AppDb): Promise<void> {
  await db.kv.delete('session');
}

/**
 * The signed-in user, or the last one if the session has ended (a 401 clears the session): the next
 * sign-in can still tell whether the user, and with them the scope, changed. Erased with
 * everything else by a wipe.
 */
export async function loadLastUser(db: AppDb): Promise<User | undefined> {
  return (await loadSession(db))?.user ?? (await getKv<User>(db, 'lastUser'));
}

/**
 * Another person signs in on this tablet (issue 13, finding 1): the server never hands a device
 * id from one user to another, so the tablet becomes a new device — a new id, its seqs from 1.
 * Only with no op waiting: an unsent op keeps the device as it is (the sign-in guard refuses
 * the other person anyway). Answered ops of the last user go, as a change of user drops them.
 */
export async function takeNewDeviceId(db: AppDb, makeId: () => string): Promise<string | null> {
  return db.transaction('rw', db.kv, db.outbox, async () => {
    if ((await db.outbox.where('state').equals('pending').count()) > 0) return null;
    await db.outbox.clear();
    const id = makeId();
    await setKv(db, 'deviceId', id);
    await setKv(db, SEQ_KEY, 0);
    return id;
  });
}

/** A device id is made once and kept: the server binds tokens and op sequences to it. */
export async function ensureDeviceId(db: AppDb, makeId: () => string): Promise<string> {
  return db.transaction('rw', db.kv, async () => {
    const existing = await getKv<string>(db, 'deviceId');
    if (existing) return existing;
    const id = makeId();
    await setKv(db, 'deviceId', id);
    return id;
  });
}

/**
 * Signing in as a user whose communes differ from what the device holds would mix scopes:
 * local synced data is dropped and pulled again from the start. So are what the previous user
 * saw and the server already holds: the commune's conflicts, evidence already uploaded, and the
 * previous user's answered ops (their results are in the server's op log), and form drafts. Never an unsent op,
 * nor evidence the server does not have.
 */
export async function resetIfScopeChanged(db: AppDb, user: User): Promise<boolean> {
  // The last user, not the session: after a 401 the session is gone but the data is still theirs.
  const previous = await loadLastUser(db);
  const same =
    previous !== undefined &&
    previous.id === user.id &&
    [...previous.communes].sort().join(',') === [...user.communes].sort().join(',');
  // A reports-only role holds no roster on the device: whatever is there goes (issue 14).
  const mayHold = can(user, 'roster.pull');
  if ((same || previous === undefined) && mayHold) return false;
  const tables = [
    db.communes,
    db.beneficiaries,
    db.rosterPages,
    db.periods,
    db.paymentLines,
    db.idChecks,
    db.conflicts,
    db.blobs,
  ];
  await db.transaction('rw', [...tables, db.outbox, db.kv], async () => {
    await Promise.all([
      db.communes.clear(),
      db.beneficiaries.clear(),
      db.rosterPages.clear(),
      db.periods.clear(),
      db.paymentLines.clear(),
      db.idChecks.clear(),
      db.conflicts.clear(),
      db.blobs.where('uploaded').equals(1).delete(),
      db.outbox
        .where('state')
        .anyOf('done', 'conflict', 'rejected')
        .filter((op) => op.envelope['actorId'] !== user.id)
        .delete(),
      db.kv.bulkDelete(['pullCursor', 'pullApplied', 'lastSyncAt']),
      // Form drafts belong to the user who typed them (ui/use-draft.ts), and to their scope.
      db.kv.where('key').startsWith('draft:').delete(),
    ]);
  });
  return true;
}
