/**
 * Users, devices, tokens, login failures, settings and the sync store. Portable SQL only:
 * instants are bigint epoch ms, flags 0/1 integers, JSON is text, so the same migration
 * runs on SQLite and PostgreSQL without branching on the dialect.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'supervisor', 'officer', 'payer')`))
    .addColumn('communes', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'retired', 'revoked')`))
    .addColumn('last_seq_reported', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('max_seq_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_seen_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_user').on('devices').column('user_id').execute();

  await db.schema
    .createTable('tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('tokens_device').on('tokens').column('device_id').execute();

  // Kept in the database, not in memory, so the limit holds across server copies.
  await db.schema
    .createTable('login_failures')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_username_at').on('login_failures').columns(['username', 'at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  // Signs pull cursors. Created once and shared through the database by every server copy.
  await sql`insert into settings (key, value) values (${'cursor_secret'}, ${randomBytes(32).toString('base64url')})`.execute(
    db,
  );

  await db.schema
    .createTable('entities')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    // The unique constraint is also the (change_seq) index that a pull of global rows uses.
    .addColumn('change_seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('entities_pk', ['entity', 'id'])
    .execute();
  await db.schema.createIndex('entities_commune_seq').on('entities').columns(['commune_code', 'change_seq']).execute();

  // One row; `UPDATE … RETURNING` inside the writing transaction allocates change sequences.
  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into change_counter (id, value) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['change_counter', 'entities', 'settings', 'login_failures', 'tokens', 'devices', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
