/**
 * Conflicts (docs/protocol.md "Push"): a fact that disagrees with server state is kept and flagged. Each
 * conflict is a `conflict` entity in its commune (pulled by that commune's devices, so officers
 * and payers see their own) plus a row in `conflicts` for the supervisors' list. Conflicts of a
 * payment line or a beneficiary are written only under that entity's lock (see
 * apply-payment-line.ts and apply-beneficiary.ts), so their read-modify-write cannot interleave.
 */
import { scopeOf } from '../../protocol/permissions';
import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../protocol/auth';
import {
  conflictDataSchema,
  type ConflictData,
  type ConflictResolution,
  type ConflictSide,
  type ConflictStatus,
  type ConflictView,
} from '../../protocol/conflicts';
import type { ConflictCode } from '../../protocol/push';
import type { ConflictsTable, Database } from '../db/schema';
import { stringField } from './data-fields';
import { getEntity, type EntityChange } from './entity-store';
import { isoTime } from './push-context';

export type NewConflict = {
  code: ConflictCode;
  communeCode: string;
  subject: ConflictData['subject'];
  beneficiaryId: string | null;
  periodId: string | null;
  /** The op whose arrival raised it; the conflict's id derives from it (one conflict per op). */
  opId: string;
  detectedAt: number;
  fields?: string[];
  earlier: ConflictSide;
  incoming: ConflictSide;
};

export const conflictIdOf = (opId: string): string => `c-${opId}`;

/** Writes the index row and returns the entity change for the caller's `putEntities` batch. */
export async function createConflict(trx: Transaction<Database>, c: NewConflict): Promise<EntityChange> {
  const id = conflictIdOf(c.opId);
  const commune = await getEntity(trx, 'commune', c.communeCode);
  const beneficiary = c.beneficiaryId === null ? undefined : await getEntity(trx, 'beneficiary', c.beneficiaryId);
  const data: ConflictData = {
    code: c.code,
    status: 'open',
    communeCode: c.communeCode,
    communeName: stringField(commune?.data, 'name') ?? null,
    subject: c.subject,
    beneficiaryId: c.beneficiaryId,
    beneficiaryName: stringField(beneficiary?.data, 'fullName') ?? null,
    periodId: c.periodId,
    opId: c.opId,
    detectedAt: isoTime(c.detectedAt),
    fields: c.fields ?? [],
    earlier: c.earlier,
    incoming: c.incoming,
    resolution: null,
  };
  const row: ConflictsTable = {
    id,
    commune_code: c.communeCode,
    code: c.code,
    status: 'open',
    subject_entity: c.subject.entity,
    subject_id: c.subject.id,
    op_id: c.opId,
    detected_at: c.detectedAt,
    resolved_at: null,
    resolved_by_op: null,
  };
  await trx.insertInto('conflicts').values(row).execute();
  return { entity: 'conflict', id, communeCode: c.communeCode, data };
}

export async function findConflict(db: Kysely<Database>, id: string): Promise<ConflictsTable | undefined> {
  return db.selectFrom('conflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open conflicts about one entity raised by one of `opIds`. */
export async function openConflictsRaisedBy(
  db: Kysely<Database>,
  subjectId: string,
  opIds: readonly string[],
): Promise<string[]> {
  if (opIds.length === 0) return [];
  const rows = await db
    .selectFrom('conflicts')
    .select('id')
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'open')
    .where('op_id', 'in', [...opIds])
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Marks open conflicts resolved by a supervisor's op; returns their entity changes for the
 * caller's `putEntities` batch. An already resolved conflict keeps its first resolution.
 */
export async function resolveConflicts(
  trx: Transaction<Database>,
  ids: readonly string[],
  resolution: ConflictResolution,
  now: number,
): Promise<EntityChange[]> {
  const changes: EntityChange[] = [];
  for (const id of new Set(ids)) {
    const stored = await getEntity(trx, 'conflict', id);
    const parsed = conflictDataSchema.safeParse(stored?.data);
    if (!stored || !parsed.success || parsed.data.status !== 'open') continue;
    const data: ConflictData = { ...parsed.data, status: 'resolved', resolution };
    changes.push({ entity: 'conflict', id, communeCode: stored.communeCode, data });
    await trx
      .updateTable('conflicts')
      .set({ status: 'resolved', resolved_at: now, resolved_by_op: resolution.opId })
      .where('id', '=', id)
      .execute();
  }
  return changes;
}

/** The supervisors' list: conflicts in the user's communes (every commune for an admin), newest first. */
export async function listConflicts(
  db: Kysely<Database>,
  user: User,
  query: { status: ConflictStatus; limit: number },
): Promise<ConflictView[]> {
  const scope = scopeOf(user);
  if (scope.kind === 'communes' && scope.codes.length === 0) return [];
  let q = db
    .selectFrom('conflicts')
    .innerJoin('entities', (join) =>
      join.onRef('entities.id', '=', 'conflicts.id').on('entities.entity', '=', 'conflict'),
    )
    .select(['conflicts.id', 'entities.version', 'entities.data'])
    .where('conflicts.status', '=', query.status);
  if (scope.kind === 'communes') q = q.where('conflicts.commune_code', 'in', [...scope.codes]);
  const rows = await q.orderBy('conflicts.detected_at', 'desc').orderBy('conflicts.id').limit(query.limit).execute();
  const views: ConflictView[] = [];
  for (const row of rows) {
    const parsed = conflictDataSchema.safeParse(row.data === null ? null : JSON.parse(row.data));
    if (parsed.success) views.push({ ...parsed.data, id: row.id, version: Number(row.version) });
  }
  return views;
}
