/**
 * Users on screen (issue 14, docs/protocol.md "Users"): admins list, create, change, disable,
 * enable and reset users. A created or reset user gets a temporary password, shown once, that
 * their next sign-in must replace. Disabling or resetting ends every token of the user in the
 * same transaction. Nobody disables, resets or demotes themselves, and the last active admin
 * stays an active admin.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { pilotCommunes } from '../../domain/admin-units';
import { expandScope } from '../../domain/user-scope';
import type { Role } from '../../domain/vocabulary';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { can } from '../../protocol/permissions';
import type { CreateUserRequest, ScopeUnit, UpdateUserRequest, UserScope, UserSummary } from '../../protocol/users';
import { isPostgres } from '../db/dialect';
import type { Database } from '../db/schema';
import { hashPassword, type HashOptions } from './passwords';
import { createUser, parseScope } from './users';
import { readUserSummaries } from './user-views';

export type UserAdminDeps = { db: Kysely<Database>; now: number; hashOptions: HashOptions };
type Refusal = 'forbidden' | 'not-found' | 'invalid-scope' | 'last-admin' | 'own-account' | 'username-taken';

/** Letters and digits nobody misreads (no 0/O, 1/l/I): a temporary password read aloud or copied. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function temporaryPassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** The communes the server knows (written at every start), with their former district and province. */
export async function knownUnits(db: Kysely<Database>): Promise<ScopeUnit[]> {
  const rows = await db
    .selectFrom('entities')
    .select('id')
    .where('entity', '=', 'commune')
    .where('deleted', '=', 0)
    .execute();
  const known = new Set(rows.map((r) => r.id));
  return pilotCommunes
    .filter((u) => known.has(u.code))
    .map((u) => ({
      code: u.code,
      name: u.name,
      formerDistrictCode: u.formerDistrictCode,
      formerDistrict: u.formerDistrict,
      provinceCode: u.provinceCode,
    }));
}

/** The scope's communes among those the server knows; every role but admin needs one. */
async function expand(db: Kysely<Database>, role: Role, scope: UserScope): Promise<string[] | null> {
  const known = new Set((await knownUnits(db)).map((u) => u.code));
  const codes = expandScope(
    scope,
    pilotCommunes.filter((u) => known.has(u.code)),
  );
  if (codes === null || (codes.length === 0 && role !== 'admin')) return null;
  return codes;
}

export async function listUsers(
  db: Kysely<Database>,
  actor: User,
  now: number,
): Promise<Result<{ users: UserSummary[]; communes: ScopeUnit[] }, 'forbidden'>> {
  if (!can(actor, 'users.manage')) return err('forbidden');
  return ok({ users: await readUserSummaries(db, now), communes: await knownUnits(db) });
}

async function summaryOf(db: Kysely<Database>, id: string, now: number): Promise<UserSummary> {
  const [summary] = await readUserSummaries(db, now, id);
  if (!summary) throw new Error(`user ${id} vanished`);
  return summary;
}

export async function createManagedUser(
  deps: UserAdminDeps,
  actor: User,
  input: Omit<CreateUserRequest, 'protocol'>,
): Promise<Result<{ user: UserSummary; temporaryPassword: string }, Refusal>> {
  if (!can(actor, 'users.manage')) return err('forbidden');
  const communes = await expand(deps.db, input.role, input.scope);
  if (communes === null) return err('invalid-scope');
  const password = temporaryPassword();
  const created = await deps.db.transaction().execute(async (trx) => {
    // The actor's session was read before: an admin disabled meanwhile creates no one.
    const active = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', actor.id)
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirst();
    if (!active) return err('forbidden' as const);
    return createUser(
      trx,
      { id: randomUUID(), ...input, communes, password, mustChangePassword: true },
      { now: deps.now, hashOptions: deps.hashOptions },
    );
  });
  if (!created.ok) return err(created.error);
  return ok({ user: await summaryOf(deps.db, created.value.id, deps.now), temporaryPassword: password });
}

type Target = { id: string; role: Role; disabled: number };

/**
 * Runs `change` on the target user in a transaction, after the checks every change shares:
 * admins only, the user exists, and — when the change would leave it no active admin — another
 * active admin remains. On PostgreSQL the admins' rows are locked first, so two admins disabling
 * each other at once cannot both succeed.
 */
