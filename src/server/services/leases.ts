/**
 * The offline lease (issue 13, docs/protocol.md "Pull"): how many days a tablet may work since its
 * last contact with the server before it locks until it syncs. Set per commune by an admin; a
 * device serving several communes gets the shortest.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { leaseDaysSchema, type CommuneLease } from '../../protocol/leases';
import { can, isInScope } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { getEntity } from './entity-store';
import { isoTime } from './push-context';

export const DEFAULT_LEASE_DAYS = 7;

export async function leaseDaysFor(db: Kysely<Database>, communes: readonly string[]): Promise<number> {
  if (communes.length === 0) return DEFAULT_LEASE_DAYS;
  const rows = await db
    .selectFrom('commune_leases')
    .select(['commune_code', 'days'])
    .where('commune_code', 'in', [...communes])
    .execute();
  const days = new Map(rows.map((r) => [r.commune_code, Number(r.days)]));
  return Math.min(...communes.map((c) => days.get(c) ?? DEFAULT_LEASE_DAYS));
}

export type SetLeaseError = 'forbidden' | 'not-found' | 'lease-days-invalid';

/**
 * Sets a commune's lease. Only a commune the server knows (a lease for an unknown code would
 * never be listed, nor reach a tablet), and only whole days from 1 to 90.
 */
export async function setLeaseDays(
  db: Kysely<Database>,
  user: User,
  input: { commune: string; days: number; now: number },
): Promise<Result<{ commune: string; days: number }, SetLeaseError>> {
  if (!can(user, 'leases.manage')) return err('forbidden');
  const commune = await getEntity(db, 'commune', input.commune);
  if (!commune || commune.deleted || !isInScope(user, input.commune)) return err('not-found');
  if (!leaseDaysSchema.safeParse(input.days).success) return err('lease-days-invalid');
  const row = { days: input.days, updated_by: user.id, updated_at: input.now };
  await db
    .insertInto('commune_leases')
    .values({ commune_code: input.commune, ...row })
    .onConflict((oc) => oc.column('commune_code').doUpdateSet(row))
    .execute();
  return ok({ commune: input.commune, days: input.days });
}

/**
 * The lease of every commune in the admin's scope (admins: every commune the server knows), by
 * code: its days, the default for a commune no admin set, and who set it when.
 */
export async function listLeases(db: Kysely<Database>, user: User): Promise<Result<CommuneLease[], 'forbidden'>> {
  if (!can(user, 'leases.manage')) return err('forbidden');
  const rows = await db
    .selectFrom('entities')
    .leftJoin('commune_leases', 'commune_leases.commune_code', 'entities.id')
    .leftJoin('users', 'users.id', 'commune_leases.updated_by')
    .select([
      'entities.id',
      'entities.data',
      'commune_leases.days',
      'commune_leases.updated_by',
      'commune_leases.updated_at',
      'users.display_name',
    ])
    .where('entities.entity', '=', 'commune')
    .where('entities.deleted', '=', 0)
    .orderBy('entities.id')
    .execute();
  return ok(
    rows
      .filter((r) => isInScope(user, r.id))
      .map((r): CommuneLease => {
        const base = { commune: r.id, communeName: nameOf(r.data) ?? r.id };
        if (r.days === null || r.updated_by === null || r.updated_at === null)
          return { ...base, days: DEFAULT_LEASE_DAYS, isDefault: true, setBy: null, setAt: null };
        return {
          ...base,
          days: Number(r.days),
          isDefault: false,
          setBy: { id: r.updated_by, name: r.display_name },
          setAt: isoTime(Number(r.updated_at)),
        };
      }),
  );
}

function nameOf(json: string | null): string | null {
  const data: unknown = json ? JSON.parse(json) : null;
  const name = typeof data === 'object' && data !== null ? (data as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : null;
}
