/**
 * Blobs (docs/protocol.md "Blobs"): signatures and photos stored by their SHA-256. An op may arrive
 * before its blob; the op is applied anyway and the hash is recorded as missing, on the entity
 * (`missingBlobs`, pulled by devices) and in `missing_blobs`, until the bytes arrive.
 */
import { createHash } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from '../db/dialect';
import { err, ok, type Result } from '../../lib/result';
import { z } from 'zod';
import { blobHashSchema, blobMediaTypes, missingBlobSchema, type BlobMediaType } from '../../protocol/blobs';
import type { Database, MissingBlobsTable } from '../db/schema';
import { isRecord } from './data-fields';
import { getEntityForUpdate, putEntities } from './entity-store';

const missingListSchema = z.array(missingBlobSchema);

/**
 * Unreferenced blobs (issue 13): a user may hold at most `quotaBytes` of blobs that no recorded op
 * names, and such a blob is dropped `graceMs` after it arrived. A device uploads a batch's
 * evidence just before pushing its ops, so an honest blob is unreferenced for seconds.
 */
export type BlobPolicy = { quotaBytes: number; graceMs: number };
export const defaultBlobPolicy: BlobPolicy = { quotaBytes: 64 * 1024 * 1024, graceMs: 7 * 24 * 60 * 60 * 1000 };

export type PutBlobInput = {
  sha256: string;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  bytes: Uint8Array;
  userId: string;
  now: number;
  /** Null for an outbox import: its blobs are those its ops name (services/import.ts). */
  policy: BlobPolicy | null;
};
export type PutBlobError = 'invalid-blob-hash' | 'blob-type-not-allowed' | 'blob-hash-mismatch' | 'blob-quota-exceeded';

