/**
 * A batch's way after it is prepared (docs/protocol.md "Batches"): approved by someone other than
 * its preparer; cancelled before any result arrives (its sent lines become payable again as they
 * were); closed once every line has its result and the money balances to the đồng.
 */
import type { Kysely } from 'kysely';
import { balances } from '../../domain/batch-reconcile';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { batchBalance } from './batch-views';
import { StepRefused, lockedBatch, logBatchEvent, opContext, runStep, type Actor } from './batch-store';
import { recordTransferOps } from './transfer-ops';

type StepResult = Promise<{ ok: true; value: { batchId: string } } | { ok: false; error: RequestErrorCode }>;

export function approveBatch(db: Kysely<Database>, actor: Actor, batchId: string): StepResult {
  return runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.approve', batch.commune_code)) throw new StepRefused('forbidden');
    // Four eyes, before any order check.
    if (batch.preparer_id === actor.user.id) throw new StepRefused('own-batch');
    if (batch.status !== 'draft') throw new StepRefused('batch-step-out-of-order');
    if (batch.line_count === 0) throw new StepRefused('batch-empty');
    await trx
      .updateTable('batches')
      .set({ status: 'approved', approver_id: actor.user.id, approved_at: actor.now })
      .where('id', '=', batchId)
      .execute();
    await logBatchEvent(trx, batchId, actor, 'approve');
    return { batchId };
  });
}

/**
 * Cancels a batch whose provider has answered nothing: before export nothing was sent; after it,
 * each line goes back to its status before the batch (`payment.transfer-cancel`).
 */
export function cancelBatch(db: Kysely<Database>, actor: Actor, input: { batchId: string; note: string }): StepResult {
  return runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, input.batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.prepare', batch.commune_code)) throw new StepRefused('forbidden');
    if (batch.status === 'closed' || batch.status === 'cancelled') throw new StepRefused('batch-step-out-of-order');
    if (batch.status === 'exported') {
      const answered = await trx
        .selectFrom('batch_lines')
        .select('line_id')
        .where('batch_id', '=', batch.id)
        .where('result', '!=', 'waiting')
        .executeTakeFirst();
      if (answered) throw new StepRefused('batch-step-out-of-order');
      const lines = await trx.selectFrom('batch_lines').select('line_id').where('batch_id', '=', batch.id).execute();
      const refused = await recordTransferOps(
        trx,
        opContext(actor),
        'payment.transfer-cancel',
        lines.map((l) => ({ lineId: l.line_id, payload: { batchId: batch.id, note: input.note } })),
      );
      if (refused.length > 0) throw new StepRefused('batch-lines-changed');
    }
    await trx.updateTable('batch_lines').set({ result: 'cancelled' }).where('batch_id', '=', batch.id).execute();
    await trx.updateTable('batches').set({ status: 'cancelled' }).where('id', '=', batch.id).execute();
    await logBatchEvent(trx, batch.id, actor, 'cancel', input.note.normalize('NFC'));
    return { batchId: batch.id };
  });
}

/** Closes an exported batch: every line paid or failed, sent = paid + failed, to the đồng. */
export function closeBatch(db: Kysely<Database>, actor: Actor, batchId: string): StepResult {
  return runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.prepare', batch.commune_code)) throw new StepRefused('forbidden');
    if (batch.status !== 'exported') throw new StepRefused('batch-step-out-of-order');
    const balance = await batchBalance(trx, batchId);
    if (balance.waiting.lines > 0 || !balances(balance)) throw new StepRefused('batch-not-balanced');
    await trx.updateTable('batches').set({ status: 'closed' }).where('id', '=', batchId).execute();
    const equation = `${balance.sent.amount} = ${balance.paid.amount} + ${balance.failed.amount}`;
    await logBatchEvent(trx, batchId, actor, 'close', equation);
    return { batchId };
  });
}
