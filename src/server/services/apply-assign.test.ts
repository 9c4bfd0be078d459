/** `payment.assign` on the server (issue 16): who may assign, to whom, and which lines. */
import { afterEach, describe, expect, test } from 'vitest';
import { createDirectWorld, type DirectWorld } from '../testing/direct-push';
import { AMOUNT, LINES, LOC_AN, PHU_BAI } from '../testing/push-world';

let w: DirectWorld | undefined;
afterEach(() => w?.close());

async function world() {
  w = await createDirectWorld();
  const officer = await w.addActor('officer', 'officer', [PHU_BAI]);
  const payer = await w.addActor('payer', 'payer', [PHU_BAI]);
  return { w, officer, payer };
}

async function lineData(w: DirectWorld, id: string): Promise<Record<string, unknown>> {
  const row = await w.db.kysely
    .selectFrom('entities')
    .select('data')
    .where('entity', '=', 'payment-line')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.data ?? 'null') as Record<string, unknown>;
}

const toPayer = { payerId: 'user-payer', payerName: 'Lê Thị Chi' };

describe('payment.assign on the server', () => {
  test('the officer puts a line on a payer’s round, and takes it off', async () => {
    const { w, officer } = await world();
    const assigned = await w.push(officer, [w.op(officer, 'payment.assign', LINES.due, toPayer)]);
    expect(assigned.results[0]).toMatchObject({ status: 'applied' });
    expect((await lineData(w, LINES.due))['assignee']).toMatchObject({ ...toPayer, actorId: officer.userId });

    const off = await w.push(officer, [w.op(officer, 'payment.assign', LINES.due, { payerId: null })]);
    expect(off.results[0]).toMatchObject({ status: 'applied' });
    expect((await lineData(w, LINES.due))['assignee']).toBeNull();
  });

  test('a line already paid is not reassigned, and says why', async () => {
    const { w, officer, payer } = await world();
    await w.push(payer, [w.op(payer, 'payment.record', LINES.due, { amount: AMOUNT, receiver: { kind: 'self' } })]);
    const { results } = await w.push(officer, [w.op(officer, 'payment.assign', LINES.due, toPayer)]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      code: 'line-settled',
      message: expect.stringMatching(/không giao lại/) as unknown,
    });
    expect((await lineData(w, LINES.due))['assignee'] ?? null).toBeNull();
  });

  test.each([
    ['a payer of another commune', 'payer-la', 'payer', [LOC_AN], false],
    ['an officer', 'officer2', 'officer', [PHU_BAI], false],
    ['a disabled payer', 'payer-off', 'payer', [PHU_BAI], true],
  ] as const)('assigning to %s is refused unknown-payer', async (_, username, role, communes, disabled) => {
    const { w, officer } = await world();
    await w.addActor(username, role, [...communes]);
    if (disabled)
      await w.db.kysely.updateTable('users').set({ disabled: 1 }).where('username', '=', username).execute();
    const op = w.op(officer, 'payment.assign', LINES.due, { payerId: `user-${username}`, payerName: 'Ai đó' });
    const { results } = await w.push(officer, [op]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'unknown-payer' });
    expect((await lineData(w, LINES.due))['assignee'] ?? null).toBeNull();
  });

  test('a payer cannot assign lines, not even to themself', async () => {
    const { w, payer } = await world();
    const { results } = await w.push(payer, [w.op(payer, 'payment.assign', LINES.due, toPayer)]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });
});
