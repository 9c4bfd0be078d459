/**
 * The op log is append-only (docs/protocol.md "What the server stores"): every op and its first outcome
 * stay as they arrived, and a replay is answered from them. The code never changes a row; this
 * makes the database refuse it too, so no later bug or hand-written statement can rewrite history.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function ops_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'ops is append-only: % refused', tg_op;
      end;
      $$`.execute(db);
    await sql`
      create trigger ops_append_only before update or delete on ops
      for each row execute function ops_append_only()`.execute(db);
    return;
  }
  await sql`
    create trigger ops_no_update before update on ops
    begin select raise(abort, 'ops is append-only: UPDATE refused'); end`.execute(db);
  await sql`
    create trigger ops_no_delete before delete on ops
    begin select raise(abort, 'ops is append-only: DELETE refused'); end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger ops_append_only on ops`.execute(db);
    await sql`drop function ops_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger ops_no_update`.execute(db);
  await sql`drop trigger ops_no_delete`.execute(db);
}
