/**
 * Op ids are a device's own (issue 13, finding 3): the op log is keyed by (device, op id), so
 * another device's op with the same id is a different op, never taken for a replay. An index on
 * the op id alone keeps lookups by op (conflicts, provenance). SQLite cannot change a primary
 * key, so the table is rebuilt with its rows, indexes and append-only triggers (the insert
 * trigger of migration 0015 now looks at the device's ids). Portable where it can be.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

const columns = sql.raw(
  'op_id, device_id, user_id, seq, type, entity_id, recorded_at, received_at, envelope, status, code, detail, version, imported_by',
);

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table ops drop constraint ops_pkey`.execute(db);
    await sql`alter table ops add primary key (device_id, op_id)`.execute(db);
    await sql`create index ops_op_id on ops (op_id)`.execute(db);
    return;
  }
  await sql`
    create table ops_new (
      op_id text not null,
      device_id text not null,
      user_id text not null,
      seq bigint,
      type text,
      entity_id text,
      recorded_at text,
      received_at bigint not null,
      envelope text not null,
      status text not null check (status in ('applied', 'conflict', 'rejected')),
      code text,
      detail text,
      version integer,
      imported_by text,
      primary key (device_id, op_id)
    )`.execute(db);
  await sql`insert into ops_new (${columns}) select ${columns} from ops`.execute(db);
  await sql`drop table ops`.execute(db);
  await sql`alter table ops_new rename to ops`.execute(db);
  await sql`create unique index ops_device_seq on ops (device_id, seq)`.execute(db);
  await sql`create index ops_entity on ops (entity_id)`.execute(db);
  await sql`create index ops_op_id on ops (op_id)`.execute(db);
  await sql`
    create trigger ops_no_update before update on ops
    begin select raise(abort, 'ops is append-only: UPDATE refused'); end`.execute(db);
  await sql`
    create trigger ops_no_delete before delete on ops
    begin select raise(abort, 'ops is append-only: DELETE refused'); end`.execute(db);
  await sql`
    create trigger ops_no_replace before insert on ops
    when exists (select 1 from ops where device_id = new.device_id and op_id = new.op_id)
      or (new.seq is not null and exists (select 1 from ops where device_id = new.device_id and seq = new.seq))
    begin select raise(ignore); end`.execute(db);
}

export function down(): Promise<void> {
  // Two devices may now hold one op id: the old key could not take the rows back.
  return Promise.reject(new Error('0017-ops-per-device cannot be undone'));
}
