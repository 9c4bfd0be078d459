/**
 * Roster ops (`beneficiary.create`, `.update`, `.set-payment-method`, `.set-account-status`),
 * applied field by field. A field another device changed after the version this op's author saw
 * (`baseVersion`) is a `concurrent-edit`: the newer arrival is kept and both values are kept in
 * a conflict entity (and in the op log) for a supervisor.
 */
import type { Transaction } from 'kysely';
import { must } from '../../lib/assert';
import { conflictDataSchema, type ConflictResolution } from '../../protocol/conflicts';
import { beneficiaryDataSchema, enrolmentDefaults } from '../../protocol/entities';
import type { Op } from '../../protocol/ops';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { createConflict, findConflict, resolveConflicts } from './conflicts';
import { isRecord, stringField } from './data-fields';
import { getEntity, putEntities, type EntityChange } from './entity-store';
import { rejected } from './op-log';
import { incomingProvenance, isInScope, provenanceOfOp, type Applied, type PushContext } from './push-context';

export type RosterOp = Extract<
  Op,
  {
    type:
      'beneficiary.create' | 'beneficiary.update' | 'beneficiary.set-payment-method' | 'beneficiary.set-account-status';
  }
>;

type Fields = Record<string, unknown>;

const beneficiaryFields = new Set(Object.keys(beneficiaryDataSchema.shape));
const updateFields = new Set([
  'fullName',
  'birthDate',
  'gender',
  'idNumber',
  'oldIdNumber',
  'village',
  'address',
  'phone',
  'representative',
  'documents',
]);

/** The fields an op sets. Extra payload keys (a newer app's, `v`, `conflictId`) never reach the entity. */
function patchOf(op: RosterOp): Fields {
  const pick = (allowed: Set<string>) =>
    Object.fromEntries(Object.entries(op.payload).filter(([k, v]) => allowed.has(k) && v !== undefined));
  switch (op.type) {
    case 'beneficiary.create': {
      const { communeCode: _commune, ...rest } = pick(beneficiaryFields);
      return rest;
    }
    case 'beneficiary.update':
      return pick(updateFields);
    case 'beneficiary.set-payment-method':
      return { paymentMethod: op.payload.method, paymentDetails: op.payload.details ?? null };
    case 'beneficiary.set-account-status':
      return { accountStatus: op.payload.status, accountStatusNote: op.payload.note ?? null };
  }
}

export async function applyRosterOp(trx: Transaction<Database>, ctx: PushContext, op: RosterOp): Promise<Applied> {
  // Why the lock: two edits of one beneficiary read, compare and write field versions; they
  // must not interleave, and a create has no row yet to lock with SELECT … FOR UPDATE.
  await lockKey(trx, `beneficiary:${op.entityId}`);
  const stored = await getEntity(trx, 'beneficiary', op.entityId);
  const current = stored && !stored.deleted && isRecord(stored.data) ? stored.data : undefined;

  if (op.type === 'beneficiary.create') {
    if (!isInScope(ctx.user, op.payload.communeCode)) return { outcome: rejected('forbidden') };
    if (!current) return create(trx, ctx, op);
    // The same id enrolled again (a re-sent create with a new op id): its fields are a patch.
  }
  if (!stored || !current) return { outcome: rejected('unknown-entity') };
  if (!isInScope(ctx.user, stored.communeCode)) return { outcome: rejected('forbidden') };

  const conflictId = op.type === 'beneficiary.create' ? undefined : stringField(op.payload, 'conflictId');
  let conflictFields: string[] = [];
  if (conflictId !== undefined) {
    // Choosing between two people's values is a supervisor's review, not a field edit.
    if (ctx.user.role !== 'supervisor') return { outcome: rejected('forbidden', 'only supervisors resolve conflicts') };
    const conflict = await findConflict(trx, conflictId);
    if (conflict?.subject_id !== op.entityId) return { outcome: rejected('unknown-entity', 'no such conflict') };
    const data = conflictDataSchema.safeParse((await getEntity(trx, 'conflict', conflictId))?.data);
    conflictFields = data.success ? data.data.fields : [];
  }

  const patch = patchOf(op);
  const changed = Object.keys(patch).filter((k) => !sameValue(current[k], patch[k]));
  const versions = await fieldVersions(trx, op.entityId, changed);
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

  const next: Fields = { ...current, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) };
  const changes: EntityChange[] = [];
  if (changed.length > 0) {
    changes.push({ entity: 'beneficiary', id: op.entityId, communeCode: stored.communeCode, data: next });
  }
  if (conflicted.length > 0) {
    const latest = conflicted
      .map((k) => must(versions.get(k), 'version of a conflicted field'))
      .reduce((a, b) => (b.version > a.version ? b : a));
    const pickFrom = (source: Fields) => Object.fromEntries(conflicted.map((k) => [k, source[k] ?? null]));
    changes.push(
      await createConflict(trx, {
        code: 'concurrent-edit',
        communeCode: must(stored.communeCode, 'a beneficiary has a commune'),
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
        incoming: { ...incomingProvenance(ctx, op), kind: 'values', isCurrent: true, values: pickFrom(next) },
      }),
    );
  }
  if (conflictId !== undefined) {
    const kept = [...new Set([...conflictFields, ...Object.keys(patch)])];
    const resolution: ConflictResolution = {
      ...incomingProvenance(ctx, op),
      opId: op.id,
      action: 'keep-values',
      voidedOpId: null,
      reason: null,
      note: null,
      values: Object.fromEntries(kept.map((k) => [k, next[k] ?? null])),
    };
    changes.push(...(await resolveConflicts(trx, [conflictId], resolution, ctx.receivedAt)));
  }

  const written = await putEntities(trx, changes, { now: ctx.receivedAt });
  const version = written.find((w) => w.entity === 'beneficiary')?.version ?? stored.version;
  await recordFieldVersions(trx, ctx, op, changed, version);
  return {
    outcome:
      conflicted.length > 0 ? { status: 'conflict', code: 'concurrent-edit', version } : { status: 'applied', version },
  };
}

async function create(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: Extract<RosterOp, { type: 'beneficiary.create' }>,
): Promise<Applied> {
  const patch = patchOf(op);
  const data = { ...enrolmentDefaults, ...patch, communeCode: op.payload.communeCode };
  const [written] = await putEntities(
    trx,
    [{ entity: 'beneficiary', id: op.entityId, communeCode: op.payload.communeCode, data }],
    { now: ctx.receivedAt },
  );
  const version = must(written, 'the beneficiary was written').version;
  await recordFieldVersions(trx, ctx, op, Object.keys(patch), version);
  return { outcome: { status: 'applied', version } };
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
  op: RosterOp,
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

/** Deep equality of JSON values; absent and null are the same (a patch may clear a field). */
function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
