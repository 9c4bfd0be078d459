/**
 * Writes what a PostgreSQL commit group held back (group-state.ts): its entity rows in one
 * upsert and its op log rows in one insert per chunk. Anything unexpected here (an op id another
 * request recorded first, a row the database refuses) cannot be laid at one op's door, so the
 * group is undone and run again writing op by op (push-group-pg.ts), which answers it as always.
 */
import type { Transaction } from 'kysely';
import { AppError } from '../../lib/app-error';
import { chunks } from '../db/chunks';
import type { RunStatement } from '../db/statement-hook';
import type { Database } from '../db/schema';
import { upsertDecidedRows } from './entity-store';
import type { HeldBack } from './group-state';

/** Thrown to undo the whole group and run it again without holding writes back. */
export class RedoUnbuffered extends AppError<'redo-unbuffered'> {
  override name = 'RedoUnbuffered';
  constructor(message: string, cause?: unknown) {
    super('redo-unbuffered', message, { cause });
  }
}

/** Rows per statement: 8 (entities) or 14 (ops) parameters each, under PostgreSQL's 65,535. */
const ENTITY_ROWS = 1000;
const OP_ROWS = 500;

export async function writeHeldBack(trx: Transaction<Database>, run: RunStatement, held: HeldBack): Promise<void> {
  try {
    for (const part of chunks(held.entities, ENTITY_ROWS)) await run(upsertDecidedRows(trx, part).compile());
    for (const part of chunks(held.ops, OP_ROWS)) {
      const query = trx
        .insertInto('ops')
        .values(part)
        // No conflict target: either unique key (device + op id, device + seq) makes a row a no-op.
        .onConflict((oc) => oc.doNothing())
        .returning('op_id')
        .compile();
      const { rows } = await run(query);
      if (rows.length !== part.length) throw new RedoUnbuffered('an op of the group was recorded by another request');
    }
  } catch (error) {
    throw error instanceof RedoUnbuffered ? error : new RedoUnbuffered('writing the held-back rows failed', error);
  }
}
