/**
 * Closes the two ways around the op log's append-only triggers (migration 0004; issue 13, finding
 * 8): on SQLite, `INSERT OR REPLACE` resolves a key conflict by deleting the old row without
 * firing delete triggers, so an insert whose op id (or device and seq) is taken is now ignored
 * before it starts — the same answer as the `ON CONFLICT DO NOTHING` the server uses. On
 * PostgreSQL, `TRUNCATE` fires no row trigger: a statement trigger refuses it.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create trigger ops_no_truncate before truncate on ops
      for each statement execute function ops_append_only()`.execute(db);
    return;
  }
  await sql`
    create trigger ops_no_replace before insert on ops
    when exists (select 1 from ops where op_id = new.op_id)
      or (new.seq is not null and exists (select 1 from ops where device_id = new.device_id and seq = new.seq))
    begin select raise(ignore); end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger ops_no_truncate on ops`.execute(db);
    return;
  }
  await sql`drop trigger ops_no_replace`.execute(db);
}
