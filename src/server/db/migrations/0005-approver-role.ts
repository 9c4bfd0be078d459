/**
 * A fifth role, `approver` (issue 11: the competent person approves a monthly list that someone
 * else prepared). The users table's CHECK on `role` must admit it. PostgreSQL alters the
 * constraint; SQLite cannot alter a CHECK, so the table is rebuilt the way SQLite documents it
 * (https://sqlite.org/lang_altertable.html, "other kinds of table schema changes"): foreign keys
 * off, a new table, the rows copied, the old one dropped, the new one renamed. Kysely runs SQLite
 * migrations outside a transaction, so the pragma takes effect; the steps run in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

const withApprover = sql`role in ('admin', 'supervisor', 'officer', 'payer', 'approver')`;
const withoutApprover = sql`role in ('admin', 'supervisor', 'officer', 'payer')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await setRoleCheck(db, withApprover);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setRoleCheck(db, withoutApprover);
}

async function setRoleCheck(db: Kysely<unknown>, check: ReturnType<typeof sql>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table users drop constraint if exists users_role_check`.execute(db);
    await sql`alter table users add constraint users_role_check check (${check})`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    await db.schema
      .createTable('users_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(check))
      .addColumn('communes', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`insert into users_rebuilt (id, username, display_name, role, communes, password_hash, created_at, disabled)
      select id, username, display_name, role, communes, password_hash, created_at, disabled from users`.execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_rebuilt rename to users`.execute(db);
    // Nothing may point at a user that is not there (the copy kept every id).
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
