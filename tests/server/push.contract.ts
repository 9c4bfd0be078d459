/**
 * The push contract (docs/protocol.md "Push"), run on SQLite (push.test.ts) and PostgreSQL
 * (push.pg.test.ts): idempotency, seqs and gaps, per-op rejections, and the envelope.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { isPostgres } from '../../src/server/db/dialect';
import pushRequest from '../fixtures/protocol/push-request.json';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { opResultMessagesVi } from '../../src/protocol/op-messages.vi';
import type { MakeDb } from '../../src/server/testing/databases';
import { AMOUNT, BENEFICIARIES, createPushWorld, LINES, type World } from '../../src/server/testing/push-world';

export function runPushContract(name: string, makeDb: MakeDb): void {
  describe(`push (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    test('a payment is applied once and answered with the line’s new version', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      const { results } = await w.push(payer, [op]);
      expect(results).toEqual([{ id: op['id'], status: 'applied', version: 2 }]);
      const line = await w.entity('payment-line', LINES.due);
      expect(line?.data).toMatchObject({ status: 'paid', payment: { opId: op['id'], amount: AMOUNT } });
    });

    test('the op log is append-only: the database itself refuses to change or delete a row', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      await w.push(payer, [op]);
      const db = w.h.db.kysely;
      const id = String(op['id']);
      await expect(db.updateTable('ops').set({ status: 'rejected' }).where('op_id', '=', id).execute()).rejects.toThrow(
        /append-only/u,
      );
      await expect(db.deleteFrom('ops').where('op_id', '=', id).execute()).rejects.toThrow(/append-only/u);
      const row = await db.selectFrom('ops').select(['status']).where('op_id', '=', id).executeTakeFirst();
      expect(row?.status).toBe('applied');
      // Nor around the triggers: SQLite's REPLACE deletes without firing them, and PostgreSQL's
      // TRUNCATE fires no row trigger.
      if (isPostgres(db)) {
        await expect(sql`truncate ops`.execute(db)).rejects.toThrow(/append-only/u);
      } else {
        await sql`insert or replace into ops (op_id, device_id, user_id, seq, received_at, envelope, status)
          values (${id}, 'dev-x', 'user-x', null, 0, '{}', 'rejected')`.execute(db);
        const seq = await db.selectFrom('ops').select(['seq', 'device_id']).where('op_id', '=', id).executeTakeFirst();
        await sql`insert or replace into ops (op_id, device_id, user_id, seq, received_at, envelope, status)
          values ('other-id', ${seq?.device_id ?? ''}, 'user-x', ${seq?.seq ?? 0}, 0, '{}', 'rejected')`.execute(db);
      }
      const after = await db
        .selectFrom('ops')
        .select(['status', 'envelope'])
        .where('op_id', '=', id)
        .executeTakeFirst();
      expect(after).toMatchObject({ status: 'applied' });
      expect(JSON.parse(after?.envelope ?? '{}')).toMatchObject({ id });
      expect(
        await db.selectFrom('ops').select('op_id').where('op_id', '=', 'other-id').executeTakeFirst(),
      ).toBeUndefined();
    });

    test('an enrolment on an existing id never overwrites the person: rejected already-enrolled', async () => {
      const { officer } = w.actors;
      const before = await w.entity('beneficiary', BENEFICIARIES.active);
      const identity = {
        communeCode: '19960',
        fullName: 'Kẻ Giả Danh',
        birthDate: '1950',
        gender: 'male',
        category: 'k5c',
      };
      const create = w.op(officer, 'beneficiary.create', BENEFICIARIES.active, identity);
      // Decision fields an update refuses are no enrolment's to give either.
      const decided = w.op(officer, 'beneficiary.create', 'b-other', {
        ...identity,
        status: 'deceased',
        monthlyAmount: 9_000_000,
        code: 'BT-GIA',
        decisionNo: '99/QĐ',
      });
      const { results } = await w.push(officer, [create, decided]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'already-enrolled' });
      expect(results[1]).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      expect(await w.entity('beneficiary', BENEFICIARIES.active)).toEqual(before);
    });

    test('roster fields are checked by the domain’s rules on the server too', async () => {
      const { officer } = w.actors;
      const before = await w.entity('beneficiary', BENEFICIARIES.active);
      const bad = [
        { fullName: 'A'.repeat(100_000) },
        { idNumber: "' OR '1'='1" },
        { phone: "' OR '1'='1" },
        { birthDate: '2024-13-45' },
        { birthDate: '0000-00-00' },
        { birthDate: '3000-01-01' },
        {
          representative: {
            kind: 'guardian',
            fullName: 'B',
            idNumber: '123',
            relationship: 'con',
            phone: null,
            paperRef: null,
            validUntil: null,
          },
        },
      ];
      const { results } = await w.push(
        officer,
        bad.map((patch) => w.op(officer, 'beneficiary.update', BENEFICIARIES.active, patch)),
      );
      expect(results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual(
        bad.map(() => ['rejected', 'invalid-payload']),
      );
      expect(await w.entity('beneficiary', BENEFICIARIES.active)).toEqual(before);
      // What the rules accept still goes through: a year alone, a CMND, a mobile number.
      const fine = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, {
        birthDate: '1948',
        oldIdNumber: '191999002',
        phone: '0912 345 678',
      });
      expect((await w.push(officer, [fine])).results[0]).toMatchObject({ status: 'applied' });
    });

    test('what the commune’s devices pull never names another user’s device', async () => {
      const { payer, payer2, officer } = w.actors;
      const check = {
        person: 'beneficiary',
        method: 'manual',
        fields: { idNumber: 'match', fullName: 'match', birthDate: 'match', gender: 'match' },
        overall: 'match',
      };
      await w.push(payer, [
        w.op(
          payer,
          'payment.record',
          LINES.due,
          { amount: AMOUNT, receiver: { kind: 'self' }, idCheck: check },
          // Op ids are UUIDs on a real device; the test world's name the device.
          { id: 'b7e3c1a0-0001' },
        ),
      ]);
      // A second payment of the line: a conflict, whose sides name who and from which device.
      await w.push(payer2, [
        w.op(
          payer2,
          'payment.record',
          LINES.due,
          { amount: AMOUNT, receiver: { kind: 'self' } },
          { id: 'b7e3c1a0-0002' },
        ),
      ]);
      const { changes } = await w.pull(officer);
      const pulled = JSON.stringify(changes);
      expect(changes.some((c) => c.entity === 'id-check')).toBe(true);
      expect(changes.some((c) => c.entity === 'conflict')).toBe(true);
      expect(pulled).not.toContain(payer.deviceId);
      expect(pulled).not.toContain(payer2.deviceId);
    });

    test('op ids are a device’s own: another device’s op with the same id is judged on its own', async () => {
      const { payer, payer2 } = w.actors;
      // Another user pushes first with the id the payer's pending op will use.
      const squat = w.op(payer2, 'payment.unpaid', LINES.due2, { reason: 'absent' }, { id: 'op-shared-id' });
      const real = w.op(payer, 'payment.record', LINES.due, undefined, { id: 'op-shared-id' });
      expect((await w.push(payer2, [squat])).results[0]).toMatchObject({ status: 'applied' });
      expect((await w.push(payer, [real])).results[0]).toMatchObject({ status: 'applied' });
      expect(await w.entity('payment-line', LINES.due)).toMatchObject({ data: { status: 'paid' } });
      // The same device resending that id with another op is refused, never answered as its duplicate.
      const other = w.op(payer, 'payment.record', LINES.due2, undefined, { id: 'op-shared-id' });
      expect((await w.push(payer, [other])).results[0]).toMatchObject({ status: 'rejected', code: 'op-id-reused' });
      expect(await w.entity('payment-line', LINES.due2)).toMatchObject({ data: { status: 'unpaid' } });
      // An exact resend is a replay.
      expect((await w.push(payer, [real])).results[0]).toMatchObject({ status: 'duplicate', code: 'applied' });
    });

    test('a replay answers duplicate with the first outcome and changes nothing', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      const bad = w.op(payer, 'payment.record', LINES.due2, { amount: 1, receiver: { kind: 'self' } });
      await w.push(payer, [op, bad]);
      const before = await w.entity('payment-line', LINES.due);
      const { results } = await w.push(payer, [op, bad]);
      expect(results).toEqual([
        { id: op['id'], status: 'duplicate', code: 'applied', version: 2 },
        {
          id: bad['id'],
          status: 'duplicate',
          code: 'rejected',
          firstCode: 'amount-mismatch',
          message: opResultMessagesVi['amount-mismatch'],
        },
      ]);
      expect(await w.entity('payment-line', LINES.due)).toEqual(before);
      expect(await w.opsCount()).toBe(2);
    });

    test('30 copies of one op arriving at the same moment are applied exactly once', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      const answers = await Promise.all(Array.from({ length: 30 }, () => w.push(payer, [op])));
      const statuses = answers.map((a) => a.results[0]?.status);
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(29);
      for (const a of answers) expect(a.results[0]).toMatchObject({ version: 2 });
      expect(await w.opsCount()).toBe(1);
      expect((await w.entity('payment-line', LINES.due))?.version).toBe(2);
    });

    test('30 different payments of one line at the same moment: one is counted, 29 are conflicts', async () => {
      const payers = [w.actors.payer, w.actors.payer2, w.actors.officer];
      const pushes = Array.from({ length: 30 }, (_, i) => {
        const who = payers[i % payers.length] ?? w.actors.payer;
        return w.push(who, [w.op(who, 'payment.record', LINES.due)]);
      });
      const results = (await Promise.all(pushes)).map((a) => a.results[0]);
      expect(results.filter((r) => r?.status === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r?.status === 'conflict' && r.code === 'already-paid')).toHaveLength(29);
      const line = await w.entity('payment-line', LINES.due);
      expect(line?.data['status']).toBe('paid');
      expect(line?.data['conflicts']).toHaveLength(29);
      expect(line?.version).toBe(31);
    });

    test('another op with a used seq is rejected seq-reused and logged without taking the seq', async () => {
      const { payer } = w.actors;
      const first = w.op(payer, 'payment.unpaid', LINES.due);
      const reuse: Record<string, unknown> = { ...w.op(payer, 'payment.record', LINES.due2), seq: first['seq'] };
      await w.push(payer, [first]);
      const { results } = await w.push(payer, [reuse]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'seq-reused' });
      const rows = await w.h.db.kysely
        .selectFrom('ops')
        .select(['op_id', 'seq', 'status'])
        .orderBy('received_at')
        .execute();
      expect(rows.map((r) => [r.op_id, r.seq === null ? null : Number(r.seq), r.status])).toEqual([
        [first['id'], 1, 'applied'],
        [reuse['id'], null, 'rejected'],
      ]);
      expect((await w.entity('payment-line', LINES.due2))?.data['status']).toBe('due');
    });

    test('a gap in seq is applied, logged with the device and range, stored, and shrinks when the op arrives', async () => {
      const { payer } = w.actors;
      const ops = [1, 2, 3, 4, 5].map(() => w.op(payer, 'payment.unpaid', LINES.due));
      const { results } = await w.push(payer, [ops[0], ops[1], ops[4]], 5);
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const warned = w.h.logger.lines.filter((l) => l.includes('seq gap'));
      expect(warned).toHaveLength(1);
      expect(JSON.parse(warned[0] ?? '{}')).toMatchObject({
        level: 'warn',
        deviceId: payer.deviceId,
        fromSeq: 3,
        toSeq: 4,
      });
      const gaps = () =>
        w.h.db.kysely
          .selectFrom('seq_gaps')
          .select(['from_seq', 'to_seq'])
          .where('device_id', '=', payer.deviceId)
          .execute();
      expect((await gaps()).map((g) => [Number(g.from_seq), Number(g.to_seq)])).toEqual([[3, 4]]);
      await w.push(payer, [ops[2]], 5);
      expect((await gaps()).map((g) => [Number(g.from_seq), Number(g.to_seq)])).toEqual([[4, 4]]);
      await w.push(payer, [ops[3]], 5);
      expect(await gaps()).toEqual([]);
    });

    test('lastSeq is stored next to the highest seq received', async () => {
      const { payer } = w.actors;
      await w.push(payer, [w.op(payer, 'payment.unpaid', LINES.due), w.op(payer, 'payment.unpaid', LINES.due)], 9);
      const device = await w.h.db.kysely
        .selectFrom('devices')
        .select(['last_seq_reported', 'max_seq_received'])
        .where('id', '=', payer.deviceId)
        .executeTakeFirstOrThrow();
      expect([Number(device.last_seq_reported), Number(device.max_seq_received)]).toEqual([9, 2]);
      // An older batch retried later does not move lastSeq back.
      await w.push(payer, [w.op(payer, 'payment.unpaid', LINES.due)], 3);
      const again = await w.h.db.kysely
        .selectFrom('devices')
        .select('last_seq_reported')
        .where('id', '=', payer.deviceId)
        .executeTakeFirstOrThrow();
      expect(Number(again.last_seq_reported)).toBe(9);
    });

    test('a malformed op is rejected on its own; the ops around it are applied', async () => {
      const { payer } = w.actors;
      const good1 = w.op(payer, 'payment.unpaid', LINES.due);
      const bad: Record<string, unknown> = {
        ...w.op(payer, 'payment.record', LINES.due2),
        payload: { amount: '1000000' },
      };
      const good2 = w.op(payer, 'payment.record', LINES.due2);
      const { results } = await w.push(payer, [good1, bad, good2]);
      expect(results.map((r) => [r.status, 'code' in r ? r.code : undefined])).toEqual([
        ['applied', undefined],
        ['rejected', 'invalid-payload'],
        ['applied', undefined],
      ]);
      const logged = await w.h.db.kysely
        .selectFrom('ops')
        .selectAll()
        .where('op_id', '=', String(bad['id']))
        .executeTakeFirstOrThrow();
      expect(logged).toMatchObject({ status: 'rejected', code: 'invalid-payload', type: 'payment.record' });
      expect(JSON.parse(logged.envelope)).toEqual(bad);
    });

    test('an amount that differs from the line’s is rejected amount-mismatch and the line stays due', async () => {
      const { payer } = w.actors;
      const { results } = await w.push(payer, [
        w.op(payer, 'payment.record', LINES.due, { amount: AMOUNT - 1000, receiver: { kind: 'self' } }),
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'amount-mismatch' });
      expect((await w.entity('payment-line', LINES.due))?.version).toBe(1);
    });

    test('an op about an entity the server does not hold is rejected unknown-entity', async () => {
      const { payer, officer } = w.actors;
      const a = await w.push(payer, [w.op(payer, 'payment.record', 'line-nope')]);
      const b = await w.push(officer, [w.op(officer, 'beneficiary.update', 'b-nope')]);
      expect([a.results[0], b.results[0]]).toMatchObject([
        { status: 'rejected', code: 'unknown-entity' },
        { status: 'rejected', code: 'unknown-entity' },
      ]);
    });

    test('an op naming another device or another actor is rejected forbidden', async () => {
      const { payer, payer2 } = w.actors;
      const { results } = await w.push(payer, [
        w.op(payer, 'payment.record', LINES.due, undefined, { deviceId: payer2.deviceId }),
        w.op(payer, 'payment.record', LINES.due, undefined, { actorId: payer2.userId }),
      ]);
      expect(results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
      ]);
      expect((await w.entity('payment-line', LINES.due))?.version).toBe(1);
    });

    test('an unreadable envelope is 400 and records nothing', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      for (const body of [
        { protocol: 1, deviceId: payer.deviceId, lastSeq: 1, ops: [{ ...op, id: undefined }] },
        { protocol: 1, deviceId: payer.deviceId, ops: [op] },
        { protocol: 1, deviceId: payer.deviceId, lastSeq: 1, ops: [] },
        '{"protocol":1,',
      ]) {
        const res = await w.h.request('/api/sync/push', { token: payer.token, body });
        expect(res.status).toBe(400);
        expect(errorBodySchema.parse(await res.json()).error.code).toMatch(/^invalid-(json|body)$/);
      }
      expect(await w.opsCount()).toBe(0);
    });

    test('the recorded push request (the pinned contract) passes op by op', async () => {
      const { supervisor } = w.actors;
      const ops = pushRequest.ops.map((op) => ({ ...op, deviceId: supervisor.deviceId, actorId: supervisor.userId }));
      const { results } = await w.push(supervisor, ops, pushRequest.lastSeq);
      expect(results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
        'applied',
        'applied',
        // The fixture's second beneficiary and its lines are not in this world.
        'rejected',
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(results.slice(4).map((r) => (r.status === 'rejected' ? r.code : null))).toEqual(
        Array(4).fill('unknown-entity'),
      );
      expect((await w.entity('beneficiary', 'ben-0001'))?.data).toMatchObject({
        fullName: 'Lê Gia Bảo',
        phone: '0912000111',
        representative: { kind: 'guardian', relationship: 'cô ruột' },
        paymentMethod: 'bank',
        accountStatus: 'submitted',
      });
    });

    test('a body naming another device is 403 and records nothing', async () => {
      const { payer, payer2 } = w.actors;
      const res = await w.pushRaw(payer, [w.op(payer, 'payment.record', LINES.due)], 1, payer2.deviceId);
      expect(res.status).toBe(403);
      expect(await w.opsCount()).toBe(0);
    });
  });
}
