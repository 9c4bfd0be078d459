/**
 * Invariants of push (docs/style.md §2.12), with fast-check over real SQLite databases:
 * a batch applied twice equals it applied once; the order in which devices' batches arrive
 * does not change the paid totals; no line ever has two counted payments.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { OpType } from '../../protocol/ops';
import { createDirectWorld, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { AMOUNT, BENEFICIARIES, LINES, PHU_BAI } from '../testing/push-world';

const NUM_RUNS = 30;
/** Thirty worlds per property: seconds on a loaded 2-core machine, not a speed check. */
const PROPERTY_TIMEOUT_MS = 120_000;
const payableLines = [LINES.due, LINES.due2, LINES.withdrawn, LINES.deceased] as const;

/** One op as data: who, what, on which line or beneficiary; turned into an envelope per world. */
type OpSpec = { type: OpType; entityId: string; payload: Record<string, unknown>; baseVersion?: number };

const paymentSpec: fc.Arbitrary<OpSpec> = fc.oneof(
  fc.record({
    type: fc.constant<OpType>('payment.record'),
    entityId: fc.constantFrom(...payableLines),
    // Mostly the right amount; sometimes a wrong one (rejected amount-mismatch).
    payload: fc
      .constantFrom(AMOUNT, AMOUNT, AMOUNT, AMOUNT - 1)
      .map((amount) => ({ amount, receiver: { kind: 'self' } })),
  }),
  fc.record({
    type: fc.constant<OpType>('payment.unpaid'),
    entityId: fc.constantFrom(...payableLines),
    payload: fc.constantFrom('absent', 'moved', 'refused').map((reason) => ({ reason })),
  }),
);

const rosterSpec: fc.Arbitrary<OpSpec> = fc.record({
  type: fc.constant<OpType>('beneficiary.update'),
  entityId: fc.constant(BENEFICIARIES.active),
  payload: fc.constantFrom({ phone: '0911111111' }, { phone: '0922222222' }, { village: 'Tổ 9' }),
  baseVersion: fc.integer({ min: 1, max: 4 }),
});

const junkSpec: fc.Arbitrary<OpSpec> = fc.record({
  type: fc.constantFrom<OpType>('payment.record', 'beneficiary.update'),
  entityId: fc.constantFrom(LINES.due, 'nowhere'),
  payload: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
});

const envelope = (w: DirectWorld, who: DirectActor, spec: OpSpec) =>
  w.op(
    who,
    spec.type,
    spec.entityId,
    spec.payload,
    spec.baseVersion === undefined ? {} : { baseVersion: spec.baseVersion },
  );

async function lineStates(w: DirectWorld) {
  const rows = await w.db.kysely
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'payment-line')
    .execute();
  return rows.map((r) => ({ id: r.id, data: JSON.parse(r.data ?? 'null') as Record<string, unknown> }));
}

const paidTotal = async (w: DirectWorld) =>
  (await lineStates(w)).reduce((sum, l) => sum + (l.data['status'] === 'paid' ? Number(l.data['amount']) : 0), 0);

/**
 * Each line holds at most one counted payment, and the op log agrees: the payments accepted as
 * counted (applied, or paid to an inactive beneficiary) minus those voided since is 1 for a
 * paid line and 0 otherwise.
 */
async function expectOneCountedPaymentAtMost(w: DirectWorld): Promise<void> {
  const ops = await w.db.kysely
    .selectFrom('ops')
    .select(['op_id', 'entity_id', 'type', 'status', 'code'])
    .where('type', '=', 'payment.record')
    .execute();
  for (const { id, data } of await lineStates(w)) {
    const payment = data['payment'] as { opId: string } | null | undefined;
    const isPaid = data['status'] === 'paid';
    expect(isPaid, id).toBe(payment !== null && payment !== undefined);
    const conflicts = (data['conflicts'] ?? []) as { counted?: boolean; fact: { opId: string } }[];
    // A counted conflict entry is the line's payment itself (paid to an inactive beneficiary), never a second one.
    for (const c of conflicts.filter((c) => c.counted)) expect(c.fact.opId).toBe(payment?.opId);
    const countedIds = new Set(
      ops
        .filter((o) => o.entity_id === id)
        .filter((o) => o.status === 'applied' || (o.status === 'conflict' && o.code === 'beneficiary-inactive'))
        .map((o) => o.op_id),
    );
    const voids = (data['voids'] ?? []) as { voidedPayment: { opId: string } | null }[];
    const voidedCounted = voids.filter((v) => v.voidedPayment && countedIds.has(v.voidedPayment.opId)).length;
    expect(countedIds.size - voidedCounted, id).toBe(isPaid ? 1 : 0);
  }
}

