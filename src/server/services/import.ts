/**
 * Import of another device's outbox file (docs/protocol.md "Storage safety"): when a tablet breaks, a
 * supervisor or admin sends the file the officer exported, and its ops go through the push
 * pipeline as if the device had pushed them. Idempotency is the op id's, as for a push: a file
 * imported twice, or ops that also arrived from the device, answer `duplicate`.
 *
 * Each op is authorised against the device's user (role and communes) narrowed to the importer's
 * communes, so an import never lets anyone act beyond either of them.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { BLOB_MAX_BYTES } from '../../protocol/blobs';
import type { OutboxFile } from '../../protocol/import';
import type { PushResponse } from '../../protocol/push';
import type { Database } from '../db/schema';
import { putBlob } from './blobs';
import { isRecord } from './data-fields';
import { claimableSeq } from './push-op';
import { applyOps, type PushDeps } from './push';
import { toWireUser } from './users';
import { can, mayActOn, sharedCommunes } from '../../protocol/permissions';

export type ImportError = 'forbidden' | 'not-found' | 'device-active';

export type ImportOutcome = PushResponse & { blobsStored: number; blobsSkipped: number };

export async function importOutbox(
  db: Kysely<Database>,
  importer: User,
  file: OutboxFile,
  deps: PushDeps,
): Promise<Result<ImportOutcome, ImportError>> {
  if (!can(importer, 'ops.import')) return err('forbidden');
  const device = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.id',
      'devices.status',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.communes',
    ])
    .where('devices.id', '=', file.deviceId)
    .executeTakeFirst();
  if (!device) return err('not-found');
  const owner = toWireUser({ ...device, id: device.user_id });
  const shared = sharedCommunes(importer, owner.communes);
  if (shared.length === 0 || !mayActOn(importer, owner)) return err('forbidden');
  // Only a device taken out of use: an active tablet sends its own ops, and an import beside it
  // would race its pushes.
  if (device.status === 'active') return err('device-active');

  // Evidence first, so the ops that refer to it are not flagged as missing a blob.
  let blobsStored = 0;
  let blobsSkipped = 0;
  const named = namedByOps(file.ops);
  for (const blob of file.blobs) {
    const bytes = named.has(blob.hash) ? decodeBase64(blob.base64) : null;
    const stored =
      bytes !== null &&
      (
        await putBlob(db, {
          sha256: blob.hash,
          contentType: blob.type,
          bytes,
          userId: owner.id,
          now: deps.clock.now(),
          // The file's blobs are those its ops name: no quota, and none kept unnamed.
          policy: null,
        })
      ).ok;
    if (stored) blobsStored++;
    else blobsSkipped++;
  }

  const seqs = file.ops.map((op) => claimableSeq(op, device.id) ?? 0);
  const answer = await applyOps(
    db,
    {
      user: { ...owner, communes: shared },
      deviceId: device.id,
      ops: file.ops,
      // The file shows these seqs were made on the device; the stored value only ever grows.
      lastSeq: seqs.reduce((a, b) => Math.max(a, b), 0),
      importedBy: importer.id,
    },
    deps,
  );
  return ok({ ...answer, blobsStored, blobsSkipped });
}

/** The blob hashes the file's ops name (signature, photo). */
function namedByOps(ops: readonly unknown[]): Set<string> {
  const named = new Set<string>();
  for (const op of ops) {
    const payload = isRecord(op) ? op['payload'] : undefined;
    if (!isRecord(payload)) continue;
    for (const field of ['signature', 'photo']) {
      const hash = payload[field];
      if (typeof hash === 'string') named.add(hash);
    }
  }
  return named;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

/** Strict base64 within the blob size limit; null otherwise (the blob is skipped). */
function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text) || (text.length / 4) * 3 > BLOB_MAX_BYTES + 2) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.byteLength > 0 ? new Uint8Array(bytes) : null;
}
