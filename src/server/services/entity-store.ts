/**
 * The sync store: every write to a pulled entity goes through `putEntities`, which bumps
 * the entity's version and gives it a fresh global change sequence. Generic on purpose:
 * seeding, push ops, conflicts and ID checks all write through it.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import { must } from '../../lib/assert';
import type { EntityKind } from '../../protocol/pull';
import { chunks } from '../db/chunks';
import { writeReportRows } from '../reports/report-store';
import { isRecord } from './data-fields';
import { isPostgres } from '../db/dialect';
import { preparedQuery } from '../db/prepared';
import type { Database, EntitiesTable } from '../db/schema';
import { groupOf, type GroupState } from './group-state';

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
  // Inside a PostgreSQL commit group the group holds the counter: sequences come from memory.
  const group = groupOf(trx);
  const last = group ? group.allocate(changes.length) : await allocateSeqs(trx, changes.length);
  const first = last - changes.length + 1;
  const written: WrittenEntity[] = [];
  const indexed = changes.map((change, index) => ({ change, index }));
  // A group that holds writes back keeps those to rows it holds (versions known, rows locked).
  const direct = group?.isBuffering
    ? indexed.filter(({ change, index }) => !holdBack(group, change, first + index, options.now, written))
    : indexed;
  // The same entity twice in one batch must be two statements: an upsert may touch a row once.
  for (const round of splitRepeatedKeys(direct)) {
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
      // One row (an op's usual write) through the prepared statement; the same SQL for one row.
      const [only] = rows;
      const returned = rows.length === 1 && only ? await upsertOne(trx, only) : await upsertRows(trx, rows).execute();
      const byKey = group && new Map(slice.map(({ change }) => [`${change.entity}\u0000${change.id}`, change]));
      for (const r of returned) {
        const version = Number(r.version);
        const changeSeq = Number(r.change_seq);
        written.push({ entity: r.entity, id: r.id, version, changeSeq });
        const change = byKey?.get(`${r.entity}\u0000${r.id}`);
        if (group && change) group.written(storedOf(change, version, changeSeq));
      }
    }
  }
  // Reports read typed rows kept in the same transaction (issue 14, docs/reports.md); a commit
  // group writes its ops' report rows once, before its commit (group-state.ts).
  if (group) group.deferReports(changes, options.now);
  else await writeReportRows(trx, changes, options.now);
  return written.sort((a, b) => a.changeSeq - b.changeSeq);
}

/** Every column given (a prepared statement binds each one). */
export type EntityRow = Required<Insertable<EntitiesTable>>;

/**
 * Holds the write of a row the group holds back (group-state.ts): its version is the held one's
 * plus one, as the upsert would make it. False when the group does not hold the row.
 */
function holdBack(group: GroupState, change: EntityChange, changeSeq: number, now: number, written: WrittenEntity[]) {
  const held = group.get(change.entity, change.id);
  if (!held) return false;
  const version = held.version + 1;
  group.holdBackEntity({
    entity: change.entity,
    id: change.id,
    commune_code: change.communeCode,
    version,
    change_seq: changeSeq,
    deleted: change.deleted ? 1 : 0,
    data: change.deleted ? null : JSON.stringify(change.data),
    updated_at: now,
  });
  group.written(storedOf(change, version, changeSeq));
  written.push({ entity: change.entity, id: change.id, version, changeSeq });
  return true;
}

function upsertRows(db: Kysely<Database>, rows: EntityRow[]) {
  return db
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
    .returning(['entity', 'id', 'version', 'change_seq']);
}

const upsertOne = preparedQuery<EntityRow, { entity: EntityKind; id: string; version: number; change_seq: number }>(
  (db, arg) =>
    upsertRows(db, [
      {
        entity: arg('entity'),
        id: arg('id'),
        commune_code: arg('commune_code'),
        version: arg('version'),
        change_seq: arg('change_seq'),
        deleted: arg('deleted'),
        data: arg('data'),
        updated_at: arg('updated_at'),
      },
    ]),
);

