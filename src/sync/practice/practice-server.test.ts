import { describe, expect, test } from 'vitest';
import type { Change } from '../../protocol/pull';
import { createPracticeServer, practiceUsers, type PracticeStore } from './practice-server';

const start = { seed: 7, month: '2026-12', today: '2026-12-07' };
const memory = (): PracticeStore & { text: string | null } => {
  const m = { text: null as string | null, load: () => m.text, save: (t: string) => void (m.text = t) };
  return m;
};
const payer = practiceUsers.find((u) => u.role === 'payer');
if (!payer) throw new Error('a practice payer');

function pullAll(server: ReturnType<typeof createPracticeServer>) {
  let cursor: string | null = null;
  const changes: Change[] = [];
  for (;;) {
    const page = server.pull(cursor, 25);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

let n = 0;
const payment = (lineId: string, amount: number) => ({
  id: `op-${++n}`,
  deviceId: 'practice-device',
  seq: n,
  type: 'payment.record',
  entityId: lineId,
  actorId: payer.id,
  recordedAt: '2026-12-07T09:00:00.000+07:00',
  payload: { v: 1, amount, receiver: { kind: 'self' } },
});

describe('the practice server', () => {
  test('serves the practice commune, then answers payments as the real server would', () => {
    const store = memory();
    const server = createPracticeServer(store, start);
    const { changes } = pullAll(server);
    expect(changes.filter((c) => c.entity === 'beneficiary')).toHaveLength(server.sample.beneficiaries.length);
    const [twice] = server.sample.paidElsewhere;
    const due = server.sample.lines.find((l) => l.data.status === 'due' && l.id !== twice);
    if (!twice || !due) throw new Error('the sample has lines');
    // The line another payer took meanwhile: a double payment, kept for a supervisor.
    const paid = payment(due.id, due.data.amount);
    const first = server.push(payer, {
      deviceId: 'd',
      lastSeq: 2,
      ops: [paid, payment(twice, 1)],
    });
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const amount = server.sample.lines.find((l) => l.id === twice)?.data.amount ?? 0;
    const [conflict] = server.push(payer, { deviceId: 'd', lastSeq: 3, ops: [payment(twice, amount)] }).results;
    expect(conflict).toMatchObject({ status: 'conflict', code: 'already-paid' });
    // A payer may not enrol anyone.
    const [enrol] = server.push(payer, {
      deviceId: 'd',
      lastSeq: 4,
      ops: [
        {
          ...payment(due.id, 1),
          type: 'beneficiary.create',
          entityId: 'b-new',
          payload: {
            v: 1,
            communeCode: '00000',
            fullName: 'Lê Gia Bảo',
            birthDate: '2022-09-09',
            gender: 'male',
            category: 'k1',
          },
        },
      ],
    }).results;
    expect(enrol).toMatchObject({ status: 'rejected', code: 'forbidden' });

    // Started again from what it kept: the same answers, a replay is a duplicate.
    const again = createPracticeServer(store, start);
    const replay = again.push(payer, { deviceId: 'd', lastSeq: 2, ops: [paid] });
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', code: 'applied' });
    const line = pullAll(again).changes.find((c) => c.id === twice);
    expect(line?.data).toMatchObject({
      status: 'paid',
      conflicts: [expect.objectContaining({ code: 'already-paid' })],
    });
  });

  test('a new practice starts from the sample', () => {
    const server = createPracticeServer(memory(), start);
    expect(server.login('CHITRA ')).toMatchObject({ role: 'payer' });
    expect(server.login('admin')).toBeNull();
    const lines = pullAll(server).changes.filter((c) => c.entity === 'payment-line');
    expect(lines.every((c) => c.version === 1 || server.sample.paidElsewhere.includes(c.id))).toBe(true);
  });
});
