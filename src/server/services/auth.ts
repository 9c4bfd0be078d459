/**
 * Sign-in, bearer tokens and devices (docs/protocol.md "Auth"). Tokens are 32 random bytes, sent
 * once and stored only as a sha256 hash, each bound to one user and one device.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock';
import { err, ok, type Result } from '../../lib/result';
import type { LoginRequest, User } from '../../protocol/auth';
import type { Database, DeviceStatus } from '../db/schema';
import { claimAttempt, defaultThrottle, forgiveAttempts, type ThrottlePolicy } from './login-throttle';
import { verifyPassword, type HashOptions } from './passwords';
import { normalizeUsername, toWireUser } from './users';

export type AuthSettings = {
  hashOptions: HashOptions;
  tokenTtlMs: number;
  throttle: ThrottlePolicy;
};

export const defaultAuthSettings: Omit<AuthSettings, 'hashOptions'> = {
  tokenTtlMs: 30 * 24 * 3600_000,
  throttle: defaultThrottle,
};

export type AuthDeps = {
  db: Kysely<Database>;
  clock: Clock;
  settings: AuthSettings;
  /** Hash verified for unknown users so both failures take the same time. */
  dummyHash: () => Promise<string>;
  /** Behind a reverse proxy the client's address is the first of `X-Forwarded-For`. */
  trustProxy: boolean;
  /** `DEMO_PASSWORD`, which nobody may set as their own (services/own-password.ts). */
  demoPassword?: string | undefined;
};

export type LoginSuccess = { token: string; expiresAt: number; user: User; deviceId: string };
export type LoginError = 'invalid-credentials' | 'too-many-attempts' | 'device-revoked' | 'device-in-use';

/**
 * Signs in from `address` (the client's, for the throttle). The attempt is claimed before the
 * password is verified (`claimAttempt`): a guess the throttle refuses is never verified.
 */
export async function login(
  deps: AuthDeps,
  req: LoginRequest,
  address: string,
): Promise<Result<LoginSuccess, LoginError>> {
  const { db, clock, settings } = deps;
  const now = clock.now();
  const username = normalizeUsername(req.username);
  const claimed = await claimAttempt(db, settings.throttle, { username, address, now });
  if (!claimed.ok) return err('too-many-attempts');

  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const isValid =
    user && !user.disabled
      ? await verifyPassword(user.password_hash, req.password)
      : await verifyPassword(await deps.dummyHash(), req.password).then(() => false);
  // A wrong password leaves its claim as the failure it was.
  if (!user || !isValid) return err('invalid-credentials');

  const device = await db
    .selectFrom('devices')
    .select(['status', 'user_id'])
    .where('id', '=', req.device.id)
    .executeTakeFirst();
  if (device?.status === 'revoked') return err('device-revoked');
  // A device id never changes hands (issue 13, finding 1): signing in with another user's device
  // id would let that user push with its seqs and import as its owner. The app takes a new device
  // id when another person signs in on the same tablet (src/sync/sign-in.ts).
  if (device && device.user_id !== user.id) return err('device-in-use');

  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + settings.tokenTtlMs;
  await db.transaction().execute(async (trx) => {
    if (device) {
      await trx
        .updateTable('devices')
        .set({ name: req.device.name, last_seen_at: now })
        .where('id', '=', req.device.id)
        .execute();
    } else {
      await trx
        .insertInto('devices')
        .values({
          id: req.device.id,
          user_id: user.id,
          name: req.device.name,
          status: 'active',
          last_seq_reported: 0,
          max_seq_received: 0,
          last_seen_at: now,
          created_at: now,
        })
        .execute();
    }
    await trx
      .insertInto('tokens')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        device_id: req.device.id,
        created_at: now,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
  });
  await forgiveAttempts(db, { username, address });
  return ok({ token, expiresAt, user: toWireUser(user), deviceId: req.device.id });
}

export type Session = {
  user: User;
  deviceId: string;
  /** `retired` devices may still push; pull tells them to wipe (`device-retired`). */
  deviceStatus: DeviceStatus;
  tokenHash: string;
};
export type AuthError = 'not-signed-in' | 'token-expired' | 'device-revoked';

/** Devices' last-seen time is written at most this often, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function authenticate(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  token: string,
): Promise<Result<Session, AuthError>> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return err('not-signed-in');
  const tokenHash = hashToken(token);
  const row = await deps.db
    .selectFrom('tokens')
    .innerJoin('devices', 'devices.id', 'tokens.device_id')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select([
      'tokens.expires_at',
      'tokens.revoked_at',
      'tokens.device_id',
      'devices.status as device_status',
      'devices.last_seen_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.communes',
      'users.disabled',
      'users.must_change_password',
    ])
    .where('tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return err('not-signed-in');
  // Before expiry: a revoked (lost) device must be told to wipe even with an old token.
  if (row.device_status === 'revoked') return err('device-revoked');
  if (row.disabled) return err('not-signed-in');
  const now = deps.clock.now();
  if (Number(row.expires_at) <= now) return err('token-expired');
  if (row.last_seen_at === null || now - Number(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
    await deps.db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', row.device_id).execute();
  }
  return ok({ user: toWireUser(row), deviceId: row.device_id, deviceStatus: row.device_status, tokenHash });
}

export async function logout(deps: Pick<AuthDeps, 'db' | 'clock'>, session: Session): Promise<void> {
  await deps.db
    .updateTable('tokens')
    .set({ revoked_at: deps.clock.now() })
    .where('token_hash', '=', session.tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