async function changeUser(
  db: Kysely<Database>,
  actor: User,
  id: string,
  opts: { endsAdmin: (target: Target) => boolean; selfRefused: (target: Target) => boolean },
  change: (trx: Transaction<Database>, target: Target) => Promise<Refusal | null>,
): Promise<Result<null, Refusal>> {
  if (!can(actor, 'users.manage')) return err('forbidden');
  return db.transaction().execute(async (trx) => {
    const admins = trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0);
    const activeAdmins = await (isPostgres(trx) ? admins.forUpdate() : admins).execute();
    // The actor's session was read before this transaction: an admin disabled meanwhile acts no more.
    if (!activeAdmins.some((a) => a.id === actor.id)) return err('forbidden');
    const target = await trx
      .selectFrom('users')
      .select(['id', 'role', 'disabled'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!target) return err('not-found');
    if (target.id === actor.id && opts.selfRefused(target)) return err('own-account');
    const isActiveAdmin = target.role === 'admin' && Number(target.disabled) === 0;
    if (isActiveAdmin && opts.endsAdmin(target) && activeAdmins.every((a) => a.id === target.id)) {
      return err('last-admin');
    }
    const refused = await change(trx, target);
    return refused ? err(refused) : ok(null);
  });
}

/** Ends every token of the user (disable, reset): the next request with one is 401. */
export async function endTokens(
  trx: Transaction<Database>,
  userId: string,
  now: number,
  except?: string,
): Promise<void> {
  let q = trx
    .updateTable('tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (except) q = q.where('token_hash', '!=', except);
  await q.execute();
}

export async function updateManagedUser(
  deps: UserAdminDeps,
  actor: User,
  id: string,
  patch: Omit<UpdateUserRequest, 'protocol'>,
): Promise<Result<UserSummary, Refusal>> {
  const roleChanges = (target: Target) => patch.role !== undefined && patch.role !== target.role;
  const done = await changeUser(
    deps.db,
    actor,
    id,
    {
      endsAdmin: (t) => patch.role !== undefined && patch.role !== 'admin' && roleChanges(t),
      // One's own name may change; one's own role or scope may not (no admin demotes themselves).
      selfRefused: (t) => roleChanges(t) || patch.scope !== undefined,
    },
    async (trx, target) => {
      const role = patch.role ?? target.role;
      const set: { display_name?: string; role?: Role; scope?: string; communes?: string } = {};
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.scope !== undefined || roleChanges(target)) {
        const scope = patch.scope ?? (await storedScope(trx, target.id));
        const communes = await expand(trx, role, scope);
        if (communes === null) return 'invalid-scope';
        set.scope = JSON.stringify(scope);
        set.communes = JSON.stringify(communes);
      }
      if (Object.keys(set).length > 0) await trx.updateTable('users').set(set).where('id', '=', id).execute();
      // A new role or scope ends the user's tokens: their tablet signs in again and gets the
      // data the new role and communes allow (sign-in drops what the device held).
      if (set.role !== undefined || set.communes !== undefined) await endTokens(trx, id, deps.now);
      return null;
    },
  );
  return done.ok ? ok(await summaryOf(deps.db, id, deps.now)) : done;
}

async function storedScope(trx: Transaction<Database>, id: string): Promise<UserScope> {
  const row = await trx
    .selectFrom('users')
    .select(['scope', 'communes'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return parseScope(row.scope, row.communes);
}

/** Disables (ending every token at once) or enables a user. */
export async function setUserDisabled(
  deps: UserAdminDeps,
  actor: User,
  id: string,
  disabled: boolean,
): Promise<Result<UserSummary, Refusal>> {
  const done = await changeUser(
    deps.db,
    actor,
    id,
    { endsAdmin: () => disabled, selfRefused: () => true },
    async (trx, target) => {
      await trx
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0 })
        .where('id', '=', target.id)
        .execute();
      if (disabled) await endTokens(trx, target.id, deps.now);
      return null;
    },
  );
  return done.ok ? ok(await summaryOf(deps.db, id, deps.now)) : done;
}

/** A new temporary password, which the next sign-in must replace; every token of the user ends. */
export async function resetUserPassword(
  deps: UserAdminDeps,
  actor: User,
  id: string,
): Promise<Result<{ user: UserSummary; temporaryPassword: string }, Refusal>> {
  const password = temporaryPassword();
  const hash = await hashPassword(password, deps.hashOptions);
  const done = await changeUser(
    deps.db,
    actor,
    id,
    { endsAdmin: () => false, selfRefused: () => true },
    async (trx, target) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: 1 })
        .where('id', '=', target.id)
        .execute();
      await endTokens(trx, target.id, deps.now);
      return null;
    },
  );
  return done.ok ? ok({ user: await summaryOf(deps.db, id, deps.now), temporaryPassword: password }) : done;
}
