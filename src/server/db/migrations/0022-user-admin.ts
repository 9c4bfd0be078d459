/**
 * Users on screen (issue 14): a sixth role, `monitoring` (reads reports, nothing else), and what
 * the admins' users screen needs. `must_change_password` (0/1): the user's next sign-in may only
 * set a new password (docs/protocol.md "Auth"). `scope` (JSON): what an admin chose — some
 * communes, a whole former district or the province — while `communes` stays the expanded list of
 * commune codes the rest of the server reads. Existing users' scope is their communes. `tokens`
 * gets an index by user: disabling a user ends every token of theirs at once.
 *
 * The CHECK on `role` changes as in 0005: PostgreSQL alters the constraint, SQLite rebuilds the
 * table (foreign keys off, the rows copied, the old table dropped, the new one renamed).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

const withMonitoring = sql`role in ('admin', 'supervisor', 'officer', 'payer', 'approver', 'monitoring')`;
const withoutMonitoring = sql`role in ('admin', 'supervisor', 'officer', 'payer', 'approver')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table users drop constraint if exists users_role_check`.execute(db);
    await sql`alter table users add constraint users_role_check check (${withMonitoring})`.execute(db);
    await sql`alter table users add column must_change_password integer not null default 0`.execute(db);
    await sql`alter table users add column scope text`.execute(db);
  } else {
    await rebuildSqliteUsers(db, withMonitoring, true);
  }
  await sql`update users set scope = '{"kind":"communes","codes":' || communes || '}'`.execute(db);
  await db.schema.createIndex('tokens_user').on('tokens').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tokens_user').execute();
  if (isPostgres(db)) {
    await sql`alter table users drop column scope`.execute(db);
    await sql`alter table users drop column must_change_password`.execute(db);
    await sql`alter table users drop constraint if exists users_role_check`.execute(db);
    await sql`alter table users add constraint users_role_check check (${withoutMonitoring})`.execute(db);
    return;
  }
  await rebuildSqliteUsers(db, withoutMonitoring, false);
}

/** The users table with `check` on its role, with or without the columns this migration adds. */
async function rebuildSqliteUsers(db: Kysely<unknown>, check: ReturnType<typeof sql>, withNew: boolean): Promise<void> {
  const kept = sql`id, username, display_name, role, communes, password_hash, created_at, disabled`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    let table = db.schema
      .createTable('users_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(check))
      .addColumn('communes', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0));
    if (withNew) {
      table = table
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('scope', 'text');
    }
    await table.execute();
    await sql`insert into users_rebuilt (${kept}) select ${kept} from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_rebuilt rename to users`.execute(db);
    const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`foreign keys broken by the users rebuild: ${broken.rows.length}`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
