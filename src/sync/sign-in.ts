/**
 * Signing in on the device: the server checks the password, the device checks it may hand itself
 * to this user (sign-in-guard.ts), then keeps the session. A refused sign-in changes nothing here.
 */
import { err, ok, type Result } from '../lib/result';
import type { AppDb } from '../storage/app-db';
import type { Transport } from './transport';
import {
  ensureDeviceId,
  loadLastUser,
  resetIfScopeChanged,
  saveSession,
  takeNewDeviceId,
  type Session,
} from './session';
import { registerDeviceKey } from './device-key';
import { pendingOwnersBlocking } from './sign-in-guard';

export type SignInRefusal = {
  code: 'other-user-pending';
  /** The user whose ops are still waiting, and how many there are. */
  actorId: string;
  count: number;
  /** How to name them to the user: display name and username when the device knows them. */
  owner: { displayName: string; username: string } | null;
};

export type SignInInput = { username: string; password: string; deviceName: string };

/**
 * The common case, answered without asking the server: the device's last user left unsent ops
 * and someone else types their name. A server login would bind the device to that other person
 * (and a supervisor's import of the exported ops is checked against the device's user), so it is
 * not even tried. Whatever this cannot tell (ops of an earlier user, a renamed user) the check
 * after the login still catches.
 */
async function refusedBeforeLogin(db: AppDb, username: string): Promise<SignInRefusal | null> {
  const last = await loadLastUser(db);
  if (!last || last.username.toLowerCase() === username.toLowerCase()) return null;
  const count = await db.outbox
    .where('state')
    .equals('pending')
    .filter((op) => op.envelope['actorId'] === last.id)
    .count();
  if (count === 0) return null;
  return {
    code: 'other-user-pending',
    actorId: last.id,
    count,
    owner: { displayName: last.displayName, username: last.username },
  };
}

/** Throws the transport's errors (wrong password, no network); answers a refusal as a value. */
export async function signIn(
  deps: { db: AppDb; transport: Transport; makeId: () => string },
  input: SignInInput,
): Promise<Result<Session, SignInRefusal>> {
  const { db, transport } = deps;
  const username = input.username.trim().normalize('NFC');
  const early = await refusedBeforeLogin(db, username);
  if (early) return err(early);
  // Another person on this tablet: a new device id, since the server never moves one.
  const last = await loadLastUser(db);
  const isOtherPerson = last !== undefined && last.username.toLowerCase() !== username.toLowerCase();
  const deviceId =
    (isOtherPerson ? await takeNewDeviceId(db, deps.makeId) : null) ?? (await ensureDeviceId(db, deps.makeId));
  const res = await transport.login({
    username,
    password: input.password,
    device: { id: deviceId, name: input.deviceName },
  });
  // Checked once the server says who this is: a username can be renamed, a user id cannot.
  const pending = await db.outbox.where('state').equals('pending').toArray();
  const blocking = pendingOwnersBlocking(
    pending.map((op) => op.envelope['actorId']),
    res.user.id,
  )[0];
  if (blocking) {
    // The new token is not kept; end it so it does not stay valid on the server. Best effort: the
    // refusal stands whether or not the server hears of it.
    await transport.logout(res.token).catch(() => undefined);
    const last = await loadLastUser(db);
    return err({
      code: 'other-user-pending',
      ...blocking,
      owner: last?.id === blocking.actorId ? { displayName: last.displayName, username: last.username } : null,
    });
  }
  await resetIfScopeChanged(db, res.user);
  const session: Session = { token: res.token, expiresAt: res.expiresAt, user: res.user };
  await saveSession(db, session);
  await db.kv.delete('wipedReason');
  // Enrolment makes the device's receipt key and registers it; a failure here is tried again
  // by the sync before the first signed receipt is pushed (sync/device-key.ts).
  await registerDeviceKey(db, transport, res.token, deviceId).catch(() => undefined);
  return ok(session);
}
