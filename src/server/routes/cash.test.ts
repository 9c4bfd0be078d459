/**
 * `GET /api/cash` and the `cash.*` ops (docs/protocol.md "Cash ops"): a payer's ledger is their
 * cash ops and their cash payments, its paid side equal to the receipts; each payer sees only
 * their own, a supervisor every payer's of their communes.
 */
import { describe, expect, test } from 'vitest';
import { ledgerId } from '../../domain/cash-ops';
import { closesOf, ledgerTotals, receiptsTotal, unacknowledged } from '../../domain/cash-ledger';
import { cashResponseSchema } from '../../protocol/cash';
import { AMOUNT, createPushWorld, LINES, LOC_AN, PHU_BAI, type Actor, type World } from '../testing/push-world';

const MONTH = '2026-11';
const ledgerOf = (payer: Actor) => ({ payerId: payer.userId, communeCode: PHU_BAI, month: MONTH });

async function ledgers(w: World, who: Actor, month = MONTH) {
  const res = await w.h.request(`/api/cash?month=${month}`, { token: who.token });
  expect(res.status).toBe(200);
  return cashResponseSchema.parse(await res.json()).ledgers;
}

async function payerDay(w: World) {
  const { payer, payer2, supervisor } = w.actors;
  const key = ledgerOf(payer);
  const id = ledgerId(key);
  const results = await w.push(payer, [
    w.op(payer, 'cash.receive', id, { ...key, date: '2026-11-15', amount: 5 * AMOUNT, fromName: 'Thủ quỹ xã' }),
    w.op(payer, 'payment.record', LINES.due, { amount: AMOUNT, receiver: { kind: 'self' } }),
    w.op(payer, 'payment.record', LINES.due2, {
      amount: AMOUNT,
      receiver: { kind: 'authorized', fullName: 'Lê Văn Tư', idNumber: '046080999123' },
    }),
    w.op(payer, 'cash.handover', id, {
      ...key,
      date: '2026-11-15',
      amount: AMOUNT,
      toPayerId: payer2.userId,
      toPayerName: 'Người chi trả 2',
      giverSignature: 'a'.repeat(64),
      receiverSignature: 'b'.repeat(64),
    }),
    w.op(payer, 'cash.return', id, { ...key, date: '2026-11-15', amount: AMOUNT, toName: 'Thủ quỹ xã' }),
    {
      ...w.op(payer, 'cash.close', id, {
        ...key,
        date: '2026-11-15',
        count: { 500000: 1, 200000: 2 },
        counted: 900_000,
        balance: AMOUNT,
        reason: 'Thiếu 100.000 đồng, đang tìm lại',
      }),
      id: 'close-1',
    },
  ]);
  return { key, id, results: results.results, payer, payer2, supervisor };
}

