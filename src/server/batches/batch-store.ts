/**
 * What every batch step shares (docs/protocol.md "Batches"): the batch read under its lock, its
 * events (insert-only, numbered), the context its transfer ops are recorded in, and the ops
 * themselves. A step is one transaction: it re-reads the batch, checks who may take it from which
 * status, writes its ops through the payment-line rule, and logs an event.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { AppError } from '../../lib/app-error';
import type { User } from '../../protocol/auth';
import type { BatchAction } from '../../protocol/batches';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { assert } from '../../lib/assert';
import { opRegistry, type OpType, type PayloadInput } from '../../protocol/op-registry';
import { parsePayload } from '../../protocol/ops';
import { lockKey } from '../db/dialect';
import type { BatchesTable, Database } from '../db/schema';
import type { OpOutcome } from '../services/op-log';
import { isoTime, type PushContext } from '../services/push-context';
import { recordServerOp, type ServerOp } from '../services/push-op';

export type Batch = Selectable<BatchesTable>;

/** Who acts on a batch, from their session: the user and the device they are signed in on. */
export type Actor = { user: User; deviceId: string; now: number };

/** Thrown inside a step's transaction to roll all of it back and answer `code`. */
export class StepRefused extends AppError<'step-refused'> {
  override name = 'StepRefused';
  readonly refusal: RequestErrorCode;
  constructor(refusal: RequestErrorCode) {
    super('step-refused', refusal);
    this.refusal = refusal;
  }
}

export async function lockedBatch(trx: Transaction<Database>, batchId: string): Promise<Batch | undefined> {
  await lockKey(trx, `batch:${batchId}`);
  return trx.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
}

export async function logBatchEvent(
  trx: Transaction<Database>,
  batchId: string,
  actor: Actor,
  action: BatchAction,
  comment: string | null = null,
): Promise<void> {
  const last = await trx
    .selectFrom('batch_events')
    .select((eb) => eb.fn.max('n').as('n'))
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  const n = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto('batch_events')
    .values({ batch_id: batchId, n, at: actor.now, user_id: actor.user.id, action, comment })
    .execute();
}

export function opContext(actor: Actor, deviceName: string | null = null): PushContext {
  return { user: actor.user, device: { id: actor.deviceId, name: deviceName }, receivedAt: actor.now };
}

/** Records one op made by the server for the actor (the transfer ops, docs/protocol.md "Transfer ops"). */
export async function serverOp<T extends OpType>(
  trx: Transaction<Database>,
  ctx: PushContext,
  type: T,
  lineId: string,
  payload: PayloadInput<T>,
): Promise<OpOutcome> {
  // Checked by the registry's schema like a pushed op: a server bug never writes a malformed op.
  const parsed = parsePayload(type, { v: opRegistry[type].version, ...payload });
  assert(parsed.ok, `server op ${type}: ${parsed.ok ? '' : parsed.error.issues.join('; ')}`);
  const op = {
    id: randomUUID(),
    deviceId: ctx.device.id,
    seq: 0,
    type,
    entityId: lineId,
    actorId: ctx.user.id,
    recordedAt: isoTime(ctx.receivedAt),
    payload: parsed.value,
  } as unknown as ServerOp;
  return recordServerOp(trx, ctx, op);
}

/** Runs a step; a `StepRefused` thrown inside rolls the step back and becomes its error. */
export async function runStep<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: RequestErrorCode }> {
  try {
    return { ok: true, value: await db.transaction().execute(work) };
  } catch (error) {
    if (error instanceof StepRefused) return { ok: false, error: error.refusal };
    throw error;
  }
}
