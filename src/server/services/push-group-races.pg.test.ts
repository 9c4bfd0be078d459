import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PushResponse } from '../../protocol/push';
import { createDirectWorld, seedDueLines, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { pgDbMaker } from '../testing/databases';
import { AMOUNT, BENEFICIARIES, PHU_BAI } from '../testing/push-world';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
const makeDb = pgDbMaker(url);

// More than one commit group per push (push-group-pg.ts: at most 250 ops each).
const LINE_COUNT = 300;
const lineIds = Array.from({ length: LINE_COUNT }, (_, i) => `race-line-${String(i).padStart(3, '0')}`);

/** A fixed permutation per device (strides prime to 300): each meets the lines in its own order. */
const STRIDES = [1, 7, LINE_COUNT - 1] as const;
const orderFor = (k: number): string[] =>
  lineIds.map((_, i) => lineIds[(i * (STRIDES[k] ?? 1) + k * 31) % LINE_COUNT] ?? '');

describe('commit groups under concurrent pushes (PostgreSQL)', () => {
  let w: DirectWorld;
  beforeEach(async () => {
    w = await createDirectWorld({ db: await makeDb() });
    await seedDueLines(w, lineIds);
  });
  afterEach(() => w.close());

  test('three devices pay every line in different orders, one editing the person: no deadlock, nothing lost or doubled', async () => {
    const devices: DirectActor[] = [];
    for (const name of ['officer-a', 'officer-b', 'officer-c'])
      devices.push(await w.addActor(name, 'officer', [PHU_BAI]));
    const before = await entityVersion(BENEFICIARIES.active);
    const batches = devices.map((who, k) =>
      orderFor(k).flatMap((line, i) => {
        const pay = w.op(who, 'payment.record', line);
        // Device c also edits the person every line belongs to (each group holds their row and
        // writes it back); a and b lock lines only, so their groups can meet in the middle.
        return k === 2 && i % 10 === 0
          ? [pay, w.op(who, 'beneficiary.update', BENEFICIARIES.active, { phone: phone(k, i) })]
          : [pay];
      }),
    );
    const [deviceA] = devices;
    const [batchA = []] = batches;
    if (!deviceA) throw new Error('no device');
    const answers = await Promise.all([
      ...devices.map((who, k) => w.push(who, batches[k] ?? [])),
      w.push(deviceA, batchA),
    ]);

    // Every op answered once, in the order sent; the replay of device a's batch applied nothing twice.
    answers.forEach((answer, k) => {
      expect(answer.results.map((r) => r.id)).toEqual((batches[k % 3] ?? []).map((op) => op['id']));
    });
    answers[0]?.results.forEach((r, i) => {
      expect([r.status, answers[3]?.results[i]?.status]).toContain('duplicate');
    });

    const rows = await w.db.kysely.selectFrom('ops').select(['entity_id', 'type', 'status', 'code']).execute();
    expect(rows).toHaveLength(batches.flat().length);
    for (const id of lineIds) {
      const outcomes = rows.filter((r) => r.entity_id === id).map((r) => `${r.status}:${r.code ?? ''}`);
      expect(outcomes.sort()).toEqual(['applied:', 'conflict:already-paid', 'conflict:already-paid']);
    }
    // Each applied edit of the person moved its version by one.
    const edits = rows.filter((r) => r.type === 'beneficiary.update');
    expect(edits.every((r) => r.status === 'applied')).toBe(true);
    expect(await entityVersion(BENEFICIARIES.active)).toBe(before + edits.length);

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

    const seqs = (await w.db.kysely.selectFrom('entities').select('change_seq').execute()).map((s) =>
      Number(s.change_seq),
    );
    const counter = await w.db.kysely.selectFrom('change_counter').select('value').executeTakeFirstOrThrow();
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Number(counter.value)).toBe(Math.max(...seqs));
  }, 60_000);

  test('an op another request records while the group holds it back: the group runs again, nothing doubled', async () => {
    const a = await w.addActor('payer-a', 'payer', [PHU_BAI]);
    const [l0 = '', l1 = ''] = lineIds;
    const first = w.op(a, 'payment.record', l0);
    const raced = w.op(a, 'payment.record', l1);
    let pushed: Promise<PushResponse> | undefined;
    await w.db.kysely.transaction().execute(async (trx) => {
      // Another copy of `raced`, recorded by a request that has not committed yet.
      await trx
        .insertInto('ops')
        .values({
          op_id: String(raced['id']),
          device_id: a.deviceId,
          user_id: a.userId,
          seq: Number(raced['seq']),
          type: 'payment.record',
          entity_id: l1,
          recorded_at: String(raced['recordedAt']),
          received_at: w.clock.now(),
          envelope: JSON.stringify(raced),
          status: 'applied',
          code: null,
          detail: null,
          version: 7,
          imported_by: null,
        })
        .execute();
      pushed = w.push(a, [first, raced]);
      // The group decided both ops and waits to write their op log rows behind the copy's.
      await expect.poll(waitingOpInserts, { timeout: 15_000, interval: 20 }).toBeGreaterThan(0);
    });
    const { results } = await (pushed ?? Promise.reject(new Error('not pushed')));

    // The group held both op log rows back, found one taken when it wrote them, and ran again
    // op by op (without holding back, the op's own insert would wait and answer it instead).
    expect(w.reruns()).toEqual([
      expect.objectContaining({
        deviceId: a.deviceId,
        ops: 2,
        reason: 'an op of the group was recorded by another request',
      }),
    ]);

    expect(results).toEqual([
      { id: first['id'], status: 'applied', version: 2 },
      { id: raced['id'], status: 'duplicate', code: 'applied', version: 7 },
    ]);
    const rows = await w.db.kysely.selectFrom('ops').select(['op_id', 'version']).orderBy('op_id').execute();
    expect(rows.map((r) => [r.op_id, Number(r.version)])).toEqual([
      [first['id'], 2],
      [raced['id'], 7],
    ]);
    // The copy's line was not paid by this push: only the other request's op speaks for it.
    const stored = await w.db.kysely
      .selectFrom('entities')
      .select(['id', 'version', 'data'])
      .where('id', 'in', [l0, l1])
      .orderBy('id')
      .execute();
    expect(
      stored.map((s) => [s.id, Number(s.version), (JSON.parse(s.data ?? '{}') as { status: string }).status]),
    ).toEqual([
      [l0, 2, 'paid'],
      [l1, 1, 'due'],
    ]);
  });

  async function entityVersion(id: string): Promise<number> {
    const row = await w.db.kysely
      .selectFrom('entities')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.version);
  }

  /** Statements inserting op log rows that wait for another transaction's lock. */
  async function waitingOpInserts(): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where wait_event_type = 'Lock' and query ~* '^\\s*insert into "?ops"?'`.execute(w.db.kysely);
    return rows[0]?.n ?? 0;
  }
});

const phone = (device: number, i: number): string => `09${String(device)}${String(i).padStart(7, '0')}`;