const incrementCounter = preparedQuery<{ count: number }, { value: number }>((db, arg) =>
  db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', arg('count')) }))
    .where('id', '=', 1)
    .returning('value'),
);

/** Reserves `count` sequences; returns the last one. Must run inside the writing transaction. */
async function allocateSeqs(trx: Transaction<Database>, count: number): Promise<number> {
  const [row] = await incrementCounter(trx, { count });
  return Number(must(row, 'change_counter row is missing: was the database migrated?').value);
}

type Indexed = { change: EntityChange; index: number };

function splitRepeatedKeys(changes: readonly Indexed[]): Indexed[][] {
  const rounds: Indexed[][] = [];
  const seen: Set<string>[] = [];
  changes.forEach(({ change, index }) => {
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
  const held =
    'isTransaction' in db && db.isTransaction ? groupOf(db as Transaction<Database>)?.get(entity, id) : undefined;
  if (held) return held;
  const [row] = await selectEntity(db, { entity, id });
  return row && toStored(row);
}

/** The data of many entities of one kind by id (unreadable or absent ones left out), `in` lists chunked. */
export async function entitiesData(
  db: Kysely<Database>,
  entity: EntityKind,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const byId = new Map<string, Record<string, unknown>>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('entities')
      .select(['id', 'data'])
      .where('entity', '=', entity)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) {
      const data: unknown = r.data ? JSON.parse(r.data) : null;
      if (isRecord(data)) byId.set(r.id, data);
    }
  }
  return byId;
}

type EntityKey = { entity: EntityKind; id: string };

const selectEntity = preparedQuery<EntityKey, Selectable<EntitiesTable>>((db, arg) =>
  db.selectFrom('entities').selectAll().where('entity', '=', arg('entity')).where('id', '=', arg('id')),
);

const selectEntityForUpdate = preparedQuery<EntityKey, Selectable<EntitiesTable>>((db, arg) => {
  const query = db.selectFrom('entities').selectAll().where('entity', '=', arg('entity')).where('id', '=', arg('id'));
  return isPostgres(db) ? query.forUpdate() : query;
});

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
  // A row its commit group locked at the start: already held, and current.
  const held = groupOf(trx)?.get(entity, id);
  if (held) return held;
  const [row] = await selectEntityForUpdate(trx, { entity, id });
  return row && toStored(row);
}

/** Reads the rows of `entity` among `ids` (no lock), chunked. */
export async function readEntities(
  db: Kysely<Database>,
  entity: EntityKind,
  ids: readonly string[],
): Promise<StoredEntity[]> {
  const out: StoredEntity[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('entities')
      .selectAll()
      .where('entity', '=', entity)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) out.push(toStored(row));
  }
  return out;
}

/**
 * Locks the rows of `entity` among `ids` in id order and returns them (PostgreSQL `FOR UPDATE`;
 * the sort is the lock order, so two callers locking overlapping sets cannot deadlock).
 */
export async function lockEntities(
  trx: Transaction<Database>,
  entity: EntityKind,
  ids: readonly string[],
): Promise<StoredEntity[]> {
  const out: StoredEntity[] = [];
  // One statement per chunk, chunks in id order: the whole set is still locked in id order.
  for (const part of chunks([...new Set(ids)].sort())) {
    const rows = await trx
      .selectFrom('entities')
      .selectAll()
      .where('entity', '=', entity)
      .where('id', 'in', part)
      // Byte order, as the sort above (PostgreSQL's only; SQLite has no row locks to order).
      .orderBy(sql`id collate "C"`)
      .forUpdate()
      .execute();
    for (const row of rows) out.push(toStored(row));
  }
  return out;
}

/** The row an upsert wrote, as `toStored` would read it back (the data object as given). */
function storedOf(change: EntityChange, version: number, changeSeq: number): StoredEntity {
  return {
    entity: change.entity,
    id: change.id,
    communeCode: change.communeCode,
    version,
    changeSeq,
    deleted: Boolean(change.deleted),
    data: change.deleted ? null : change.data,
  };
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
