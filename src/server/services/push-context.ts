/** What every op family needs while applying one op: who pushed it, from where, and when. */
import type { Kysely } from 'kysely';
import type { User } from '../../protocol/auth';
import type { ConflictSide } from '../../protocol/conflicts';
import type { Op } from '../../protocol/ops';
import type { Database } from '../db/schema';
import type { OpOutcome } from './op-log';

export type PushContext = {
  /** The token's user: the only actor an op may name. */
  user: User;
  /** The token's device: the only device an op may name. */
  device: { id: string; name: string | null };
  /** Server clock when the op is applied (epoch ms). */
  receivedAt: number;
  /** The supervisor or admin who imported the op from the device's outbox file (not a push). */
  importedBy?: string | undefined;
};

/** What applying one op gives: its outcome, and blob hashes it flagged missing (re-checked after commit). */
export type Applied = { outcome: OpOutcome; missingBlobs?: string[] };

export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

export type Provenance = Pick<
  ConflictSide,
  'opId' | 'userId' | 'userName' | 'deviceId' | 'deviceName' | 'recordedAt' | 'receivedAt'
>;

export const noProvenance: Provenance = {
  opId: null,
  userId: null,
  userName: null,
  deviceId: null,
  deviceName: null,
  recordedAt: null,
  receivedAt: null,
};

/** The op being applied: its actor is the token's user and its device the token's device (checked before). */
export function incomingProvenance(ctx: PushContext, op: Op): Provenance {
  return {
    opId: op.id,
    userId: ctx.user.id,
    userName: ctx.user.displayName,
    // Synced to the commune's devices: the device's name, never its id (issue 13, finding 1).
    deviceId: null,
    deviceName: ctx.device.name,
    recordedAt: op.recordedAt,
    receivedAt: isoTime(ctx.receivedAt),
  };
}

/** Who sent an earlier op and when, from the op log (null fields when the op is not there, e.g. imported data). */
export async function provenanceOfOp(db: Kysely<Database>, opId: string | null): Promise<Provenance> {
  if (opId === null) return noProvenance;
  const row = await db
    .selectFrom('ops')
    .leftJoin('users', 'users.id', 'ops.user_id')
    .leftJoin('devices', 'devices.id', 'ops.device_id')
    .select(['ops.user_id', 'ops.recorded_at', 'ops.received_at', 'users.display_name', 'devices.name as device_name'])
    .where('ops.op_id', '=', opId)
    .executeTakeFirst();
  if (!row) return { ...noProvenance, opId };
  return {
    opId,
    userId: row.user_id,
    userName: row.display_name,
    deviceId: null,
    deviceName: row.device_name,
    recordedAt: row.recorded_at,
    receivedAt: isoTime(Number(row.received_at)),
  };
}