describe('cash ledgers', () => {
  test("a payer's day: the balance is received − paid − handed over − returned, paid equals the receipts", async () => {
    const w = await createPushWorld();
    const { results, payer, payer2 } = await payerDay(w);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'));

    const [own, ...others] = await ledgers(w, payer);
    expect(others).toEqual([]);
    if (!own) throw new Error('the payer sees their ledger');
    const ledger = { key: ledgerOf(payer), entries: own.entries, payments: own.payments };
    expect(ledgerTotals(ledger)).toMatchObject({
      received: 5 * AMOUNT,
      paid: 2 * AMOUNT,
      handedOut: AMOUNT,
      returned: AMOUNT,
      balance: AMOUNT,
    });
    expect(ledgerTotals(ledger).paid).toBe(receiptsTotal(ledger));
    expect(own.payments.map((p) => p.receiverKind).sort()).toEqual(['authorized', 'self']);
    expect(closesOf(ledger)).toEqual([
      expect.objectContaining({ counted: 900_000, difference: -100_000, acknowledgedBy: null }),
    ]);

    // The other payer holds what was handed over, named by the giver.
    const [theirs] = await ledgers(w, payer2);
    expect(theirs?.entries).toEqual([
      expect.objectContaining({ kind: 'handover-in', amount: AMOUNT, counterpart: 'Người dùng payer' }),
    ]);
    await w.h.close();
  });

  test('a supervisor sees every payer of their communes and acknowledges a difference once it is recorded', async () => {
    const w = await createPushWorld();
    const { key, id, supervisor, payer } = await payerDay(w);
    const before = await ledgers(w, supervisor);
    expect(before.map((l) => [l.communeCode, l.payerId])).toEqual([
      [PHU_BAI, payer.userId],
      [PHU_BAI, w.actors.payer2.userId],
    ]);

    const ack = await w.push(supervisor, [w.op(supervisor, 'cash.acknowledge', id, { ...key, closeOpId: 'close-1' })]);
    expect(ack.results[0]).toMatchObject({ status: 'applied' });
    const unknown = await w.push(supervisor, [
      w.op(supervisor, 'cash.acknowledge', id, { ...key, closeOpId: 'close-x' }),
    ]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', code: 'unknown-entity' });

    const after = (await ledgers(w, supervisor)).find((l) => l.payerId === payer.userId);
    if (!after) throw new Error('the payer is listed');
    expect(closesOf({ key, entries: after.entries, payments: after.payments })[0]?.acknowledgedBy).toBe(
      'Người dùng supervisor',
    );
    await w.h.close();
  });

  test('a payer cannot write or read another payer’s ledger, nor hand cash to someone who is not a payer here', async () => {
    const w = await createPushWorld();
    const { payer, payer2, officerLa } = w.actors;
    const theirs = ledgerOf(payer2);
    const [forged] = (
      await w.push(payer, [
        w.op(payer, 'cash.receive', ledgerId(theirs), { ...theirs, date: '2026-11-15', amount: AMOUNT, fromName: 'X' }),
      ])
    ).results;
    expect(forged).toMatchObject({ status: 'rejected', code: 'not-own-ledger' });
    const mine = ledgerOf(payer);
    const [wrongLedger] = (
      await w.push(payer, [
        w.op(payer, 'cash.receive', ledgerId(theirs), { ...mine, date: '2026-11-15', amount: AMOUNT, fromName: 'X' }),
      ])
    ).results;
    expect(wrongLedger).toMatchObject({ status: 'rejected', code: 'wrong-ledger' });
    const [toOfficer] = (
      await w.push(payer, [
        w.op(payer, 'cash.handover', ledgerId(mine), {
          ...mine,
          date: '2026-11-15',
          amount: AMOUNT,
          toPayerId: w.actors.officer.userId,
          toPayerName: 'Cán bộ',
          giverSignature: 'a'.repeat(64),
          receiverSignature: 'b'.repeat(64),
        }),
      ])
    ).results;
    expect(toOfficer).toMatchObject({ status: 'rejected', code: 'unknown-payer' });
    const elsewhere = { ...mine, communeCode: LOC_AN };
    const [outOfScope] = (
      await w.push(payer, [
        w.op(payer, 'cash.receive', ledgerId(elsewhere), {
          ...elsewhere,
          date: '2026-11-15',
          amount: AMOUNT,
          fromName: 'X',
        }),
      ])
    ).results;
    expect(outOfScope).toMatchObject({ status: 'rejected', code: 'forbidden' });

    expect(await ledgers(w, payer2)).toEqual([expect.objectContaining({ entries: [], payments: [] })]);
    // An officer neither reads ledgers nor records cash.
    expect((await w.h.request(`/api/cash?month=${MONTH}`, { token: officerLa.token })).status).toBe(403);
    expect((await w.h.request('/api/cash?month=2026-13', { token: payer.token })).status).toBe(400);
    await w.h.close();
  });

  test('a close whose claimed balance matches a short count still shows the shortfall to the supervisor', async () => {
    const w = await createPushWorld();
    const { payer, supervisor } = w.actors;
    const key = ledgerOf(payer);
    const id = ledgerId(key);
    const day = { ...key, date: '2026-11-15' };
    await w.push(payer, [
      w.op(payer, 'cash.receive', id, { ...day, amount: AMOUNT, fromName: 'Thủ quỹ' }),
      // Half the cash counted, and a balance made up to match it: no reason asked on its face.
      w.op(payer, 'cash.close', id, { ...day, count: { 500000: 1 }, counted: AMOUNT / 2, balance: AMOUNT / 2 }),
    ]);
    const seen = (await ledgers(w, supervisor)).find((l) => l.payerId === payer.userId);
    if (!seen) throw new Error('the payer is listed');
    const ledger = { key, entries: seen.entries, payments: seen.payments };
    expect(closesOf(ledger)).toEqual([
      expect.objectContaining({ bookBalance: AMOUNT, difference: -AMOUNT / 2, acknowledgedBy: null }),
    ]);
    expect(unacknowledged(ledger)).toHaveLength(1);
    await w.h.close();
  });

  test('bad amounts and counts are refused with their code and leave nothing', async () => {
    const w = await createPushWorld();
    const { payer } = w.actors;
    const key = ledgerOf(payer);
    const id = ledgerId(key);
    const { results } = await w.push(payer, [
      w.op(payer, 'cash.receive', id, { ...key, date: '2026-11-15', amount: 1000.5, fromName: 'X' }),
      w.op(payer, 'cash.receive', id, { ...key, date: '2026-11-15', amount: -5000, fromName: 'X' }),
      w.op(payer, 'cash.close', id, {
        ...key,
        date: '2026-11-15',
        count: { 500000: 1 },
        counted: 400_000,
        balance: 0,
        reason: 'x',
      }),
      w.op(payer, 'cash.close', id, { ...key, date: '2026-11-15', count: { 500000: 1 }, counted: 500_000, balance: 0 }),
    ]);
    expect(results).toMatchObject(
      ['invalid-payload', 'invalid-payload', 'bad-count', 'close-reason-missing'].map((code) => ({
        status: 'rejected',
        code,
      })),
    );
    expect(results[3]).toMatchObject({ message: expect.stringContaining('lý do') as unknown });
    expect(await ledgers(w, payer)).toEqual([expect.objectContaining({ entries: [], payments: [] })]);
    await w.h.close();
  });
});
