/**
 * The `beneficiary` family on the server (roster ops). The rule is the domain's
 * `applyBeneficiaryOp`, the same the device applies; this file adds what needs the database:
 * scope, the lock, field versions and conflicts. A field another device changed after the
 * version this op's author saw (`baseVersion`) is a `concurrent-edit`: the newer arrival is kept
 * and both values are kept in a conflict entity (and in the op log) for a supervisor.
 */
import type { Transaction } from 'kysely';
import { must } from '../../lib/assert';
import { conflictDataSchema, type ConflictResolution } from '../../protocol/conflicts';
import { familyReducers } from '../../protocol/op-registry';
import type { OpOfFamily } from '../../protocol/ops';
import { can, isInScope } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { createConflict, findConflict, resolveConflicts } from './conflicts';
import { isRecord } from './data-fields';
import { getEntity, putEntities, type EntityChange } from './entity-store';
import { rejected } from './op-log';
import { incomingProvenance, provenanceOfOp, type Applied, type PushContext } from './push-context';

type Fields = Record<string, unknown>;

export async function applyBeneficiaryOnServer(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: OpOfFamily<'beneficiary'>,
): Promise<Applied> {
  // Why the lock: two edits of one beneficiary read, compare and write field versions; they
  // must not interleave, and a create has no row yet to lock with SELECT … FOR UPDATE.
  await lockKey(trx, `beneficiary:${op.entityId}`);
  const stored = await getEntity(trx, 'beneficiary', op.entityId);
  const current = stored && !stored.deleted && isRecord(stored.data) ? stored.data : undefined;

  // An enrolment names its commune; every other op acts in the commune the beneficiary is in.
  if (op.type === 'beneficiary.create' && !isInScope(ctx.user, op.payload.communeCode))
    return { outcome: rejected('forbidden') };
  const communeCode = current
    ? (stored?.communeCode ?? null)
    : op.type === 'beneficiary.create'
      ? op.payload.communeCode
      : null;
  if (current && !isInScope(ctx.user, communeCode)) return { outcome: rejected('forbidden') };

  const decided = familyReducers.beneficiary(current, op);
  if (!decided.ok) return { outcome: rejected(decided.error) };
  const { after, changed } = decided.value;
  const entityCommune = must(communeCode, 'a beneficiary has a commune');

  const conflictId = op.type === 'beneficiary.create' ? undefined : op.payload.conflictId;
  let conflictFields: string[] = [];
  if (conflictId !== undefined) {
    // Choosing between two people's values is a supervisor's review, not a field edit.
    if (!can(ctx.user, 'conflicts.resolve'))
      return { outcome: rejected('forbidden', 'only supervisors resolve conflicts') };
    const conflict = await findConflict(trx, conflictId);
    if (conflict?.subject_id !== op.entityId) return { outcome: rejected('unknown-entity', 'no such conflict') };
    const data = conflictDataSchema.safeParse((await getEntity(trx, 'conflict', conflictId))?.data);
    conflictFields = data.success ? data.data.fields : [];
  }

  const versions = current ? await fieldVersions(trx, op.entityId, changed) : new Map<string, FieldVersion>();
  const base = op.baseVersion;
  // A resolution is the supervisor's decision about exactly these values: never a new conflict.
  // Without a baseVersion the author did not say what they saw: the later arrival wins silently.
  const conflicted =
    conflictId !== undefined || base === undefined
      ? []
      : changed.filter((k) => {
          const fv = versions.get(k);
          // The device's own earlier edit is not concurrent: it saw it (ops arrive in seq order).
          return fv !== undefined && fv.version > base && fv.device_id !== ctx.device.id;
        });

  const changes: EntityChange[] = [];
  if (changed.length > 0 || !current) {
    changes.push({ entity: 'beneficiary', id: op.entityId, communeCode: entityCommune, data: after });
  }
  if (current && conflicted.length > 0) {
    const latest = conflicted
      .map((k) => must(versions.get(k), 'version of a conflicted field'))
      .reduce((a, b) => (b.version > a.version ? b : a));
    const pickFrom = (source: Fields) => Object.fromEntries(conflicted.map((k) => [k, source[k] ?? null]));
    changes.push(
      await createConflict(trx, {
        code: 'concurrent-edit',
        communeCode: entityCommune,
        subject: { entity: 'beneficiary', id: op.entityId },
        beneficiaryId: op.entityId,
        periodId: null,
        opId: op.id,
        detectedAt: ctx.receivedAt,
        fields: conflicted,
        earlier: {
          ...(await provenanceOfOp(trx, latest.op_id)),
          kind: 'values',
          isCurrent: false,
          values: pickFrom(current),
        },
        incoming: { ...incomingProvenance(ctx, op), kind: 'values', isCurrent: true, values: pickFrom(after) },
      }),
    );
  }
  if (conflictId !== undefined) {
    const kept = [...new Set([...conflictFields, ...changed])];
    const resolution: ConflictResolution = {
      ...incomingProvenance(ctx, op),
      opId: op.id,
      action: 'keep-values',
      voidedOpId: null,
      reason: null,
      note: null,
      values: Object.fromEntries(kept.map((k) => [k, after[k] ?? null])),
    };
    changes.push(...(await resolveConflicts(trx, [conflictId], resolution, ctx.receivedAt)));
  }

  const written = await putEntities(trx, changes, { now: ctx.receivedAt });
  const version = must(
    written.find((w) => w.entity === 'beneficiary')?.version ?? stored?.version,
    'a beneficiary written or held',
  );
  await recordFieldVersions(trx, ctx, op, changed, version);
  return {
    outcome:
      conflicted.length > 0 ? { status: 'conflict', code: 'concurrent-edit', version } : { status: 'applied', version },
  };
}

type FieldVersion = { version: number; op_id: string; device_id: string };

async function fieldVersions(
  trx: Transaction<Database>,
  entityId: string,
  fields: readonly string[],
): Promise<Map<string, FieldVersion>> {
  if (fields.length === 0) return new Map();
  const rows = await trx
    .selectFrom('field_versions')
    .select(['field', 'version', 'op_id', 'device_id'])
    .where('entity', '=', 'beneficiary')
    .where('entity_id', '=', entityId)
    .where('field', 'in', [...fields])
    .execute();
  return new Map(rows.map((r) => [r.field, { version: Number(r.version), op_id: r.op_id, device_id: r.device_id }]));
}

async function recordFieldVersions(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: OpOfFamily<'beneficiary'>,
  fields: readonly string[],
  version: number,
): Promise<void> {
  if (fields.length === 0) return;
  await trx
    .insertInto('field_versions')
    .values(
      fields.map((field) => ({
        entity: 'beneficiary' as const,
        entity_id: op.entityId,
        field,
        version,
        op_id: op.id,
        device_id: ctx.device.id,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['entity', 'entity_id', 'field']).doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        op_id: eb.ref('excluded.op_id'),
        device_id: eb.ref('excluded.device_id'),
      })),
    )
    .execute();
}
