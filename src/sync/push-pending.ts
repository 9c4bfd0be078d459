/** Sends the outbox in seq order, in batches of at most 500 ops and 2 MiB (docs/protocol.md "Push"). */
import { PUSH_MAX_BYTES, PUSH_MAX_OPS } from '../protocol/push';
import type { AppDb, BlobRow, OutboxRow } from '../storage/app-db';
import { applyPushResults, lastSeq, notePushFailure } from '../storage/outbox';
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

/**
 * Unanswered ops, oldest first. With `actorId`, only that user's: the server rejects for good
 * (`forbidden`) an op whose actor is not the token's user, so another user's ops wait on the
 * device for their author to sign in again (sign-in.ts refuses that case; this is the backstop).
 */
function pendingBatchCandidates(db: AppDb, actorId: string | undefined): Promise<OutboxRow[]> {
  const pending = db.outbox.where('state').equals('pending');
  // Index entries with equal keys are ordered by primary key, here seq.
  const mine = actorId === undefined ? pending : pending.filter((op) => op.envelope['actorId'] === actorId);
  return mine.limit(PUSH_MAX_OPS).toArray();
}

export async function pushPending(options: {
  db: AppDb;
  transport: Transport;
  token: string;
  deviceId: string;
  /** The token's user: only their ops are sent (see `pendingBatchCandidates`). */
  actorId?: string;
  onBatch?: (summary: PushSummary) => void | Promise<void>;
}): Promise<PushSummary> {
  const summary = await pushBatches(options);
  await uploadWaitingBlobs(options.db, options.transport, options.token);
  return summary;
}

async function pushBatches(options: Parameters<typeof pushPending>[0]): Promise<PushSummary> {
  const { db, transport, token, deviceId } = options;
  const summary: PushSummary = { sent: 0, done: 0, conflicts: 0, rejected: 0 };
  for (;;) {
    const batch = takeBatch(await pendingBatchCandidates(db, options.actorId));
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
    await options.onBatch?.(summary);
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

/**
 * The server refused these bytes for good: too large (413), or not what they claim to be (400:
 * hash mismatch, bad hash, type not allowed). Sending them again cannot succeed. Anything else
 * (network, 401, 409, 429, 5xx) concerns the request, not the blob, and stops the batch.
 */
const refusedBlobCodes: ReadonlySet<string> = new Set([
  'payload-too-large',
  'invalid-blob-hash',
  'blob-hash-mismatch',
  'blob-type-not-allowed',
]);
function isRefusedBlob(e: unknown): e is TransportError {
  // By the server's code, not the status: a proxy's bare 400 or 413 says nothing about the bytes.
  return e instanceof TransportError && refusedBlobCodes.has(e.code);
}

/**
 * The user holds too many blobs no op names yet (docs/protocol.md "Blobs"). The blob waits
 * (`uploaded: 0`) and its op goes: once the op is recorded, the blob is named and fits.
 */
const isOverQuota = (e: unknown) => e instanceof TransportError && e.code === 'blob-quota-exceeded';

/** Uploads one blob and records how it went; false when it must wait (over the quota). */
async function uploadBlob(db: AppDb, transport: Transport, token: string, blob: BlobRow): Promise<boolean> {
  try {
    await transport.putBlob(token, blob.hash, blob.type, blob.bytes);
  } catch (e) {
    if (isOverQuota(e)) return false;
    if (!isRefusedBlob(e)) throw e;
    await db.blobs.update(blob.hash, { uploaded: 2 });
    return true;
  }
  await db.blobs.update(blob.hash, { uploaded: 1 });
  return true;
}

/**
 * After the ops: evidence still waiting (over the quota before its op was recorded, or named
 * missing by a pulled line, apply-pull-page.ts) goes up now that its op names it.
 */
async function uploadWaitingBlobs(db: AppDb, transport: Transport, token: string): Promise<void> {
  const waiting = await db.blobs.where('uploaded').equals(0).primaryKeys();
  for (const hash of waiting) {
    const blob = await db.blobs.get(hash);
    if (blob?.uploaded === 0) await uploadBlob(db, transport, token, blob);
  }
}

/**
 * Evidence goes up before the ops that refer to it (docs/protocol.md "Blobs"); PUT is idempotent.
 * A blob the server refuses for good is marked so (`uploaded: 2`, the bytes stay on the device
 * and in an export) and its op still goes: the payment is a fact of cash that changed hands,
 * and the server records the missing evidence on the line for a supervisor. Rejecting the op
 * instead would undo the payment on the tablet and invite paying the person twice.
 * Any other failure throws, and the batch is retried.
 */
async function uploadBlobsOf(
  db: AppDb,
  transport: Transport,
  token: string,
  batch: readonly OutboxRow[],
): Promise<void> {
  const hashes = [...new Set(batch.flatMap(blobHashes))];
  if (hashes.length === 0) return;
  const blobs = await db.blobs.bulkGet(hashes);
  for (const blob of blobs) if (blob?.uploaded === 0) await uploadBlob(db, transport, token, blob);
}
