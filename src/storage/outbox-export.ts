/**
 * A file of the device's unsent operations (and the evidence they refer to), so a broken tablet
 * does not lose the day's payments: a supervisor can send the file from another device.
 */
import type { AppDb } from './app-db';
import { toBase64 } from './base64';

export const OUTBOX_EXPORT_FORMAT = 'chitra-outbox';

export type OutboxExport = {
  format: typeof OUTBOX_EXPORT_FORMAT;
  version: 1;
  deviceId: string | null;
  exportedAt: string;
  /** docs/protocol.md envelopes, exactly as they would be pushed (same ids: importing twice is harmless). */
  ops: Record<string, unknown>[];
  /** Evidence not yet on the server, base64. */
  blobs: { hash: string; type: string; base64: string }[];
};

/** What an export holds, to check at wipe time that nothing was added since (`wipeAfterExport`). */
export type ExportedSet = { opIds: string[]; blobHashes: string[] };

/** The export, and the op ids and blob hashes in it, read in one transaction. */
export async function exportUnsent(db: AppDb, now: number): Promise<{ file: OutboxExport; exported: ExportedSet }> {
  return db.transaction('r', [db.outbox, db.blobs, db.kv], async () => {
    const ops = await db.outbox.where('state').anyOf('pending', 'rejected').sortBy('seq');
    // Not yet on the server, or refused by it (kept as the only copy of that evidence).
    const blobs = await db.blobs.where('uploaded').anyOf(0, 2).toArray();
    const deviceId = (await db.kv.get('deviceId'))?.value;
    const file: OutboxExport = {
      format: OUTBOX_EXPORT_FORMAT,
      version: 1,
      deviceId: typeof deviceId === 'string' ? deviceId : null,
      exportedAt: new Date(now).toISOString(),
      ops: ops.map((o) => o.envelope),
      blobs: blobs.map((b) => ({ hash: b.hash, type: b.type, base64: toBase64(b.bytes) })),
    };
    return { file, exported: { opIds: ops.map((o) => o.id), blobHashes: blobs.map((b) => b.hash) } };
  });
}

export async function exportUnsentOps(db: AppDb, now: number): Promise<OutboxExport> {
  return (await exportUnsent(db, now)).file;
}
