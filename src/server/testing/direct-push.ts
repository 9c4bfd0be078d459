/**
 * The push world without HTTP or password hashing: `applyPush` over a real database, for
 * property tests, the authorisation matrix and the benchmark, which run many small worlds.
 */
import { fixedClock } from '../../lib/clock';
import type { Role } from '../../domain/vocabulary';
import type { User } from '../../protocol/auth';
import { pushRequestSchema, type PushResponse } from '../../protocol/push';
import type { AppDatabase } from '../db/database';
import { createMemoryLogger } from '../logger';
import { applyPush } from '../services/push';
import { GROUP_RERUN_LOG } from '../services/push-group-pg';
import { makeSqliteDb } from './databases';
import { TEST_NOW } from './harness';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { putEntities } from '../services/entity-store';
import { AMOUNT, BENEFICIARIES, opBuilder, PHU_BAI, seedWorld } from './push-world';

export type DirectActor = { user: User; userId: string; deviceId: string; seq: number };
export type DirectWorld = Awaited<ReturnType<typeof createDirectWorld>>;

/** `holdWritesBack: false`: PostgreSQL groups write op by op (push-group-pg.ts), to compare both ways. */
export async function createDirectWorld(options: { db?: AppDatabase; holdWritesBack?: boolean } = {}) {
  const db = options.db ?? (await makeSqliteDb());
  const clock = fixedClock(TEST_NOW);
  const logger = createMemoryLogger();
  await seedWorld(db.kysely, clock.now());

  const addActor = async (username: string, role: Role, communes: string[]): Promise<DirectActor> => {
    const user: User = { id: `user-${username}`, username, displayName: `Người dùng ${username}`, role, communes };
    const now = clock.now();
    await db.kysely
      .insertInto('users')
      .values({
        id: user.id,
        username,
        display_name: user.displayName,
        role,
        communes: JSON.stringify(communes),
        password_hash: 'not-used',
        created_at: now,
        disabled: 0,
      })
      .execute();
    const deviceId = `dev-${username}`;
    await db.kysely
      .insertInto('devices')
      .values({
        id: deviceId,
        user_id: user.id,
        name: `Máy ${username}`,
        status: 'active',
        last_seq_reported: 0,
        max_seq_received: 0,
        last_seen_at: now,
        created_at: now,
      })
      .execute();
    return { user, userId: user.id, deviceId, seq: 1 };
  };

  const push = async (who: DirectActor, ops: unknown[], lastSeq = who.seq - 1): Promise<PushResponse> => {
    // Read as the route reads it, so the ops reach applyPush exactly as from HTTP.
    const body = pushRequestSchema.parse({ protocol: 1, deviceId: who.deviceId, lastSeq, ops });
    const result = await applyPush(db, who.user, { id: who.deviceId }, body, {
      clock,
      logger,
      holdWritesBack: options.holdWritesBack,
    });
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };

  /** Everything a push can change, in a stable order (for "twice equals once"). */
  const snapshot = async () => ({
    entities: await db.kysely.selectFrom('entities').selectAll().orderBy('change_seq').execute(),
    ops: await db.kysely.selectFrom('ops').selectAll().orderBy('op_id').execute(),
    conflicts: await db.kysely.selectFrom('conflicts').selectAll().orderBy('id').execute(),
    devices: await db.kysely
      .selectFrom('devices')
      .select(['id', 'last_seq_reported', 'max_seq_received', 'status'])
      .orderBy('id')
      .execute(),
    gaps: await db.kysely.selectFrom('seq_gaps').selectAll().orderBy('device_id').orderBy('from_seq').execute(),
  });

  /** The commit groups run again op by op (PostgreSQL), as logged: ids and counts. */
  const reruns = (): Record<string, unknown>[] =>
    logger.lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['msg'] === GROUP_RERUN_LOG);

  return { db, clock, logger, addActor, push, op: opBuilder(), snapshot, reruns, close: () => db.close() };
}

/** Due payment lines of the active Phú Bài person, one per id, written as a monthly list's are. */
export async function seedDueLines(world: DirectWorld, ids: readonly string[]): Promise<void> {
  await world.db.kysely.transaction().execute((trx) =>
    putEntities(
      trx,
      ids.map((id) => ({
        entity: 'payment-line' as const,
        id,
        communeCode: PHU_BAI,
        data: paymentLineData({ beneficiaryId: BENEFICIARIES.active, communeCode: PHU_BAI, amount: AMOUNT }),
      })),
      { now: world.clock.now() },
    ),
  );
}
