/**
 * The `payment-line` family on the server: `payment.record`, `payment.unpaid`, `payment.void`, and
 * the transfer ops the batch services make (`payment.transfer-*`, `payment.reroute`).
 * The rule itself is the domain's `applyPaymentOp` (the op registry's reducer for the family,
 * shared with the app); this file adds what only the server knows:
 * the line's current state under a lock, the beneficiary's status, scope, conflict entities,
 * resolutions and missing blobs.
 */
import type { Transaction } from 'kysely';
import { must } from '../../lib/assert';
import { statusInMonth } from '../../domain/beneficiary-ops';
import type { PaymentLineState } from '../../domain/payment-line';
import type { BeneficiaryStatus } from '../../domain/vocabulary';
import type { MissingBlob } from '../../protocol/blobs';
import type { ConflictResolution, ConflictSide } from '../../protocol/conflicts';
import { familyReducers } from '../../protocol/op-registry';
import type { OpOfFamily, PaymentRecordOp, PaymentVoidOp } from '../../protocol/ops';
import { can, isInScope } from '../../protocol/permissions';
import type { PaymentConflictCode } from '../../domain/payment-line';
import type { Database } from '../db/schema';
import { missingHashes, recordMissingBlobs } from './blobs';
import { createConflict, findConflict, openConflictsRaisedBy, resolveConflicts } from './conflicts';
import { getEntity, getEntityForUpdate, putEntities, type EntityChange } from './entity-store';
import { rejected } from './op-log';
import { incomingProvenance, noProvenance, provenanceOfOp, type Applied, type PushContext } from './push-context';
import { lineData, readLine } from './line-state';
import { isRecord } from './data-fields';
import { idCheckEntity } from './apply-id-check';

export type PaymentWireOp = OpOfFamily<'payment-line'>;

export async function applyPaymentLineOnServer(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: PaymentWireOp,
): Promise<Applied> {
  // Why the lock: two devices paying the same line at the same moment must be decided one after
  // the other, or both would read `due` and both be counted (PostgreSQL runs them concurrently).
  // Lines are locked by their row: ops never create lines, so the row always exists.
  const stored = await getEntityForUpdate(trx, 'payment-line', op.entityId);
  if (!stored || stored.deleted) return { outcome: rejected('unknown-entity') };
  if (!isInScope(ctx.user, stored.communeCode)) return { outcome: rejected('forbidden') };
  const line = readLine(stored.data);
  if (!line || stored.communeCode === null) return { outcome: rejected('unknown-entity', 'stored line unreadable') };
  const communeCode = stored.communeCode;

  const conflictId = op.type === 'payment.void' ? op.payload.conflictId : undefined;
  if (conflictId !== undefined) {
    if (!can(ctx.user, 'conflicts.resolve'))
      return { outcome: rejected('forbidden', 'only supervisors resolve conflicts') };
    const conflict = await findConflict(trx, conflictId);
    if (conflict?.subject_id !== op.entityId)
      return { outcome: rejected('unknown-entity', 'no such conflict on this line') };
  }

  if (op.type === 'payment.assign' && op.payload.payerId !== null) {
    if (!(await isPayerOf(trx, op.payload.payerId, communeCode))) return { outcome: rejected('unknown-payer') };
  }

  // The status as it bears on the line's month (a period's id is its month, `YYYY-MM`).
  const beneficiary = await getEntity(trx, 'beneficiary', line.beneficiaryId);
  const beneficiaryStatus = statusInMonth(isRecord(beneficiary?.data) ? beneficiary.data : undefined, line.periodId);
  const decided = familyReducers['payment-line'](line.state, op, { beneficiaryStatus });
  const { outcome } = decided;
  const next = ctx.importedBy === undefined ? decided.line : markImported(decided.line, op.id, ctx.importedBy);
  if (outcome.status === 'rejected') return { outcome: rejected(outcome.code) };

  const missing = op.type === 'payment.record' ? await missingBlobsOf(trx, op) : [];
  const changes: EntityChange[] = [];
  changes.push({
    entity: 'payment-line',
    id: op.entityId,
    communeCode,
    data: lineData(line, next, [...line.missingBlobs, ...missing]),
  });

  if (outcome.status === 'conflict') {
    changes.push(
      await createConflict(trx, {
        code: outcome.code,
        communeCode,
        subject: { entity: 'payment-line', id: op.entityId },
        beneficiaryId: line.beneficiaryId,
        periodId: line.periodId,
        opId: op.id,
        detectedAt: ctx.receivedAt,
        earlier: await earlierSide(trx, outcome.code, line.state, beneficiaryStatus),
        incoming: incomingSide(ctx, op, next),
      }),
    );
  }
  if (op.type === 'payment.void') {
    changes.push(...(await resolveByVoid(trx, ctx, op, next, conflictId)));
  } else if ((op.type === 'payment.record' || op.type === 'payment.unpaid') && op.payload.idCheck) {
    // The card checked at the door is kept whatever the line decided: it is evidence either way.
    changes.push(
      idCheckEntity(ctx, op, op.payload.idCheck, {
        beneficiaryId: line.beneficiaryId,
        communeCode,
        lineId: op.entityId,
      }),
    );
  }

  const written = await putEntities(trx, changes, { now: ctx.receivedAt });
  await recordMissingBlobs(
    trx,
    missing.map((m) => ({
      sha256: m.sha256,
      op_id: m.opId,
      field: m.field,
      entity: 'payment-line' as const,
      entity_id: op.entityId,
      detected_at: ctx.receivedAt,
    })),
  );
  const { version } = must(
    written.find((w) => w.entity === 'payment-line'),
    'the line was written',
  );
  const result = outcome.status === 'applied' ? { status: 'applied' as const, version } : { ...outcome, version };
  return { outcome: result, missingBlobs: missing.map((m) => m.sha256) };
}

