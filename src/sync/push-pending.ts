/** Sends the outbox in seq order, in batches of at most 500 ops and 2 MiB (SYNC.md "Push"). */
import { PUSH_MAX_BYTES, PUSH_MAX_OPS } from '../protocol/push';
import type { AppDb, OutboxRow } from '../storage/app-db';
import { applyPushResults, lastSeq, notePushFailure, pendingOps } from '../storage/outbox';
import { TransportError, type Transport } from './transport';

export type PushSummary = { sent: number; done: number; conflicts: number; rejected: number };

/** Room for the envelope around the ops (protocol, deviceId, lastSeq, brackets). */
const BODY_OVERHEAD = 256;
const encoder = new TextEncoder();

/** The longest prefix of `ops` whose JSON fits in the body limit; at least one op. */
export function takeBatch(ops: readonly OutboxRow[], maxBytes = PUSH_MAX_BYTES): OutboxRow[] {
  const batch: OutboxRow[] = [];
  let bytes = BODY_OVERHEAD;
  for (const op of ops) {
    const size = encoder.encode(JSON.stringify(op.envelope)).length + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(op);
    bytes += size;
  }
  return batch;
}

export async function pushPending(options: {
  db: AppDb;
  transport: Transport;
  token: string;
  deviceId: string;
  onBatch?: (summary: PushSummary) => void;
}): Promise<PushSummary> {
  const { db, transport, token, deviceId } = options;
  const summary: PushSummary = { sent: 0, done: 0, conflicts: 0, rejected: 0 };
  for (;;) {
    const batch = takeBatch(await pendingOps(db, PUSH_MAX_OPS));
    if (batch.length === 0) return summary;
    let answer;
    try {
      await uploadBlobsOf(db, transport, token, batch);
      answer = await transport.push(token, {
        deviceId,
        lastSeq: await lastSeq(db),
        ops: batch.map((op) => op.envelope),
      });
    } catch (e) {
      // The same ops (same ids) go again on the next attempt, so nothing can double.
      await notePushFailure(db, batch, e instanceof TransportError ? e.code : 'unexpected');
      throw e;
    }
    await applyPushResults(db, batch, answer.results);
    summary.sent += batch.length;
    for (const r of answer.results) {
      const status = r.status === 'duplicate' ? r.code : r.status;
      if (status === 'conflict') summary.conflicts++;
      else if (status === 'rejected') summary.rejected++;
      else summary.done++;
    }
    options.onBatch?.(summary);
    // Ops the server did not answer stay pending; stop rather than resend them in a loop.
    const ids = new Set(batch.map((op) => op.id));
    if (!answer.results.some((r) => ids.has(r.id))) return summary;
  }
}

/** Blob hashes an op refers to (signature, photo). */
function blobHashes(op: OutboxRow): string[] {
  const payload = op.envelope['payload'] as Record<string, unknown> | undefined;
  return [payload?.['signature'], payload?.['photo']].filter((h): h is string => typeof h === 'string');
}

/** Evidence goes up before the ops that refer to it (SYNC.md "Blobs"); PUT is idempotent. */
async function uploadBlobsOf(
  db: AppDb,
  transport: Transport,
  token: string,
  batch: readonly OutboxRow[],
): Promise<void> {
  const hashes = [...new Set(batch.flatMap(blobHashes))];
  if (hashes.length === 0) return;
  const blobs = await db.blobs.bulkGet(hashes);
  for (const blob of blobs) {
    if (!blob || blob.uploaded === 1) continue;
    await transport.putBlob(token, blob.hash, blob.type, blob.bytes);
    await db.blobs.update(blob.hash, { uploaded: 1 });
  }
}
