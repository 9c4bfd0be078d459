/**
 * Writes what a PostgreSQL commit group held back (group-state.ts): its entity rows in one
 * update and its op log rows in one insert. Anything unexpected here (an op id another
 * request recorded first, a row the database refuses) cannot be laid at one op's door, so the
 * group is undone and run again writing op by op (push-group-pg.ts), which answers it as always.
 */
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../lib/app-error';
import { toWellFormed } from '../../lib/well-formed';
import { chunks } from '../db/chunks';
import type { RunStatement } from '../db/statement-hook';
import type { Database, EntitiesTable } from '../db/schema';
import type { HeldBack } from './group-state';
import { opColumns } from './op-log';

/** Thrown to undo the whole group and run it again without holding writes back. */
export class RedoUnbuffered extends AppError<'redo-unbuffered'> {
  override name = 'RedoUnbuffered';
  constructor(message: string, cause?: unknown) {
    super('redo-unbuffered', message, { cause });
  }
}

/** Rows per statement, each sent as one JSON parameter (a few MB at most). */
const ROWS = 1000;

/** An entity row's key: the held-back update finds the row by it. */
const entityKey = ['entity', 'id'] as const satisfies readonly (keyof EntitiesTable)[];

/**
 * Every other column of `entities`: a column added to the table is a type error here until the
 * held-back update sets it (a list written by hand would leave it as it was, silently).
 */
const entityValueColumns: Record<Exclude<keyof EntitiesTable, (typeof entityKey)[number]>, true> = {
  commune_code: true,
  version: true,
  change_seq: true,
  deleted: true,
  data: true,
  updated_at: true,
};

const entitySet = sql.join(Object.keys(entityValueColumns).map((c) => sql`${sql.ref(c)} = ${sql.ref(`r.${c}`)}`));
const entityMatch = sql.join(
  entityKey.map((c) => sql`${sql.ref(`entities.${c}`)} = ${sql.ref(`r.${c}`)}`),
  sql` and `,
);
/** The op log's columns from op-log.ts's checked list: the held-back insert writes each one. */
const opColumnList = sql.join(Object.keys(opColumns).map((c) => sql.ref(c)));

/**
 * The rows as one JSON parameter. Strings are made well-formed first, as the driver's UTF-8
 * encoding makes a plain parameter: `JSON.stringify` would escape a lone surrogate, which
 * PostgreSQL's json refuses, so a row writable op by op must be writable here too.
 */
const rowsJson = (rows: readonly object[]): string =>
  JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? toWellFormed(value) : value));

/**
 * Rows go as one JSON array per statement, read by `json_populate_recordset` into the table's
 * row type: one parameter instead of 8 or 14 per row, which the server would build and send.
 */
export async function writeHeldBack(trx: Transaction<Database>, run: RunStatement, held: HeldBack): Promise<void> {
  try {
    for (const part of chunks(held.entities, ROWS)) {
      // The rows exist and the group has them locked: each is set as the group decided it.
      const { numAffectedRows } = await run(
        sql`update entities set ${entitySet}
            from json_populate_recordset(null::entities, ${rowsJson(part)}::json) as r
            where ${entityMatch}`.compile(trx),
      );
      if (Number(numAffectedRows) !== part.length) throw new RedoUnbuffered('a held row was not found');
    }
    for (const part of chunks(held.ops, ROWS)) {
      // No conflict target: either unique key (device + op id, device + seq) makes a row a no-op.
      const { rows } = await run(
        sql<{ op_id: string }>`insert into ops (${opColumnList})
            select ${opColumnList} from json_populate_recordset(null::ops, ${rowsJson(part)}::json)
            on conflict do nothing returning op_id`.compile(trx),
      );
      if (rows.length !== part.length) throw new RedoUnbuffered('an op of the group was recorded by another request');
    }
  } catch (error) {
    throw error instanceof RedoUnbuffered ? error : new RedoUnbuffered('writing the held-back rows failed', error);
  }
}
