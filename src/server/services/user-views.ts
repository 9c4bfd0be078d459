/** The admins' view of users (docs/protocol.md "Users"): role, scope, status, sign-ins and devices. */
import type { Kysely } from 'kysely';
import type { UserDevice, UserSummary } from '../../protocol/users';
import type { Database } from '../db/schema';
import { isoTime } from './push-context';
import { parseCommunes, parseScope } from './users';

const isoOrNull = (ms: number | string | null | undefined) =>
  ms === null || ms === undefined ? null : isoTime(Number(ms));

/** Every user (or the one with `id`), by username, with their devices most recently seen first. */
export async function readUserSummaries(db: Kysely<Database>, now: number, id?: string): Promise<UserSummary[]> {
  let users = db.selectFrom('users').selectAll().orderBy('username');
  if (id !== undefined) users = users.where('id', '=', id);
  const rows = await users.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // A sign-in is a token: its creation is when, its device is where.
  const tokens = await db
    .selectFrom('tokens')
    .select((eb) => [
      'user_id',
      'device_id',
      eb.fn.max('created_at').as('last_sign_in'),
      eb.fn
        .count<number>('token_hash')
        .filterWhere((w) => w.and([w('revoked_at', 'is', null), w('expires_at', '>', now)]))
        .as('active'),
    ])
    .where('user_id', 'in', ids)
    .groupBy(['user_id', 'device_id'])
    .execute();
  const devices = await db
    .selectFrom('devices')
    .select(['id', 'user_id', 'name', 'status', 'last_seen_at'])
    .where('user_id', 'in', ids)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  const signIns = new Map(tokens.map((t) => [`${t.user_id} ${t.device_id}`, t]));
  return rows.map((r) => {
    const own = tokens.filter((t) => t.user_id === r.id);
    const last = own.reduce<number | null>((m, t) => {
      const at = Number(t.last_sign_in);
      return m === null || at > m ? at : m;
    }, null);
    const userDevices: UserDevice[] = devices
      .filter((d) => d.user_id === r.id)
      .map((d) => ({
        id: d.id,
        name: d.name,
        status: d.status,
        lastSeenAt: isoOrNull(d.last_seen_at),
        lastSignInAt: isoOrNull(signIns.get(`${r.id} ${d.id}`)?.last_sign_in as number | null | undefined),
      }));
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      scope: parseScope(r.scope, r.communes),
      communes: parseCommunes(r.communes),
      disabled: Number(r.disabled) === 1,
      mustChangePassword: Number(r.must_change_password) === 1,
      createdAt: isoTime(Number(r.created_at)),
      lastSignInAt: isoOrNull(last),
      activeSessions: own.reduce((n, t) => n + Number(t.active), 0),
      devices: userDevices,
    };
  });
}
