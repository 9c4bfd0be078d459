/**
 * A supervisor's status decision (`beneficiary.set-status`, docs/protocol.md "Operation
 * envelope") on SQLite and PostgreSQL: applied by the same domain reducer as on the device,
 * refused when the reason does not fit, and felt by the payments that follow it.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MakeDb } from '../../src/server/testing/databases';
import { BENEFICIARIES, createPushWorld, LINES, type World } from '../../src/server/testing/push-world';

export function runStatusContract(name: string, makeDb: MakeDb): void {
  describe(`status decisions (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    // The world's lines are November 2026's.
    const suspend = { status: 'suspended', reason: 'missed-payments', effectiveMonth: '2026-11', note: 'Ba tháng' };

    test('a supervisor suspends a person from a month; a payment made afterwards is counted and flagged', async () => {
      const { supervisor, payer } = w.actors;
      const decision = w.op(supervisor, 'beneficiary.set-status', BENEFICIARIES.active, suspend, { baseVersion: 1 });
      expect((await w.push(supervisor, [decision])).results[0]).toMatchObject({ status: 'applied', version: 2 });
      expect((await w.entity('beneficiary', BENEFICIARIES.active))?.data).toMatchObject({
        status: 'suspended',
        statusReason: 'missed-payments',
        statusEffectiveMonth: '2026-11',
        statusNote: 'Ba tháng',
      });
      // The commune's devices pull the decision like any roster change.
      const { changes } = await w.pull(payer);
      expect(changes.find((c) => c.id === BENEFICIARIES.active)?.data).toMatchObject({ status: 'suspended' });

      const payment = w.op(payer, 'payment.record', LINES.due);
      expect((await w.push(payer, [payment])).results[0]).toMatchObject({
        status: 'conflict',
        code: 'beneficiary-inactive',
      });
    });

    test("a decision from a later month leaves this month's line payable without a flag", async () => {
      const { supervisor, payer } = w.actors;
      const fromDecember = { ...suspend, effectiveMonth: '2026-12' };
      await w.push(supervisor, [w.op(supervisor, 'beneficiary.set-status', BENEFICIARIES.active, fromDecember)]);
      const { results } = await w.push(payer, [w.op(payer, 'payment.record', LINES.due)]);
      expect(results[0]).toMatchObject({ status: 'applied' });
    });

    test('a reason that does not fit the status is rejected and changes nothing', async () => {
      const { supervisor } = w.actors;
      const before = await w.entity('beneficiary', BENEFICIARIES.active);
      const wrong = { status: 'deceased', reason: 'moved-away', effectiveMonth: '2026-12' };
      const { results } = await w.push(supervisor, [
        w.op(supervisor, 'beneficiary.set-status', BENEFICIARIES.active, wrong),
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'reason-not-for-status' });
      expect(await w.entity('beneficiary', BENEFICIARIES.active)).toEqual(before);
    });

    test('an officer may not decide a status (supervisors only), nor may anyone outside the commune', async () => {
      const { officer, officerLa } = w.actors;
      const byOfficer = await w.push(officer, [w.op(officer, 'beneficiary.set-status', BENEFICIARIES.active, suspend)]);
      const byOther = await w.push(officerLa, [
        w.op(officerLa, 'beneficiary.set-status', BENEFICIARIES.active, suspend),
      ]);
      expect([...byOfficer.results, ...byOther.results]).toEqual([
        expect.objectContaining({ status: 'rejected', code: 'forbidden' }),
        expect.objectContaining({ status: 'rejected', code: 'forbidden' }),
      ]);
      expect((await w.entity('beneficiary', BENEFICIARIES.active))?.data).toMatchObject({ status: 'active' });
    });

    test('a person resumed after a suspension is paid again without a flag', async () => {
      const { supervisor, payer } = w.actors;
      const resume = { status: 'active', reason: 'resumed', effectiveMonth: '2026-11' };
      await w.push(supervisor, [
        w.op(supervisor, 'beneficiary.set-status', BENEFICIARIES.active, suspend),
        w.op(supervisor, 'beneficiary.set-status', BENEFICIARIES.active, resume),
      ]);
      const { results } = await w.push(payer, [w.op(payer, 'payment.record', LINES.due)]);
      expect(results[0]).toMatchObject({ status: 'applied' });
    });
  });
}
