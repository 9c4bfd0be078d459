import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDirectWorld, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { LINES, PHU_BAI } from '../testing/push-world';

/** Makes the op log refuse one op id with an SQLite error: an unexpected failure in the middle of a batch. */
async function failOn(w: DirectWorld, opId: unknown): Promise<void> {
  await sql
    .raw(
      `create trigger fail_op before insert on ops when new.op_id = '${String(opId)}' ` +
        `begin select raise(abort, 'injected failure'); end`,
    )
    .execute(w.db.kysely);
}

describe('commit groups (SQLite)', () => {
  let w: DirectWorld;
  let payer: DirectActor;
  beforeEach(async () => {
    w = await createDirectWorld();
    payer = await w.addActor('payer', 'payer', [PHU_BAI]);
  });
  afterEach(() => w.close());

  const line = async (id: string) => {
    const row = await w.db.kysely.selectFrom('entities').select('data').where('id', '=', id).executeTakeFirstOrThrow();
    return JSON.parse(row.data ?? 'null') as { status: string };
  };
  const device = () =>
    w.db.kysely
      .selectFrom('devices')
      .select(['max_seq_received', 'last_seq_reported'])
      .where('id', '=', payer.deviceId)
      .executeTakeFirstOrThrow();

  test('an op that fails in the middle keeps the ops before it, and a resend applies the rest once', async () => {
    const first = w.op(payer, 'payment.record', LINES.due);
    const failing = w.op(payer, 'payment.record', LINES.due2);
    const after = w.op(payer, 'payment.unpaid', LINES.deceased);
    await failOn(w, failing['id']);

    await expect(w.push(payer, [first, failing, after])).rejects.toThrow('injected failure');
    // The op before the failure is committed, as in its own transaction; nothing after it ran.
    expect(await line(LINES.due)).toMatchObject({ status: 'paid' });
    expect(await line(LINES.due2)).toMatchObject({ status: 'due' });
    const logged = await w.db.kysely.selectFrom('ops').select('op_id').execute();
    expect(logged.map((r) => r.op_id)).toEqual([first['id']]);
    // The failed push did no seq bookkeeping; the log still holds what arrived.
    expect(await device()).toMatchObject({ max_seq_received: 0, last_seq_reported: 0 });

    await sql`drop trigger fail_op`.execute(w.db.kysely);
    const { results } = await w.push(payer, [first, failing, after]);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect(await line(LINES.due2)).toMatchObject({ status: 'paid' });
    // Bookkeeping counts the op that arrived in the failed push too: no gap, highest seq 3.
    expect(await device()).toMatchObject({ max_seq_received: 3, last_seq_reported: 3 });
    expect(await w.db.kysely.selectFrom('seq_gaps').selectAll().execute()).toEqual([]);
  });

  test('an op rolled back inside a group does not undo its neighbours', async () => {
    const pay = w.op(payer, 'payment.record', LINES.due);
    const next = w.op(payer, 'payment.record', LINES.due2);
    // The same op twice in one batch: the second copy rolls back its own attempt and answers duplicate.
    const { results } = await w.push(payer, [pay, pay, next]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'duplicate', 'applied']);
    expect(await line(LINES.due)).toMatchObject({ status: 'paid' });
    expect(await line(LINES.due2)).toMatchObject({ status: 'paid' });
    const count = await w.db.kysely
      .selectFrom('ops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  test('two devices’ batches in turn keep their own users, devices and seqs', async () => {
    const payer2 = await w.addActor('payer2', 'payer', [PHU_BAI]);
    const a = w.op(payer, 'payment.record', LINES.due);
    const b = w.op(payer2, 'payment.record', LINES.due2);
    const c = w.op(payer2, 'payment.record', LINES.due);
    await w.push(payer, [a]);
    const { results } = await w.push(payer2, [b, c]);
    expect(results.map((r) => (r.status === 'conflict' ? r.code : r.status))).toEqual(['applied', 'already-paid']);
    const rows = await w.db.kysely.selectFrom('ops').select(['op_id', 'user_id', 'device_id', 'seq']).execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { op_id: a['id'], user_id: payer.userId, device_id: payer.deviceId, seq: 1 },
        { op_id: b['id'], user_id: payer2.userId, device_id: payer2.deviceId, seq: 1 },
        { op_id: c['id'], user_id: payer2.userId, device_id: payer2.deviceId, seq: 2 },
      ]),
    );
  });
});
