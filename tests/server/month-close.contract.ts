/**
 * Closing a commune's month through the HTTP API (docs/protocol.md "Closing a month"), on SQLite
 * and PostgreSQL: the view before the close, who may close, a close missing a decision changes
 * nothing, the close decides and withdraws every unpaid line, a payment recorded offline after it
 * is kept as a conflict and never counted, the month is read-only, and carried money lands on next
 * month's line as arrears.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { paymentLineData } from '../builders/beneficiary';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { closingResponseSchema, type CloseRequest } from '../../src/protocol/month-close';
import { putEntities } from '../../src/server/services/entity-store';
import type { MakeDb } from '../../src/server/testing/databases';
import { BENEFICIARIES, createPushWorld, LINES, PHU_BAI, type World } from '../../src/server/testing/push-world';

export function runMonthCloseContract(name: string, makeDb: MakeDb): void {
  describe(`closing a month (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      // The payer paid line-1 in the field; line-2 and the deceased person's line are unpaid.
      const { payer } = w.actors;
      expect((await w.push(payer, [w.op(payer, 'payment.record', LINES.due)])).results[0]?.status).toBe('applied');
    });
    afterEach(() => w.h.close());

    const closingUrl = `/api/months/2026-11/${PHU_BAI}/closing`;
    const view = async (token: string) => {
      const res = await w.h.request(closingUrl, { token });
      expect(res.status).toBe(200);
      return closingResponseSchema.parse(await res.json());
    };
    const close = (token: string, decisions: CloseRequest['decisions']) =>
      w.h.request(`/api/months/2026-11/${PHU_BAI}/close`, { token, body: { protocol: 1, decisions } });
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
    const decisions: CloseRequest['decisions'] = [
      { lineId: LINES.due2, outcome: 'carry' },
      { lineId: LINES.deceased, outcome: 'end', reason: 'deceased', note: null },
    ];

    test('before the close: the unpaid lines and the close they would make, every one carried', async () => {
      const before = await view(w.actors.supervisor.token);
      expect(before).toMatchObject({ status: 'paying', closedAt: null, carryTo: '2026-12' });
      expect(before.lines.map((l) => [l.lineId, l.status, l.amount, l.outcome])).toEqual([
        [LINES.due2, 'due', 1_000_000, null],
        [LINES.deceased, 'due', 1_000_000, null],
      ]);
      expect(before.summary).toEqual({
        due: { count: 3, amount: 3_000_000 },
        paid: { count: 1, amount: 1_000_000 },
        carried: { count: 2, amount: 2_000_000 },
        ended: { count: 0, amount: 0 },
        withdrawn: { count: 1, amount: 1_000_000 },
      });
      // A payer sees no lists; a month with no lines is not found; a path naming no month neither.
      expect((await w.h.request(closingUrl, { token: w.actors.payer.token })).status).toBe(403);
      expect(
        (await w.h.request(`/api/months/2027-05/${PHU_BAI}/closing`, { token: w.actors.officer.token })).status,
      ).toBe(404);
      expect(
        (await w.h.request(`/api/months/2026-13/${PHU_BAI}/closing`, { token: w.actors.officer.token })).status,
      ).toBe(404);
    });

    test('only a supervisor closes, and a close missing a decision changes nothing', async () => {
      const byOfficer = await close(w.actors.officer.token, decisions);
      expect([byOfficer.status, await errorCode(byOfficer)]).toEqual([403, 'forbidden']);
      const missing = await close(w.actors.supervisor.token, decisions.slice(0, 1));
      expect([missing.status, await errorCode(missing)]).toEqual([422, 'close-decisions-invalid']);
      const noNote = await close(w.actors.supervisor.token, [
        decisions[0] ?? expect.unreachable(),
        { lineId: LINES.deceased, outcome: 'end', reason: 'other', note: ' ' },
      ]);
      expect(noNote.status).toBe(422);
      expect(await w.entity('payment-line', LINES.deceased)).toMatchObject({ data: { status: 'due' } });
      expect((await view(w.actors.supervisor.token)).status).toBe('paying');
    });

    test('the close decides and withdraws each unpaid line; a later offline payment is a conflict, never counted', async () => {
      const res = await close(w.actors.supervisor.token, decisions);
      expect(res.status).toBe(200);
      const closed = closingResponseSchema.parse(await res.json());
      expect(closed).toMatchObject({ status: 'closed', closedByName: 'Người dùng supervisor', carryTo: '2026-12' });
      expect(closed.summary).toEqual({
        due: { count: 3, amount: 3_000_000 },
        paid: { count: 1, amount: 1_000_000 },
        carried: { count: 1, amount: 1_000_000 },
        ended: { count: 1, amount: 1_000_000 },
        withdrawn: { count: 1, amount: 1_000_000 },
      });
      expect(closed.lines.map((l) => [l.lineId, l.outcome, l.reason])).toEqual([
        [LINES.due2, 'carry', null],
        [LINES.deceased, 'end', 'deceased'],
      ]);
      // The tablets pull the decision with the line.
      const pulled = (await w.pull(w.actors.payer2)).changes.find((c) => c.id === LINES.due2);
      expect(pulled?.data).toMatchObject({ status: 'void', closing: { outcome: 'carry', carryTo: '2026-12' } });

      // A payer who had not synced pays line-2 offline: kept as a conflict, the line stays withdrawn.
      const { payer2 } = w.actors;
      const late = await w.push(payer2, [w.op(payer2, 'payment.record', LINES.due2)]);
      expect(late.results[0]).toMatchObject({ status: 'conflict', code: 'line-cancelled' });
      expect(await w.entity('payment-line', LINES.due2)).toMatchObject({ data: { status: 'void', payment: null } });

      // Read-only: no second close, no new list for the month.
      const again = await close(w.actors.supervisor.token, decisions);
      expect([again.status, await errorCode(again)]).toEqual([409, 'period-closed']);
      const upload = await w.h.app.request(`/api/lists/import?period=2026-11&commune=${PHU_BAI}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.actors.officer.token}`, 'content-type': 'text/csv' },
        body: 'Họ và tên,Mức trợ cấp\r\nTrần Thị Hoa,750000',
      });
      expect([upload.status, await errorCode(upload)]).toEqual([409, 'period-closed']);
      expect((await view(w.actors.officer.token)).status).toBe('closed');
    });

    test('money carried into a month already out is added to the person’s line there as arrears', async () => {
      await w.h.db.kysely.transaction().execute((trx) =>
        putEntities(
          trx,
          [
            {
              entity: 'payment-line',
              id: 'line-dec',
              communeCode: PHU_BAI,
              data: paymentLineData({
                beneficiaryId: BENEFICIARIES.active,
                periodId: '2026-12',
                amount: 1_500_000,
                monthlyAmount: 1_000_000,
                arrearsAmount: 500_000,
                arrearsMonths: 1,
              }),
            },
          ],
          { now: w.h.clock.now() },
        ),
      );
      expect((await close(w.actors.supervisor.token, decisions)).status).toBe(200);
      expect(await w.entity('payment-line', 'line-dec')).toMatchObject({
        data: {
          status: 'due',
          amount: 2_500_000,
          monthlyAmount: 1_000_000,
          arrearsAmount: 1_500_000,
          arrearsMonths: 2,
        },
      });
      const carry = await w.h.db.kysely.selectFrom('carryovers').selectAll().execute();
      expect(carry.map((c) => [c.from_line_id, c.to_period, Number(c.amount), c.applied_line_id])).toEqual([
        [LINES.due2, '2026-12', 1_000_000, 'line-dec'],
      ]);
    });

    test('carrying into next month’s line already paid is refused, and nothing changes', async () => {
      await w.h.db.kysely.transaction().execute((trx) =>
        putEntities(
          trx,
          [
            {
              entity: 'payment-line',
              id: 'line-dec-paid',
              communeCode: PHU_BAI,
              data: paymentLineData({
                beneficiaryId: BENEFICIARIES.active,
                periodId: '2026-12',
                status: 'transferred',
              }),
            },
          ],
          { now: w.h.clock.now() },
        ),
      );
      const res = await close(w.actors.supervisor.token, decisions);
      expect([res.status, await errorCode(res)]).toEqual([409, 'carry-target-settled']);
      expect(await w.entity('payment-line', LINES.due2)).toMatchObject({ data: { status: 'due' } });
      expect(await w.h.db.kysely.selectFrom('carryovers').selectAll().execute()).toEqual([]);
    });
  });
}
