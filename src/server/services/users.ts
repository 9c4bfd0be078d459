/** Users: creation (CLI, seed) and the wire shape. */
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/vocabulary';
import type { User } from '../../protocol/auth';
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
  const row: UsersTable = {
    id: input.id,
    username,
    display_name: input.displayName.normalize('NFC'),
    role: input.role,
    communes: JSON.stringify([...new Set(input.communes)].sort()),
    password_hash: await hashPassword(input.password, options.hashOptions),
    created_at: options.now,
    disabled: 0,
  };
  await db.insertInto('users').values(row).execute();
  return ok(toWireUser(row));
}

export function toWireUser(row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'communes'>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    communes: parseCommunes(row.communes),
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
