/**
 * Writes what a PostgreSQL commit group held back (group-state.ts): its entity rows in one
 * upsert and its op log rows in one insert. Anything unexpected here (an op id another
 * request recorded first, a row the database refuses) cannot be laid at one op's door, so the
 * group is undone and run again writing op by op (push-group-pg.ts), which answers it as always.
 */
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../lib/app-error';
import { chunks } from '../db/chunks';
import type { RunStatement } from '../db/statement-hook';
import type { Database } from '../db/schema';
import type { HeldBack } from './group-state';

/** Thrown to undo the whole group and run it again without holding writes back. */
export class RedoUnbuffered extends AppError<'redo-unbuffered'> {
  override name = 'RedoUnbuffered';
  constructor(message: string, cause?: unknown) {
    super('redo-unbuffered', message, { cause });
  }
}

/** Rows per statement, each sent as one JSON parameter (a few MB at most). */
const ROWS = 1000;

const opColumns = sql.join(
  [
    'op_id',
    'device_id',
    'user_id',
    'seq',
    'type',
    'entity_id',
    'recorded_at',
    'received_at',
    'envelope',
    'status',
    'code',
    'detail',
    'version',
    'imported_by',
  ].map((c) => sql.ref(c)),
);

/**
 * Rows go as one JSON array per statement, read by `json_populate_recordset` into the table's
 * row type: one parameter instead of 8 or 14 per row, which the server would build and send.
 */
export async function writeHeldBack(trx: Transaction<Database>, run: RunStatement, held: HeldBack): Promise<void> {
  try {
    for (const part of chunks(held.entities, ROWS)) {
      // The rows exist and the group has them locked: each is set as the group decided it.
      const { numAffectedRows } = await run(
        sql`update entities set
              version = r.version, change_seq = r.change_seq, commune_code = r.commune_code,
              deleted = r.deleted, data = r.data, updated_at = r.updated_at
            from json_populate_recordset(null::entities, ${JSON.stringify(part)}::json) as r
            where entities.entity = r.entity and entities.id = r.id`.compile(trx),
      );
      if (Number(numAffectedRows) !== part.length) throw new RedoUnbuffered('a held row was not found');
    }
    for (const part of chunks(held.ops, ROWS)) {
      // No conflict target: either unique key (device + op id, device + seq) makes a row a no-op.
      const { rows } = await run(
        sql<{ op_id: string }>`insert into ops (${opColumns})
            select ${opColumns} from json_populate_recordset(null::ops, ${JSON.stringify(part)}::json)
            on conflict do nothing returning op_id`.compile(trx),
      );
      if (rows.length !== part.length) throw new RedoUnbuffered('an op of the group was recorded by another request');
    }
  } catch (error) {
    throw error instanceof RedoUnbuffered ? error : new RedoUnbuffered('writing the held-back rows failed', error);
  }
}
