/**
 * The server's receipt chain check as a property (issue 16, "Tests"), over real SQLite: whatever
 * subset of a device's signed receipts arrives, in whatever order, every payment is applied and
 * the flags are exactly those of the model (a gap where numbers were skipped, a repeated number
 * for one at or below the last seen, a broken link for one whose previous is not the last one's).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ReceiptFacts } from '../../src/domain/receipt-chain';
import { receiptFlagsResponseSchema } from '../../src/protocol/receipts';
import { putEntities } from '../../src/server/services/entity-store';
import { AMOUNT, BENEFICIARIES, PHU_BAI, createPushWorld } from '../../src/server/testing/push-world';
import { exportPublicKey, newDeviceKeyPair, signReceipt } from '../../src/storage/receipt-signing';
import { paymentLineData } from '../builders/beneficiary';

const N = 6;

/** What the server must flag for receipts arriving in `order` (each linked to its predecessor). */
function expectedFlags(order: readonly number[]): [number, string][] {
  const flags: [number, string][] = [];
  let last = 0;
  for (const n of order) {
    if (n <= last) flags.push([n, 'repeated-number']);
    else {
      if (n > last + 1) flags.push([n, 'gap']);
      last = n;
    }
  }
  return flags;
}

describe('receipt chains on push (property)', () => {
  test('any subset of a chain in any order: all applied, flags as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .shuffledSubarray(
            Array.from({ length: N }, (_, i) => i + 1),
            { minLength: 1 },
          )
          .chain((order) => fc.tuple(fc.constant(order), fc.boolean())),
        async ([order, oneByOne]) => {
          const w = await createPushWorld();
          try {
            const lines = Array.from({ length: N }, (_, i) => `r-${String(i + 1)}`);
            await w.h.db.kysely.transaction().execute((trx) =>
              putEntities(
                trx,
                lines.map((id) => ({
                  entity: 'payment-line' as const,
                  id,
                  communeCode: PHU_BAI,
                  data: paymentLineData({ beneficiaryId: BENEFICIARIES.active, communeCode: PHU_BAI, amount: AMOUNT }),
                })),
                { now: w.h.clock.now() },
              ),
            );
            const { payer, supervisor } = w.actors;
            const pair = await newDeviceKeyPair();
            const put = await w.h.request(`/api/devices/${payer.deviceId}/key`, {
              method: 'PUT',
              token: payer.token,
              body: { protocol: 1, publicKey: await exportPublicKey(pair.publicKey) },
            });
            expect(put.status).toBe(200);
            // The device's chain as it made it: receipt n on line r-n, linked to n - 1.
            const stamps: { number: number; previous: string | null; signature: string }[] = [];
            let previous: string | null = null;
            for (let number = 1; number <= N; number++) {
              const facts: ReceiptFacts = {
                deviceId: payer.deviceId,
                number,
                lineId: `r-${String(number)}`,
                beneficiaryId: BENEFICIARIES.active,
                amount: AMOUNT,
                date: '2026-11-15',
                receiver: 'self',
                previous,
              };
              const signed = await signReceipt(pair.privateKey, facts);
              stamps.push({ number, previous, signature: signed.signature });
              previous = signed.hash;
            }
            const ops = order.map((n) =>
              w.op(payer, 'payment.record', `r-${String(n)}`, {
                amount: AMOUNT,
                receiver: { kind: 'self' },
                receipt: stamps[n - 1],
              }),
            );
            const answers = [];
            if (oneByOne) for (const op of ops) answers.push(await w.push(payer, [op]));
            else answers.push(await w.push(payer, ops));
            expect(answers.flatMap((a) => a.results.map((r) => r.status))).toEqual(order.map(() => 'applied'));
            const res = await w.h.request('/api/receipts/flags', { token: supervisor.token });
            const flags = receiptFlagsResponseSchema.parse(await res.json()).flags;
            expect(flags.map((f) => [f.number, f.code]).sort()).toEqual(expectedFlags(order).sort());
          } finally {
            await w.h.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
