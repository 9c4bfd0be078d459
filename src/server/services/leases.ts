/**
 * The offline lease (issue 13, docs/protocol.md "Pull"): how many days a tablet may work since its
 * last contact with the server before it locks until it syncs. Set per commune by an admin; a
 * device serving several communes gets the shortest.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';

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

export async function setLeaseDays(
  db: Kysely<Database>,
  user: User,
  input: { commune: string; days: number; now: number },
): Promise<Result<{ commune: string; days: number }, 'forbidden'>> {
  if (!can(user, 'leases.manage')) return err('forbidden');
  const row = { days: input.days, updated_by: user.id, updated_at: input.now };
  await db
    .insertInto('commune_leases')
    .values({ commune_code: input.commune, ...row })
    .onConflict((oc) => oc.column('commune_code').doUpdateSet(row))
    .execute();
  return ok({ commune: input.commune, days: input.days });
}
