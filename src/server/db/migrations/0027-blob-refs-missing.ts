/**
 * Migration 0020 named only the blobs already stored. An op applied before 0020 whose evidence
 * had not arrived (a `missing_blobs` row) waits for it too: its hash gets a reference, so the
 * bytes go past the quota and are never swept when they come. Portable SQL.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into blob_refs (sha256, device_id, op_id)
    select distinct sha256, '', op_id from missing_blobs
    where not exists (select 1 from blob_refs r where r.sha256 = missing_blobs.sha256 and r.device_id = '' and r.op_id = missing_blobs.op_id)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  // The references stay: they are what 0020 should have written.
}
