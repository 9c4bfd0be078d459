/**
 * `GET /api/batches/{id}/file` (docs/protocol.md "Batches"): the file of an approved batch. The
 * first download sends the batch: in one transaction each line gets its `payment.transfer-send`
 * op (`transferred`: sent, waiting), and the file's bytes are kept. Every later download is the
 * same bytes, so nothing is sent twice by accident. If any line changed since the batch was
 * prepared (paid in cash, withdrawn), nothing is sent and the batch must be prepared again.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BatchLine, BatchTemplate } from '../../domain/batch-template';
import { err, ok, type Result } from '../../lib/result';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { lockKey } from '../db/dialect';
import { isMonthClosed, monthLock } from '../months/month-close';
import { batchFile, batchFileName } from './batch-file';
import { StepRefused, lockedBatch, logBatchEvent, opContext, runStep, type Actor, type Batch } from './batch-store';
import { recordTransferOps } from './transfer-ops';

export type BatchFile = { bytes: Uint8Array; fileName: string; contentType: string };

const contentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

export async function downloadBatch(
  db: Kysely<Database>,
  actor: Actor,
  batchId: string,
): Promise<Result<BatchFile, RequestErrorCode>> {
  // The file is made before the step's transaction, which then only sends: an approved batch's
  // lines never change, and a province's file takes seconds and memory to write.
  const before = await db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  const made = before?.status === 'approved' && before.file_bytes === null ? await makeFile(db, before) : undefined;
  const result = await runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.export', batch.commune_code)) throw new StepRefused('forbidden');
    const template = JSON.parse(batch.template) as BatchTemplate;
    const contentType = contentTypes[template.fileType];
    if (batch.status === 'cancelled') throw new StepRefused('batch-step-out-of-order');
    // Sent already: the same file again.
    if (batch.file_bytes !== null && batch.file_name !== null)
      return { bytes: new Uint8Array(batch.file_bytes), fileName: batch.file_name, contentType };
    if (batch.status !== 'approved') throw new StepRefused('batch-step-out-of-order');
    // A close of the month waits for the send, or the send sees the month closed.
    await lockKey(trx, monthLock(batch.commune_code, batch.period));
    if (await isMonthClosed(trx, batch.commune_code, batch.period)) throw new StepRefused('period-closed');

    const { rows, bytes, fileName } = made ?? (await makeFile(trx, batch));
    const refused = await recordTransferOps(
      trx,
      opContext(actor),
      'payment.transfer-send',
      rows.map((r) => ({
        lineId: r.line_id,
        payload: { batchId: batch.id, providerId: batch.provider_id, reference: r.reference, amount: Number(r.amount) },
      })),
    );
    if (refused.length > 0) throw new StepRefused('batch-lines-changed');
    await trx
      .updateTable('batches')
      .set({
        status: 'exported',
        exported_at: actor.now,
        file_bytes: bytes,
        file_name: fileName,
        file_hash: createHash('sha256').update(bytes).digest('hex'),
      })
      .where('id', '=', batch.id)
      .execute();
    await logBatchEvent(trx, batch.id, actor, 'export', `${rows.length} dòng`);
    return { bytes, fileName, contentType };
  });
  return result.ok ? ok(result.value) : err(result.error);
}

/** The batch's lines and its file, as the template it was prepared with makes it. */
async function makeFile(db: Kysely<Database>, batch: Batch) {
  const template = JSON.parse(batch.template) as BatchTemplate;
  const rows = await db
    .selectFrom('batch_lines')
    .select(['line_id', 'reference', 'amount', 'data'])
    .where('batch_id', '=', batch.id)
    .orderBy('row')
    .execute();
  const bytes = batchFile(
    template,
    rows.map((r) => JSON.parse(r.data) as BatchLine),
    batch.period,
  );
  return { rows, bytes, fileName: batchFileName(batch.reference, template) };
}
