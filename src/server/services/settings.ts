/** Server settings kept in the database (shared by every server copy). */
import type { Kysely } from 'kysely';
import { must } from '../../lib/assert';
import type { Database } from '../db/schema';

export async function readCursorSecret(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'cursor_secret').executeTakeFirst();
  return must(row, 'cursor_secret is missing: was the database migrated?').value;
}
