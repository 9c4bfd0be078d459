/**
 * A user sets their own password (`POST /api/auth/password`, docs/protocol.md "Auth"): at the first
 * sign-in after an admin created or reset them — the only call such a token may make — or any
 * time from Settings. The other tokens of the user end; the one that asked stays valid.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { PASSWORD_MIN_LENGTH } from '../../protocol/users';
import type { Database } from '../db/schema';
import { hashPassword, verifyPassword, type HashOptions } from './passwords';
import { endTokens } from './user-admin';
import { toWireUser } from './users';

/** The demo's default password (`DEMO_PASSWORD` unset): a real user never sets it. */
export const DEFAULT_DEMO_PASSWORD = 'demo1234';

export type OwnPasswordDeps = {
  db: Kysely<Database>;
  now: number;
  hashOptions: HashOptions;
  demoPassword?: string | undefined;
};

/** Why a new password is refused, or null: too short, the username, the current one or a demo one. */
export function weakPassword(
  password: string,
  context: { username: string; current: string; demo: string[] },
): boolean {
  const p = password.normalize('NFC');
  if ([...p].length < PASSWORD_MIN_LENGTH) return true;
  if (p.trim().toLowerCase() === context.username.toLowerCase()) return true;
  return p === context.current.normalize('NFC') || context.demo.includes(p);
}

export async function changeOwnPassword(
  deps: OwnPasswordDeps,
  session: { user: User; tokenHash: string },
  input: { currentPassword: string; newPassword: string },
): Promise<Result<User, 'wrong-password' | 'password-too-weak' | 'not-signed-in'>> {
  const row = await deps.db.selectFrom('users').selectAll().where('id', '=', session.user.id).executeTakeFirst();
  if (!row || Number(row.disabled) === 1) return err('not-signed-in');
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) return err('wrong-password');
  const demo = [DEFAULT_DEMO_PASSWORD, ...(deps.demoPassword ? [deps.demoPassword] : [])];
  if (weakPassword(input.newPassword, { username: row.username, current: input.currentPassword, demo })) {
    return err('password-too-weak');
  }
  const hash = await hashPassword(input.newPassword, deps.hashOptions);
  // Only if nothing changed since the check: an admin's reset (or a disable) that commits while
  // the hash is computed wins, and this change is refused rather than silently undoing it.
  const changed = await deps.db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom('tokens')
      .select('token_hash')
      .where('token_hash', '=', session.tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!token) return false;
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0 })
      .where('id', '=', row.id)
      .where('password_hash', '=', row.password_hash)
      .where('disabled', '=', 0)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await endTokens(trx, row.id, deps.now, session.tokenHash);
    return true;
  });
  if (!changed) return err('not-signed-in');
  return ok(toWireUser({ ...row, must_change_password: 0 }));
}
