/** Users: creation (CLI, seed) and the wire shape. */
import type { Insertable, Kysely } from 'kysely';
import type { Role } from '../../domain/vocabulary';
import type { User } from '../../protocol/auth';
import type { UserScope } from '../../protocol/users';
import type { Database, UsersTable } from '../db/schema';
import { hashPassword, type HashOptions } from './passwords';
import { err, ok, type Result } from '../../lib/result';

export type NewUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  communes: string[];
  password: string;
  /** What an admin chose (issue 14); without it, the communes. */
  scope?: UserScope | undefined;
  /** The user's next sign-in may only set a new password (a temporary one was given). */
  mustChangePassword?: boolean | undefined;
};

/** Usernames compare case-insensitively and in NFC; this is the stored and looked-up form. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export async function createUser(
  db: Kysely<Database>,
  input: NewUser,
  options: { now: number; hashOptions: HashOptions },
): Promise<Result<User, 'username-taken'>> {
  const username = normalizeUsername(input.username);
  const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (existing) return err('username-taken');
  const communes = [...new Set(input.communes)].sort();
  const row = {
    id: input.id,
    username,
    display_name: input.displayName.normalize('NFC'),
    role: input.role,
    communes: JSON.stringify(communes),
    password_hash: await hashPassword(input.password, options.hashOptions),
    created_at: options.now,
    disabled: 0,
    must_change_password: input.mustChangePassword ? 1 : 0,
    scope: JSON.stringify(input.scope ?? { kind: 'communes', codes: communes }),
  } satisfies Insertable<UsersTable>;
  await db.insertInto('users').values(row).execute();
  return ok(toWireUser(row));
}

type WireRow = Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'communes'> & {
  must_change_password?: number | undefined;
};

/** The user as the wire shows it; `mustChangePassword` only when it is so (docs/protocol.md "Auth"). */
export function toWireUser(row: WireRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    communes: parseCommunes(row.communes),
    ...(Number(row.must_change_password ?? 0) === 1 ? { mustChangePassword: true } : {}),
  };
}

export function parseCommunes(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A stored scope; a row without one (written before issue 14, or by hand) is its communes. */
export function parseScope(json: string | null, communes: string): UserScope {
  if (json !== null) {
    const parsed = JSON.parse(json) as UserScope;
    if (parsed.kind === 'communes' || parsed.kind === 'former-district' || parsed.kind === 'province') return parsed;
  }
  return { kind: 'communes', codes: parseCommunes(communes) };
}
