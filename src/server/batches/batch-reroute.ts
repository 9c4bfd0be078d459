/**
 * `PUT /api/batches/{id}/reroutes` (docs/protocol.md "Batches"): a supervisor decides, with a
 * reason, how each failed transfer of the batch still reaches the person — in cash this month
 * (home delivery or the commune point: the line becomes `due` with that method, and the payers'
 * tablets pull it), or carried to next month by the month's close. One `payment.reroute` op each,
 * all in one transaction.
 */
import type { Kysely } from 'kysely';
import type { RerouteTarget } from '../../domain/payment-ops';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { lockKey } from '../db/dialect';
import { isMonthClosed, monthLock } from '../months/month-close';
import { StepRefused, lockedBatch, logBatchEvent, opContext, runStep, type Actor } from './batch-store';
import { recordTransferOps } from './transfer-ops';

export type RerouteDecision = { lineId: string; to: RerouteTarget; reason: string };

export function rerouteFailed(
  db: Kysely<Database>,
  actor: Actor,
  input: { batchId: string; decisions: readonly RerouteDecision[] },
): Promise<{ ok: true; value: { rerouted: number } } | { ok: false; error: RequestErrorCode }> {
  return runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, input.batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.prepare', batch.commune_code)) throw new StepRefused('forbidden');
    await lockKey(trx, monthLock(batch.commune_code, batch.period));
    if (await isMonthClosed(trx, batch.commune_code, batch.period)) throw new StepRefused('period-closed');
    const failed = new Set(
      (
        await trx
          .selectFrom('batch_lines')
          .select('line_id')
          .where('batch_id', '=', batch.id)
          .where('result', '=', 'failed')
          .execute()
      ).map((l) => l.line_id),
    );
    const seen = new Set<string>();
    for (const d of input.decisions) {
      if (!failed.has(d.lineId) || seen.has(d.lineId)) throw new StepRefused('reroute-invalid');
      seen.add(d.lineId);
    }
    const refused = await recordTransferOps(
      trx,
      opContext(actor),
      'payment.reroute',
      input.decisions.map((d) => ({
        lineId: d.lineId,
        payload: { to: d.to, reason: d.reason.normalize('NFC').trim() },
      })),
    );
    // Not a failed line any more (paid in cash meanwhile, or decided already).
    if (refused.length > 0) throw new StepRefused('reroute-invalid');
    await logBatchEvent(trx, batch.id, actor, 'reroute', `${input.decisions.length} dòng`);
    return { rerouted: input.decisions.length };
  });
}
