/**
 * The sync store: every write to a pulled entity goes through `putEntities`, which bumps
 * the entity's version and gives it a fresh global change sequence. Generic on purpose:
 * seeding, push ops, conflicts and ID checks all write through it.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { must } from '../../lib/assert';
import type { EntityKind } from '../../protocol/pull';
import { isPostgres } from '../db/dialect';
import type { Database, EntitiesTable } from '../db/schema';

export type EntityChange = {
  entity: EntityKind;
  id: string;
  /** Commune the entity belongs to; null = global (periods, settings). */
  communeCode: string | null;
  /** The entity's full data; ignored (stored as null) when `deleted`. */
  data: unknown;
  deleted?: boolean;
};

export type WrittenEntity = { entity: EntityKind; id: string; version: number; changeSeq: number };

/** Rows per INSERT statement: 8 parameters each stays under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Writes a batch of entity changes inside the caller's transaction. One counter update
 * allocates a contiguous block of change sequences for the whole batch.
 *
 * Why inside the transaction: on PostgreSQL `UPDATE change_counter … RETURNING` takes the
 * row lock and keeps it until commit, so a later sequence can never commit before an
 * earlier one and a pull cursor ("all changes after N") never skips a change that commits
 * late. SQLite serialises writers, which gives the same guarantee.
 */
export async function putEntities(
  trx: Transaction<Database>,
  changes: readonly EntityChange[],
  options: { now: number },
): Promise<WrittenEntity[]> {
  if (changes.length === 0) return [];
  const last = await allocateSeqs(trx, changes.length);
  const first = last - changes.length + 1;
  const written: WrittenEntity[] = [];
  // The same entity twice in one batch must be two statements: an upsert may touch a row once.
  for (const round of splitRepeatedKeys(changes)) {
    for (let start = 0; start < round.length; start += ROWS_PER_STATEMENT) {
      const slice = round.slice(start, start + ROWS_PER_STATEMENT);
      const rows = slice.map(({ change, index }) => ({
        entity: change.entity,
        id: change.id,
        commune_code: change.communeCode,
        version: 1,
        change_seq: first + index,
        deleted: change.deleted ? 1 : 0,
        data: change.deleted ? null : JSON.stringify(change.data),
        updated_at: options.now,
      }));
      const returned = await trx
        .insertInto('entities')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['entity', 'id']).doUpdateSet((eb) => ({
            version: sql<number>`entities.version + 1`,
            change_seq: eb.ref('excluded.change_seq'),
            commune_code: eb.ref('excluded.commune_code'),
            deleted: eb.ref('excluded.deleted'),
            data: eb.ref('excluded.data'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['entity', 'id', 'version', 'change_seq'])
        .execute();
      for (const r of returned) {
        written.push({ entity: r.entity, id: r.id, version: Number(r.version), changeSeq: Number(r.change_seq) });
      }
    }
  }
  return written.sort((a, b) => a.changeSeq - b.changeSeq);
}

/** Reserves `count` sequences; returns the last one. Must run inside the writing transaction. */
async function allocateSeqs(trx: Transaction<Database>, count: number): Promise<number> {
  const row = await trx
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirst();
  return Number(must(row, 'change_counter row is missing: was the database migrated?').value);
}

function splitRepeatedKeys(changes: readonly EntityChange[]): { change: EntityChange; index: number }[][] {
  const rounds: { change: EntityChange; index: number }[][] = [];
  const seen: Set<string>[] = [];
  changes.forEach((change, index) => {
    const key = `${change.entity}\u0000${change.id}`;
    let r = 0;
    while (seen[r]?.has(key)) r++;
    (seen[r] ??= new Set()).add(key);
    (rounds[r] ??= []).push({ change, index });
  });
  return rounds;
}

export type StoredEntity = {
  entity: EntityKind;
  id: string;
  communeCode: string | null;
  version: number;
  changeSeq: number;
  deleted: boolean;
  data: unknown;
};

/** Reads one entity (for services that check current state before writing). */
export async function getEntity(
  db: Kysely<Database>,
  entity: EntityKind,
  id: string,
): Promise<StoredEntity | undefined> {
  const row = await db
    .selectFrom('entities')
    .selectAll()
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toStored(row);
}

/**
 * Reads one existing entity and locks its row until the transaction ends, so a decision made on
 * it cannot interleave with another writer's (PostgreSQL `FOR UPDATE`: it waits for the other
 * writer and then returns its committed version). SQLite transactions are already exclusive
 * (see `lockKey`). A row that does not exist yet is not locked: lock creates with `lockKey`.
 */
export async function getEntityForUpdate(
  trx: Transaction<Database>,
  entity: EntityKind,
  id: string,
): Promise<StoredEntity | undefined> {
  let query = trx.selectFrom('entities').selectAll().where('entity', '=', entity).where('id', '=', id);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toStored(row);
}

function toStored(row: Selectable<EntitiesTable>): StoredEntity {
  return {
    entity: row.entity,
    id: row.id,
    communeCode: row.commune_code,
    version: Number(row.version),
    changeSeq: Number(row.change_seq),
    deleted: Boolean(row.deleted),
    data: row.data === null ? null : (JSON.parse(row.data) as unknown),
  };
}
