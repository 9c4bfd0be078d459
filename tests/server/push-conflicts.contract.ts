/**
 * Conflicts through push (docs/protocol.md "Push"), on SQLite and PostgreSQL: facts that disagree with
 * the server are kept and flagged, pulled by the commune's devices, listed for supervisors and
 * resolved by supervisors' ops.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { conflictDataSchema, conflictsResponseSchema, type ConflictData } from '../../src/protocol/conflicts';
import type { MakeDb } from '../../src/server/testing/databases';
import { BENEFICIARIES, createPushWorld, LINES, type World } from '../../src/server/testing/push-world';

export function runPushConflictContract(name: string, makeDb: MakeDb): void {
  describe(`push conflicts (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const conflictOf = async (opId: unknown): Promise<ConflictData> =>
      conflictDataSchema.parse((await w.entity('conflict', `c-${String(opId)}`))?.data);

    test('a second payment of a line is recorded as already-paid and pulled by another device of the commune', async () => {
      const { payer, payer2, officer } = w.actors;
      const { cursor } = await w.pull(officer);
      const first = w.op(payer, 'payment.record', LINES.due);
      const second = w.op(payer2, 'payment.record', LINES.due, {
        amount: 1_000_000,
        receiver: { kind: 'authorized', fullName: 'Nguyễn Văn Cường', idNumber: '046078999012' },
      });
      expect((await w.push(payer, [first])).results[0]?.status).toBe('applied');
      const { results } = await w.push(payer2, [second]);
      expect(results[0]).toMatchObject({ status: 'conflict', code: 'already-paid', version: 3 });

      const line = await w.entity('payment-line', LINES.due);
      expect(line?.data).toMatchObject({
        status: 'paid',
        payment: { opId: first['id'] },
        conflicts: [{ code: 'already-paid', kind: 'payment', counted: false, fact: { opId: second['id'] } }],
      });
      const conflict = await conflictOf(second['id']);
      expect(conflict).toMatchObject({
        code: 'already-paid',
        status: 'open',
        communeCode: '19960',
        communeName: 'Phường Phú Bài',
        beneficiaryName: 'Trần Thị Hoa',
        subject: { entity: 'payment-line', id: LINES.due },
        earlier: {
          kind: 'payment',
          isCurrent: true,
          opId: first['id'],
          userName: 'Người dùng payer',
          deviceId: null,
        },
        incoming: {
          kind: 'payment',
          isCurrent: false,
          opId: second['id'],
          deviceId: null,
          receiver: { kind: 'authorized', fullName: 'Nguyễn Văn Cường' },
          recordedAt: '2026-11-15T09:00:00.000+07:00',
        },
      });

      const pulled = await w.pull(officer, cursor);
      // Pull holds the latest state of each entity once, in commit order.
      expect(pulled.changes.map((c) => `${c.entity}/${c.id}@${c.version}`)).toEqual([
        `payment-line/${LINES.due}@3`,
        `conflict/c-${String(second['id'])}@1`,
      ]);
      // The other commune's officer sees none of it.
      const other = await w.pull(w.actors.officerLa);
      expect(other.changes.some((c) => c.entity === 'conflict')).toBe(false);
    });

    test('a card check carried by a payment or a visit becomes an id-check of the line, also when the payment conflicts', async () => {
      const { payer, payer2, officer } = w.actors;
      const skipped = {
        person: 'beneficiary',
        method: 'not-possible',
        reason: 'no-card',
        fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' },
        overall: 'incomplete',
      };
      const typed = {
        person: 'authorized',
        method: 'manual',
        fields: { idNumber: 'match', fullName: 'match', birthDate: 'missing', gender: 'missing' },
        overall: 'incomplete',
      };
      const paid = w.op(payer, 'payment.record', LINES.due, {
        amount: 1_000_000,
        receiver: { kind: 'self' },
        idCheck: skipped,
      });
      const twice = w.op(payer2, 'payment.record', LINES.due, {
        amount: 1_000_000,
        receiver: { kind: 'authorized', fullName: 'Nguyễn Văn Cường', idNumber: '046078999012' },
        idCheck: typed,
      });
      const visit = w.op(payer, 'payment.unpaid', LINES.due2, { reason: 'wrong-person', idCheck: typed });
      expect((await w.push(payer, [paid, visit])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect((await w.push(payer2, [twice])).results[0]?.status).toBe('conflict');

      expect((await w.entity('id-check', String(paid['id'])))?.data).toMatchObject({
        ...skipped,
        lineId: LINES.due,
        beneficiaryId: BENEFICIARIES.active,
        communeCode: '19960',
        actorId: payer.userId,
      });
      expect((await w.entity('id-check', String(twice['id'])))?.data).toMatchObject({ ...typed, lineId: LINES.due });
      expect((await w.entity('id-check', String(visit['id'])))?.data).toMatchObject({ ...typed, lineId: LINES.due2 });
      // The commune's devices receive the checks with the lines.
      const { changes } = await w.pull(officer);
      const pulled = changes.filter((c) => c.entity === 'id-check').map((c) => c.id);
      expect(pulled).toEqual(expect.arrayContaining([paid['id'], twice['id'], visit['id']]));
    });

    test('a payment whose check is not-possible without a reason is rejected invalid-payload and changes nothing', async () => {
      const { payer } = w.actors;
      const bad = w.op(payer, 'payment.record', LINES.due, {
        amount: 1_000_000,
        receiver: { kind: 'self' },
        idCheck: {
          person: 'beneficiary',
          method: 'not-possible',
          fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' },
          overall: 'incomplete',
        },
      });
      expect((await w.push(payer, [bad])).results[0]).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      expect((await w.entity('payment-line', LINES.due))?.data).toMatchObject({ status: 'due' });
      expect(await w.entity('id-check', String(bad['id']))).toBeUndefined();
    });

    test('a payment on a withdrawn line is kept as line-cancelled and the line stays void', async () => {
      const { payer } = w.actors;
      const { results } = await w.push(payer, [w.op(payer, 'payment.record', LINES.withdrawn)]);
      expect(results[0]).toMatchObject({ status: 'conflict', code: 'line-cancelled' });
      const line = await w.entity('payment-line', LINES.withdrawn);
      expect(line?.data).toMatchObject({
        status: 'void',
        payment: null,
        conflicts: [{ code: 'line-cancelled', counted: false }],
      });
    });

    test('a payment to a deceased beneficiary is counted and flagged beneficiary-inactive', async () => {
      const { payer } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.deceased);
      const { results } = await w.push(payer, [op]);
      expect(results[0]).toMatchObject({ status: 'conflict', code: 'beneficiary-inactive' });
      expect((await w.entity('payment-line', LINES.deceased))?.data).toMatchObject({ status: 'paid' });
      expect(await conflictOf(op['id'])).toMatchObject({
        earlier: { kind: 'beneficiary-status', beneficiaryStatus: 'deceased' },
        incoming: { kind: 'payment', isCurrent: true },
      });
    });

    test('a supervisor’s void with conflictId voids the second payment and resolves the conflict', async () => {
      const { payer, payer2, supervisor } = w.actors;
      const first = w.op(payer, 'payment.record', LINES.due);
      const second = w.op(payer2, 'payment.record', LINES.due);
      await w.push(payer, [first]);
      await w.push(payer2, [second]);
      const conflictId = `c-${String(second['id'])}`;

      const listed = async (status: string) => {
        const res = await w.h.request(`/api/conflicts?status=${status}`, { token: supervisor.token });
        return conflictsResponseSchema.parse(await res.json()).conflicts.map((c) => c.id);
      };
      expect(await listed('open')).toEqual([conflictId]);

      const voidOp = w.op(supervisor, 'payment.void', LINES.due, {
        target: 'payment',
        reason: 'duplicate',
        paymentOpId: second['id'],
        conflictId,
      });
      expect((await w.push(supervisor, [voidOp])).results[0]).toMatchObject({ status: 'applied' });
      const line = await w.entity('payment-line', LINES.due);
      expect(line?.data).toMatchObject({ status: 'paid', payment: { opId: first['id'] }, conflicts: [] });
      expect(line?.data['voids']).toMatchObject([{ opId: voidOp['id'], voidedPayment: { opId: second['id'] } }]);
      expect(await conflictOf(second['id'])).toMatchObject({
        status: 'resolved',
        resolution: { opId: voidOp['id'], action: 'void-payment', voidedOpId: second['id'], reason: 'duplicate' },
      });
      expect(await listed('open')).toEqual([]);
      expect(await listed('resolved')).toEqual([conflictId]);
    });

    test('a void naming a conflict of another line is rejected unknown-entity', async () => {
      const { payer, payer2, supervisor } = w.actors;
      await w.push(payer, [w.op(payer, 'payment.record', LINES.due)]);
      const second = w.op(payer2, 'payment.record', LINES.due);
      await w.push(payer2, [second]);
      const { results } = await w.push(supervisor, [
        w.op(supervisor, 'payment.void', LINES.due2, {
          target: 'line',
          reason: 'other',
          conflictId: `c-${String(second['id'])}`,
        }),
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'unknown-entity' });
    });

    test('two devices editing one field since the same version: the newer is kept, both values are kept in the conflict', async () => {
      const { officer, supervisor } = w.actors;
      const a = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0911111111' }, { baseVersion: 1 });
      const b = w.op(
        supervisor,
        'beneficiary.update',
        BENEFICIARIES.active,
        { phone: '0922222222', village: 'Tổ 6' },
        { baseVersion: 1 },
      );
      expect((await w.push(officer, [a])).results[0]).toEqual({ id: a['id'], status: 'applied', version: 2 });
      expect((await w.push(supervisor, [b])).results[0]).toMatchObject({
        status: 'conflict',
        code: 'concurrent-edit',
        version: 3,
      });
      expect((await w.entity('beneficiary', BENEFICIARIES.active))?.data).toMatchObject({
        phone: '0922222222',
        village: 'Tổ 6',
      });
      expect(await conflictOf(b['id'])).toMatchObject({
        code: 'concurrent-edit',
        fields: ['phone'],
        earlier: { kind: 'values', values: { phone: '0911111111' }, opId: a['id'], deviceId: null },
        incoming: { kind: 'values', values: { phone: '0922222222' }, isCurrent: true },
      });
    });

    test('a device’s own later edit, or an edit made after seeing the change, is not a conflict', async () => {
      const { officer, supervisor } = w.actors;
      const results = [
        ...(
          await w.push(officer, [
            w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0911111111' }, { baseVersion: 1 }),
            w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0933333333' }, { baseVersion: 1 }),
          ])
        ).results,
        ...(
          await w.push(supervisor, [
            w.op(supervisor, 'beneficiary.update', BENEFICIARIES.active, { phone: '0944444444' }, { baseVersion: 3 }),
            w.op(supervisor, 'beneficiary.update', BENEFICIARIES.active, { address: 'Tổ 1' }, { baseVersion: 1 }),
          ])
        ).results,
      ];
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    });

    test('a supervisor’s update with conflictId keeps the chosen value and resolves the conflict', async () => {
      const { officer, supervisor, payer2 } = w.actors;
      const a = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0911111111' }, { baseVersion: 1 });
      await w.push(officer, [a]);
      const b = w.op(
        supervisor,
        'beneficiary.update',
        BENEFICIARIES.active,
        { phone: '0922222222' },
        { baseVersion: 1 },
      );
      await w.push(supervisor, [b]);
      const conflictId = `c-${String(b['id'])}`;
      const byOfficer = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0911111111', conflictId });
      expect((await w.push(officer, [byOfficer])).results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const keep = w.op(
        supervisor,
        'beneficiary.update',
        BENEFICIARIES.active,
        { phone: '0911111111', conflictId },
        { baseVersion: 3 },
      );
      expect((await w.push(supervisor, [keep])).results[0]).toMatchObject({ status: 'applied', version: 4 });
      expect((await w.entity('beneficiary', BENEFICIARIES.active))?.data['phone']).toBe('0911111111');
      expect((await w.entity('beneficiary', BENEFICIARIES.active))?.data).not.toHaveProperty('conflictId');
      expect(await conflictOf(b['id'])).toMatchObject({
        status: 'resolved',
        resolution: { action: 'keep-values', values: { phone: '0911111111' }, opId: keep['id'] },
      });
      // The payer's device pulls the resolved conflict.
      const { changes } = await w.pull(payer2);
      expect(changes.find((c) => c.id === conflictId)?.data).toMatchObject({ status: 'resolved' });
    });

    test('an enrolment, then its edits in the same batch, and an ID check are applied in order', async () => {
      const { officer, payer } = w.actors;
      const create = w.op(officer, 'beneficiary.create', 'b-new');
      const method = w.op(officer, 'beneficiary.set-payment-method', 'b-new');
      const status = w.op(officer, 'beneficiary.set-account-status', 'b-new');
      const { results } = await w.push(officer, [create, method, status]);
      expect(results.map((r) => [r.status, r.status === 'applied' ? r.version : null])).toEqual([
        ['applied', 1],
        ['applied', 2],
        ['applied', 3],
      ]);
      expect((await w.entity('beneficiary', 'b-new'))?.data).toMatchObject({
        communeCode: '19960',
        fullName: 'Lê Gia Bảo',
        status: 'active',
        paymentMethod: 'bank',
        paymentDetails: { bankName: 'Agribank' },
        accountStatus: 'submitted',
      });
      const check = w.op(payer, 'id-check.record', 'b-new');
      expect((await w.push(payer, [check])).results[0]).toMatchObject({ status: 'applied', version: 1 });
      expect((await w.entity('id-check', String(check['id'])))?.data).toMatchObject({
        beneficiaryId: 'b-new',
        communeCode: '19960',
        overall: 'match',
        actorId: payer.userId,
      });
    });
  });
}