describe('push invariants', () => {
  test(
    'applying a batch twice gives the same state as applying it once',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(paymentSpec, rosterSpec, junkSpec), { minLength: 1, maxLength: 25 }),
          async (specs) => {
            const once = await createDirectWorld();
            const twice = await createDirectWorld();
            const results = [];
            for (const w of [once, twice]) {
              const who = await w.addActor('officer', 'officer', [PHU_BAI]);
              const batch = specs.map((s) => envelope(w, who, s));
              results.push((await w.push(who, batch)).results);
              if (w === twice) {
                const replay = (await w.push(who, batch)).results;
                expect(replay.map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));
                expect(replay.map((r) => (r.status === 'duplicate' ? r.code : null))).toEqual(
                  results[1]?.map((r) => r.status),
                );
              }
            }
            expect(results[1]).toEqual(results[0]);
            expect(await twice.snapshot()).toEqual(await once.snapshot());
            await Promise.all([once.close(), twice.close()]);
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'any interleaving of several devices’ batches gives the same paid totals',
    async () => {
      const devices = ['payer', 'payer2', 'officer'] as const;
      const batches = fc.tuple(...devices.map(() => fc.array(paymentSpec, { maxLength: 8 })));
      // Each device's ops keep their order; chunks of different devices interleave in any order.
      const schedule = fc.array(fc.constantFrom(0, 1, 2), { minLength: 30, maxLength: 30 });
      await fc.assert(
        fc.asyncProperty(batches, schedule, schedule, async (specs, orderA, orderB) => {
          const totals: number[] = [];
          for (const order of [orderA, orderB]) {
            const w = await createDirectWorld();
            const actors = await Promise.all(
              devices.map((name) => w.addActor(name, name.startsWith('payer') ? 'payer' : 'officer', [PHU_BAI])),
            );
            const queues = specs.map((list, d) => list.map((s) => envelope(w, actors[d] as DirectActor, s)));
            for (const d of order) {
              const chunk = queues[d]?.splice(0, 2) ?? [];
              if (chunk.length > 0) await w.push(actors[d] as DirectActor, chunk);
            }
            // Whatever the schedule left unsent, each device pushes at the end (all of it, not one chunk).
            for (const [d, rest] of queues.entries()) {
              if (rest.length > 0) await w.push(actors[d] as DirectActor, rest.splice(0));
            }
            totals.push(await paidTotal(w));
            await expectOneCountedPaymentAtMost(w);
            await w.close();
          }
          // The model: every payable line that received a payment of the right amount is paid once.
          const paidLines = new Set(
            specs
              .flat()
              .filter(
                (s) => s.type === 'payment.record' && s.payload['amount'] === AMOUNT && s.entityId !== LINES.withdrawn,
              )
              .map((s) => s.entityId),
          );
          expect(totals).toEqual([paidLines.size * AMOUNT, paidLines.size * AMOUNT]);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'no line ever has two counted payments, whatever arrives concurrently, voids included',
    async () => {
      const supervisorSpec: fc.Arbitrary<OpSpec> = fc.record({
        type: fc.constant<OpType>('payment.void'),
        entityId: fc.constantFrom(...payableLines),
        payload: fc.constantFrom({ target: 'payment', reason: 'duplicate' }, { target: 'line', reason: 'other' }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(paymentSpec, { maxLength: 10 }),
          fc.array(paymentSpec, { maxLength: 10 }),
          fc.array(fc.oneof(paymentSpec, supervisorSpec), { maxLength: 10 }),
          async (a, b, s) => {
            const w = await createDirectWorld();
            const actors = [
              await w.addActor('payer', 'payer', [PHU_BAI]),
              await w.addActor('payer2', 'payer', [PHU_BAI]),
              await w.addActor('supervisor', 'supervisor', [PHU_BAI]),
            ] as const;
            const pushes = [a, b, s].map((specs, i) => {
              const who = actors[i] as DirectActor;
              return Promise.all(specs.map((spec) => w.push(who, [envelope(w, who, spec)])));
            });
            await Promise.all(pushes);
            await expectOneCountedPaymentAtMost(w);
            await w.close();
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
