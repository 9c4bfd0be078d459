import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDirectWorld, seedDueLines, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { pgDbMaker } from '../testing/databases';
import { AMOUNT, PHU_BAI } from '../testing/push-world';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
const makeDb = pgDbMaker(url);

const LINE_COUNT = 60;
const lineIds = Array.from({ length: LINE_COUNT }, (_, i) => `cc-line-${String(i).padStart(3, '0')}`);

describe('commit groups (PostgreSQL)', () => {
  let w: DirectWorld;
  let a: DirectActor;
  let b: DirectActor;
  beforeEach(async () => {
    w = await createDirectWorld({ db: await makeDb() });
    a = await w.addActor('payer-a', 'payer', [PHU_BAI]);
    b = await w.addActor('payer-b', 'payer', [PHU_BAI]);
    await seedDueLines(w, lineIds);
  });
  afterEach(() => w.close());

  test('two devices paying the same lines in opposite orders: no deadlock, one answer per op, one payment per line', async () => {
    const forward = lineIds.map((id) => w.op(a, 'payment.record', id));
    const backward = [...lineIds].reverse().map((id) => w.op(b, 'payment.record', id));
    // Each device also replays its own batch at the same time: a retry racing the first send.
    const [first, second, replayA, replayB] = await Promise.all([
      w.push(a, forward),
      w.push(b, backward),
      w.push(a, forward),
      w.push(b, backward),
    ]);

    // Every op answered once, in the order sent.
    expect(first.results.map((r) => r.id)).toEqual(forward.map((op) => op['id']));
    expect(second.results.map((r) => r.id)).toEqual(backward.map((op) => op['id']));
    expect(replayA.results.map((r) => r.id)).toEqual(forward.map((op) => op['id']));
    expect(replayB.results.map((r) => r.id)).toEqual(backward.map((op) => op['id']));
    // Of the two sends of one op, at most one applied it; the other answers `duplicate`.
    for (const [x, y] of [
      [first, replayA],
      [second, replayB],
    ] as const) {
      x.results.forEach((r, i) => {
        const statuses = [r.status, y.results[i]?.status].sort();
        expect(statuses[0]).not.toBe(statuses[1]);
        expect(statuses).toContain('duplicate');
      });
    }

    // Each line paid once: one applied payment and one `already-paid` conflict.
    const rows = await w.db.kysely.selectFrom('ops').select(['op_id', 'entity_id', 'status', 'code']).execute();
    expect(rows).toHaveLength(2 * LINE_COUNT);
    for (const id of lineIds) {
      const mine = rows.filter((r) => r.entity_id === id).map((r) => `${r.status}:${r.code ?? ''}`);
      expect(mine.sort()).toEqual(['applied:', 'conflict:already-paid']);
    }
    const lines = await w.db.kysely
      .selectFrom('entities')
      .select(['data'])
      .where('entity', '=', 'payment-line')
      .where('id', 'in', lineIds)
      .execute();
    const paid = lines
      .map((l) => JSON.parse(l.data ?? 'null') as { status: string; payment?: { amount: number } | null })
      .filter((d) => d.status === 'paid')
      .reduce((sum, d) => sum + (d.payment?.amount ?? 0), 0);
    expect(paid).toBe(LINE_COUNT * AMOUNT);

    // One counter: every change has its own sequence and the counter is the highest one.
    const seqs = await w.db.kysely.selectFrom('entities').select('change_seq').execute();
    const counter = await w.db.kysely.selectFrom('change_counter').select('value').executeTakeFirstOrThrow();
    expect(new Set(seqs.map((s) => Number(s.change_seq))).size).toBe(seqs.length);
    expect(Number(counter.value)).toBe(Math.max(...seqs.map((s) => Number(s.change_seq))));
    // Seq bookkeeping saw every op of both devices.
    const devices = await w.db.kysely.selectFrom('devices').select(['id', 'max_seq_received']).execute();
    expect(devices.map((d) => [d.id, Number(d.max_seq_received)]).sort()).toEqual(
      [
        [a.deviceId, LINE_COUNT],
        [b.deviceId, LINE_COUNT],
      ].sort(),
    );
  }, 30_000);

  test('an op rolled back inside a group leaves its neighbours, the lines and the counter right', async () => {
    const [l0 = '', l1 = ''] = lineIds;
    const pay = w.op(a, 'payment.record', l0);
    const again = w.op(a, 'payment.record', l0);
    const next = w.op(a, 'payment.record', l1);
    // The same op twice: the second copy rolls back to its savepoint and answers duplicate.
    const { results } = await w.push(a, [pay, pay, again, next]);
    expect(results.map((r) => (r.status === 'conflict' ? r.code : r.status))).toEqual([
      'applied',
      'duplicate',
      'already-paid',
      'applied',
    ]);
    // The later op of the group read the line as the earlier one wrote it (version 2 → 3).
    expect(results[2]).toMatchObject({ version: 3 });
    const rows = await w.db.kysely
      .selectFrom('entities')
      .select(['id', 'version', 'change_seq'])
      .where('id', 'in', [l0, l1])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.id, Number(r.version)])).toEqual([
      [l0, 3],
      [l1, 2],
    ]);
    const seqs = await w.db.kysely.selectFrom('entities').select('change_seq').execute();
    const counter = await w.db.kysely.selectFrom('change_counter').select('value').executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(Math.max(...seqs.map((s) => Number(s.change_seq))));
    // Only what the group wrote is newer than the seed: line, conflict and line, then the other line.
    const seeded = Number(counter.value) - 4;
    expect(seqs.filter((s) => Number(s.change_seq) > seeded)).toHaveLength(3);
  });
});