async function missingBlobsOf(trx: Transaction<Database>, op: PaymentRecordOp): Promise<MissingBlob[]> {
  const refs: MissingBlob[] = [];
  if (op.payload.signature) refs.push({ sha256: op.payload.signature, opId: op.id, field: 'signature' });
  if (op.payload.photo) refs.push({ sha256: op.payload.photo, opId: op.id, field: 'photo' });
  const missing = new Set(
    await missingHashes(
      trx,
      refs.map((r) => r.sha256),
    ),
  );
  return refs.filter((r) => missing.has(r.sha256));
}

/** What the line held that the op disagrees with. */
async function earlierSide(
  trx: Transaction<Database>,
  code: PaymentConflictCode,
  before: PaymentLineState,
  beneficiaryStatus: BeneficiaryStatus,
): Promise<ConflictSide> {
  switch (code) {
    case 'already-paid': {
      const p = before.payment;
      // A line settled by a bank transfer has no payment op: the side is the line's state.
      if (!p)
        return { ...noProvenance, kind: 'payment', isCurrent: true, amount: before.amount, reason: before.status };
      return {
        ...(await provenanceOfOp(trx, p.opId)),
        recordedAt: p.recordedAt,
        kind: 'payment',
        isCurrent: true,
        amount: p.amount,
        receiver: p.receiver,
      };
    }
    case 'line-cancelled': {
      const withdrawal = before.voids.findLast((v) => v.target === 'line');
      if (!withdrawal) return { ...noProvenance, kind: 'line-withdrawn', isCurrent: true };
      return {
        ...(await provenanceOfOp(trx, withdrawal.opId)),
        recordedAt: withdrawal.recordedAt,
        kind: 'line-withdrawn',
        isCurrent: true,
        reason: withdrawal.reason,
        note: withdrawal.note,
      };
    }
    case 'beneficiary-inactive':
      return { ...noProvenance, kind: 'beneficiary-status', isCurrent: true, beneficiaryStatus };
  }
}

function incomingSide(ctx: PushContext, op: PaymentWireOp, after: PaymentLineState): ConflictSide {
  const provenance = incomingProvenance(ctx, op);
  if (op.type === 'payment.unpaid') {
    return { ...provenance, kind: 'visit', isCurrent: false, reason: op.payload.reason, note: op.payload.note ?? null };
  }
  const isCounted = after.payment?.opId === op.id;
  if (op.type === 'payment.record') {
    return {
      ...provenance,
      kind: 'payment',
      isCurrent: isCounted,
      amount: op.payload.amount,
      receiver: op.payload.receiver,
    };
  }
  return { ...provenance, kind: 'payment', isCurrent: isCounted };
}

/**
 * A supervisor's void resolves the conflict it names (`conflictId`) and any open conflict
 * raised by the payment it took out of the line.
 */
async function resolveByVoid(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: PaymentVoidOp,
  after: PaymentLineState,
  conflictId: string | undefined,
): Promise<EntityChange[]> {
  const voidFact = after.voids.at(-1);
  const voidedOpId = voidFact?.voidedPayment?.opId ?? null;
  const ids = await openConflictsRaisedBy(trx, op.entityId, voidedOpId === null ? [] : [voidedOpId]);
  if (conflictId !== undefined) ids.push(conflictId);
  if (ids.length === 0) return [];
  const resolution: ConflictResolution = {
    ...incomingProvenance(ctx, op),
    opId: op.id,
    action: op.payload.target === 'line' ? 'void-line' : 'void-payment',
    voidedOpId,
    reason: op.payload.reason,
    note: op.payload.note ?? null,
    values: null,
  };
  return resolveConflicts(trx, ids, resolution, ctx.receivedAt);
}

/**
 * The facts an imported op added to the line name who imported it (issue 13, finding 5), so what
 * the commune's devices pull shows a payment entered from a broken tablet's file as such.
 */
function markImported(line: PaymentLineState, opId: string, importedBy: string): PaymentLineState {
  const mark = <F extends { opId: string }>(fact: F): F => (fact.opId === opId ? { ...fact, importedBy } : fact);
  return {
    ...line,
    payment: line.payment && mark(line.payment),
    lastVisit: line.lastVisit && mark(line.lastVisit),
    // Two branches, so each kind keeps its own fact type.
    conflicts: line.conflicts.map((c) =>
      c.kind === 'payment' ? { ...c, fact: mark(c.fact) } : { ...c, fact: mark(c.fact) },
    ),
    voids: line.voids.map(mark),
  };
}

/** Whether `userId` is an enabled payer whose communes hold `communeCode` (`payment.assign`). */
export async function isPayerOf(trx: Transaction<Database>, userId: string, communeCode: string): Promise<boolean> {
  const user = await trx
    .selectFrom('users')
    .select(['role', 'communes', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled || user.role !== 'payer') return false;
  const communes = JSON.parse(user.communes) as unknown;
  return Array.isArray(communes) && communes.includes(communeCode);
}
