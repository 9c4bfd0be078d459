/**
 * The `id-check` family on the server: the result of checking a card against the roster becomes
 * an `id-check` entity (id = the op id, which `payment.record` refers to as `idCheckId`) in the
 * beneficiary's commune, so the commune's devices and supervisors see it. The record is the
 * domain's `recordIdCheck`, as on the device; the server adds its own clock (`receivedAt`).
 */
import type { Transaction } from 'kysely';
import { must } from '../../lib/assert';
import type { IdCheckFact, IdCheckPlace } from '../../domain/id-check-record';
import { familyReducers } from '../../protocol/op-registry';
import type { Op, OpOfFamily } from '../../protocol/ops';
import { isInScope } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { getEntity, putEntities, type EntityChange } from './entity-store';
import { rejected } from './op-log';
import { isoTime, type Applied, type PushContext } from './push-context';

export async function applyIdCheckOnServer(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: OpOfFamily<'id-check'>,
): Promise<Applied> {
  const beneficiary = await getEntity(trx, 'beneficiary', op.entityId);
  if (!beneficiary || beneficiary.deleted) return { outcome: rejected('unknown-entity') };
  if (!isInScope(ctx.user, beneficiary.communeCode)) return { outcome: rejected('forbidden') };
  // No lock: the entity is new and keyed by the op id, which only this op can write (a copy of
  // the same op loses at the op log's unique key and rolls back).
  const [written] = await putEntities(
    trx,
    [idCheckEntity(ctx, op, op.payload, { beneficiaryId: op.entityId, communeCode: beneficiary.communeCode })],
    { now: ctx.receivedAt },
  );
  return { outcome: { status: 'applied', version: must(written, 'the id check was written').version } };
}

/**
 * The `id-check` entity of a check: recorded on its own (`id-check.record`, entityId = the
 * beneficiary) or carried by a payment or visit op (then `lineId` says which line). Its id is the
 * op's id, which no other op can write.
 */
export function idCheckEntity(
  ctx: PushContext,
  op: Pick<Op, 'id' | 'actorId' | 'deviceId' | 'recordedAt'>,
  check: IdCheckFact,
  where: IdCheckPlace,
): EntityChange {
  const data = {
    ...familyReducers['id-check'](check, op, where),
    receivedAt: isoTime(ctx.receivedAt),
    // An op from a broken tablet's file says who imported it, in what the commune's devices pull.
    ...(ctx.importedBy === undefined ? {} : { importedBy: ctx.importedBy }),
  };
  return { entity: 'id-check', id: op.id, communeCode: where.communeCode, data };
}