/** Stores a blob. Idempotent: the same bytes again are a success that changes nothing. */
export async function putBlob(
  db: Kysely<Database>,
  input: PutBlobInput,
): Promise<Result<{ size: number; created: boolean }, PutBlobError>> {
  if (!blobHashSchema.safeParse(input.sha256).success) return err('invalid-blob-hash');
  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase();
  const declared = blobMediaTypes.find((t) => t === mediaType);
  // The declared type must match the bytes, so a blob shown later as an image is an image.
  if (!declared || sniff(input.bytes) !== declared) return err('blob-type-not-allowed');
  if (createHash('sha256').update(input.bytes).digest('hex') !== input.sha256) return err('blob-hash-mismatch');
  if (input.policy && sweepDue(db, input.now)) await sweepUnreferencedBlobs(db, input.now, input.policy.graceMs);
  const policy = input.policy;
  const stored = await db.transaction().execute(async (trx) => {
    // One upload at a time per user (PostgreSQL; SQLite has one writer): the quota's sum and the
    // insert see each other, so parallel uploads cannot all pass it.
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${QUOTA_LOCK}, hashtext(${input.userId}))`.execute(trx);
    if (policy && !(await mayStore(trx, input.sha256, input.bytes.byteLength, input.userId, policy.quotaBytes)))
      return null;
    return insertBlob(trx, input, declared);
  });
  if (stored === null) return err('blob-quota-exceeded');
  // Also on a repeat: a previous upload may have stored the bytes and then failed before this.
  await clearMissingBlob(db, input.sha256, input.now);
  return ok({ size: input.bytes.byteLength, created: stored.created });
}

/** The sweep runs at most once a minute per server process and database, not on every upload. */
const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<object, number>();
function sweepDue(db: Kysely<Database>, now: number): boolean {
  const last = lastSweep.get(db);
  if (last !== undefined && now - last < SWEEP_EVERY_MS) return false;
  lastSweep.set(db, now);
  return true;
}

/** Advisory lock keys (PostgreSQL): a user's uploads, and the sweep against ops naming blobs. */
const QUOTA_LOCK = 0x626c6f62; // 'blob'
const SWEEP_LOCK = 0x73776570; // 'swep'

async function insertBlob(
  trx: Kysely<Database>,
  input: PutBlobInput,
  contentType: BlobMediaType,
): Promise<{ created: boolean }> {
  const inserted = await trx
    .insertInto('blobs')
    .values({
      sha256: input.sha256,
      content_type: contentType,
      bytes: input.bytes,
      size: input.bytes.byteLength,
      received_at: input.now,
      user_id: input.userId,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('sha256')
    .executeTakeFirst();
  return { created: inserted !== undefined };
}

/**
 * Taken (shared) by an op that names blobs, before it looks for them; the sweep takes it alone.
 * So no sweep runs between an op finding its blob and the op's `blob_refs` committing (PostgreSQL;
 * SQLite runs one writer at a time).
 */
export async function holdSweepOff(trx: Kysely<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock_shared(${SWEEP_LOCK})`.execute(trx);
}

/**
 * Whether a new blob fits: one already stored, or named by an op, always does; otherwise the
 * user's unreferenced bytes plus these must fit the quota. Called under the user's upload lock.
 */
async function mayStore(
  db: Kysely<Database>,
  sha256: string,
  size: number,
  userId: string,
  quotaBytes: number,
): Promise<boolean> {
  const stored = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  if (stored || (await isReferenced(db, sha256))) return true;
  const row = await db
    .selectFrom('blobs')
    .select((eb) => eb.fn.sum<number | string | null>('size').as('bytes'))
    .where('user_id', '=', userId)
    .where((eb) => eb.not(eb.exists(unnamed(eb))))
    .executeTakeFirst();
  return Number(row?.bytes ?? 0) + size <= quotaBytes;
}

/** The `blob_refs` rows naming the blob of the outer query (empty: nobody names it). */
const unnamed = (eb: ExpressionBuilder<Database, 'blobs'>) =>
  eb.selectFrom('blob_refs').select('blob_refs.sha256').whereRef('blob_refs.sha256', '=', 'blobs.sha256');

async function isReferenced(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const ref = await db.selectFrom('blob_refs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return ref !== undefined;
}

/** Drops the blobs no op has named since they arrived, `graceMs` ago or more. */
export async function sweepUnreferencedBlobs(db: Kysely<Database>, now: number, graceMs: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Alone: no op that names blobs is between finding one and recording its name.
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${SWEEP_LOCK})`.execute(trx);
    const result = await trx
      .deleteFrom('blobs')
      .where('received_at', '<', now - graceMs)
      .where((eb) => eb.not(eb.exists(unnamed(eb))))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/** Records that an op names these blobs (each op's signature and photo), so they are kept. */
export async function recordBlobRefs(
  trx: Transaction<Database>,
  ref: { deviceId: string; opId: string },
  hashes: readonly string[],
): Promise<void> {
  if (hashes.length === 0) return;
  await trx
    .insertInto('blob_refs')
    .values([...new Set(hashes)].map((sha256) => ({ sha256, device_id: ref.deviceId, op_id: ref.opId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

function sniff(bytes: Uint8Array): BlobMediaType | undefined {
  const starts = (sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** The hashes among `hashes` whose bytes the server does not have. */
export async function missingHashes(db: Kysely<Database>, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const present = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('sha256', 'in', [...hashes])
    .execute();
  const have = new Set(present.map((r) => r.sha256));
  return [...new Set(hashes)].filter((h) => !have.has(h));
}

export async function recordMissingBlobs(
  trx: Transaction<Database>,
  rows: readonly MissingBlobsTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('missing_blobs')
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Takes a blob that has arrived off every entity that waits for it, one entity per transaction,
 * under the entity's row lock (the lock payment ops take), so a concurrent op on the line is not lost.
 *
 * Called after the blob is committed, and again by the push path after an op that flagged a
 * blob commits. Between them every interleaving is covered: if this pass could not see the
 * op's missing row yet, the op committed after the blob and its own re-check finds the bytes.
 */
export async function clearMissingBlob(db: Kysely<Database>, sha256: string, now: number): Promise<number> {
  const waiting = await db
    .selectFrom('missing_blobs')
    .select(['entity', 'entity_id'])
    .where('sha256', '=', sha256)
    .groupBy(['entity', 'entity_id'])
    .execute();
  for (const { entity, entity_id } of waiting) {
    await db.transaction().execute(async (trx) => {
      const stored = await getEntityForUpdate(trx, entity, entity_id);
      const data = stored?.data;
      const listed = isRecord(data) ? missingListSchema.safeParse(data['missingBlobs']) : undefined;
      if (stored && !stored.deleted && isRecord(data) && listed?.success) {
        const after = listed.data.filter((m) => m.sha256 !== sha256);
        if (after.length !== listed.data.length) {
          await putEntities(
            trx,
            [{ entity, id: entity_id, communeCode: stored.communeCode, data: { ...data, missingBlobs: after } }],
            { now },
          );
        }
      }
      await trx
        .deleteFrom('missing_blobs')
        .where('sha256', '=', sha256)
        .where('entity', '=', entity)
        .where('entity_id', '=', entity_id)
        .execute();
    });
  }
  return waiting.length;
}
