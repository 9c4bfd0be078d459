/**
 * Setting a commune's payment points and days (issue 16, docs/protocol.md "Payment points"): the
 * schedule is checked by the domain's rule against the commune's villages (its people as the
 * reports know them) and its enabled payers, then written into the commune's entity, so every
 * device of the commune pulls it with the next sync and shows it offline.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import { checkSchedule, tidySchedule, type PaymentSchedule } from '../../domain/payment-points';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { getEntityForUpdate, putEntities } from './entity-store';

export async function setPaymentSchedule(
  db: Kysely<Database>,
  user: User,
  input: { commune: string; schedule: PaymentSchedule; now: number },
): Promise<Result<PaymentSchedule, RequestErrorCode>> {
  if (!can(user, 'points.manage', input.commune)) return err('forbidden');
  const villages = (
    await db
      .selectFrom('report_people')
      .select('village')
      .distinct()
      .where('commune_code', '=', input.commune)
      .execute()
  ).map((r) => r.village);
  const schedule = tidySchedule(input.schedule);
  if (checkSchedule(schedule, villages).length > 0) return err('invalid-schedule');
  const payerIds = new Set(schedule.points.flatMap((p) => p.payerIds));
  if (payerIds.size > 0) {
    const payers = await db
      .selectFrom('users')
      .select(['id', 'communes'])
      .where('id', 'in', [...payerIds])
      .where('role', '=', 'payer')
      .where('disabled', '=', 0)
      .execute();
    const here = payers.filter((p) => (JSON.parse(p.communes) as string[]).includes(input.commune));
    if (here.length !== payerIds.size) return err('invalid-schedule');
  }
  return db.transaction().execute(async (trx) => {
    const commune = await getEntityForUpdate(trx, 'commune', input.commune);
    if (!commune || commune.deleted) return err('not-found');
    const data = { ...(commune.data as Record<string, unknown>), paymentSchedule: schedule };
    await putEntities(trx, [{ entity: 'commune', id: input.commune, communeCode: input.commune, data }], {
      now: input.now,
    });
    return ok(schedule);
  });
}
