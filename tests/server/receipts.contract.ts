/**
 * Verifiable receipts on the server (issue 16; docs/protocol.md "Verifiable receipts"), on SQLite
 * and PostgreSQL: a device registers its key once; the keys are listed to devices of the same
 * communes only; a signed payment's receipt is checked on push (signature and chain) and what
 * does not hold is flagged for supervisors, never a reason to refuse the payment.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { deviceKeysResponseSchema, receiptFlagsResponseSchema } from '../../src/protocol/receipts';
import type { ReceiptFacts } from '../../src/domain/receipt-chain';
import type { MakeDb } from '../../src/server/testing/databases';
import { putEntities } from '../../src/server/services/entity-store';
import { paymentLineData } from '../builders/beneficiary';
import {
  AMOUNT,
  BENEFICIARIES,
  LOC_AN,
  PHU_BAI,
  createPushWorld,
  type Actor,
  type World,
} from '../../src/server/testing/push-world';
import { exportPublicKey, newDeviceKeyPair, signReceipt } from '../../src/storage/receipt-signing';

/** Lines `r-1` … `r-8` of the active person in Phú Bài, due. */
const LINE_IDS = Array.from({ length: 8 }, (_, i) => `r-${i + 1}`);

export function runReceiptsContract(name: string, makeDb: MakeDb): void {
  describe(`verifiable receipts (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      await w.h.db.kysely.transaction().execute((trx) =>
        putEntities(
          trx,
          LINE_IDS.map((id) => ({
            entity: 'payment-line' as const,
            id,
            communeCode: PHU_BAI,
            data: paymentLineData({ beneficiaryId: BENEFICIARIES.active, communeCode: PHU_BAI, amount: AMOUNT }),
          })),
          { now: w.h.clock.now() },
        ),
      );
    });
    afterEach(() => w.h.close());

    const putKey = (who: Pick<Actor, 'token'>, deviceId: string, publicKey: unknown) =>
      w.h.request(`/api/devices/${deviceId}/key`, {
        method: 'PUT',
        token: who.token,
        body: { protocol: 1, publicKey },
      });
    const code = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;

    /** A device with a registered key that signs its receipts as the app does. */
    async function signer(who: Actor) {
      const pair = await newDeviceKeyPair();
      const res = await putKey(who, who.deviceId, await exportPublicKey(pair.publicKey));
      expect(res.status).toBe(200);
      let previous: string | null = null;
      return {
        /** A payment op of `lineId` with receipt `number`; `tamper` changes the facts signed. */
        async pay(lineId: string, number: number, tamper: Partial<ReceiptFacts> = {}) {
          const facts: ReceiptFacts = {
            deviceId: who.deviceId,
            number,
            lineId,
            beneficiaryId: BENEFICIARIES.active,
            amount: AMOUNT,
            // The op's recordedAt (push-world: 09:00 in Vietnam on 15 November).
            date: '2026-11-15',
            receiver: 'self',
            previous,
            ...tamper,
          };
          const signed = await signReceipt(pair.privateKey, facts);
          previous = signed.hash;
          return w.op(who, 'payment.record', lineId, {
            amount: AMOUNT,
            receiver: { kind: 'self' },
            receipt: { number, previous: facts.previous, signature: signed.signature },
          });
        },
        setPrevious: (hash: string | null) => {
          previous = hash;
        },
      };
    }

    const flags = async (token: string) => {
      const res = await w.h.request('/api/receipts/flags', { token });
      expect(res.status).toBe(200);
      return receiptFlagsResponseSchema.parse(await res.json()).flags;
    };
    const statuses = (answer: { results: { status: string }[] }) => answer.results.map((r) => r.status);

    test('a device registers its own key once: the same key again is fine, another is refused', async () => {
      const { payer, payer2 } = w.actors;
      const key = await exportPublicKey((await newDeviceKeyPair()).publicKey);
      const other = await exportPublicKey((await newDeviceKeyPair()).publicKey);
      // Another device's id, even of a colleague in the same commune: forbidden, nothing kept.
      const foreign = await putKey(payer, payer2.deviceId, key);
      expect([foreign.status, await code(foreign)]).toEqual([403, 'forbidden']);
      const bad = await putKey(payer, payer.deviceId, 'bm90LWEta2V5LWF0LWFsbC1qdXN0LXRleHQtdGhhdC1pcy1sb25n');
      expect([bad.status, await code(bad)]).toEqual([400, 'device-key-invalid']);
      const first = await putKey(payer, payer.deviceId, key);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ key: { deviceId: payer.deviceId, publicKey: key } });
      expect((await putKey(payer, payer.deviceId, key)).status).toBe(200);
      const changed = await putKey(payer, payer.deviceId, other);
      expect([changed.status, await code(changed)]).toEqual([409, 'device-key-set']);
      const keys = deviceKeysResponseSchema.parse(
        await (await w.h.request('/api/devices/keys', { token: payer2.token })).json(),
      );
      expect(keys.keys).toEqual([
        { deviceId: payer.deviceId, deviceName: 'Máy tính bảng payer', userName: 'Người dùng payer', publicKey: key },
      ]);
    });

    test('keys are listed to devices of the same communes only: a payer of another commune sees none of them', async () => {
      const { payer, officer, officerLa, supervisor } = w.actors;
      await signer(payer);
      await signer(officer);
      await w.h.addUser('payer-la', 'payer', [LOC_AN]);
      const attacker = { token: await w.h.signIn('payer-la', 'mat-khau-1', 'dev-payer-la') };
      const listed = async (token: string) =>
        deviceKeysResponseSchema
          .parse(await (await w.h.request('/api/devices/keys', { token })).json())
          .keys.map((k) => k.deviceId);
      expect(await listed(officer.token)).toEqual([officer.deviceId, payer.deviceId].sort());
      expect(await listed(supervisor.token)).toEqual([officer.deviceId, payer.deviceId].sort());
      expect(await listed(attacker.token)).toEqual([]);
      expect(await listed(officerLa.token)).toEqual([]);
      expect((await w.h.request('/api/devices/keys')).status).toBe(401);
    });

    test('a clean chain of signed payments is applied with no flag', async () => {
      const { payer, supervisor } = w.actors;
      const device = await signer(payer);
      const ops = [await device.pay('r-1', 1), await device.pay('r-2', 2), await device.pay('r-3', 3)];
      expect(statuses(await w.push(payer, ops.slice(0, 2)))).toEqual(['applied', 'applied']);
      expect(statuses(await w.push(payer, ops.slice(2)))).toEqual(['applied']);
      expect(await flags(supervisor.token)).toEqual([]);
    });

    test('a gap, an altered signature, a repeated number and a broken link are flagged; every payment is applied', async () => {
      const { payer, supervisor } = w.actors;
      const device = await signer(payer);
      const one = await device.pay('r-1', 1);
      // Receipt 2 never arrives: 3 follows a gap.
      await device.pay('r-2', 2);
      const three = await device.pay('r-3', 3);
      // Signed for another amount than the op says: the signature does not match the op.
      const four = await device.pay('r-4', 4, { amount: AMOUNT + 1 });
      const five = await device.pay('r-5', 5);
      // Number 5 again, on another line.
      const fiveAgain = await device.pay('r-6', 5);
      device.setPrevious('0'.repeat(64));
      const six = await device.pay('r-7', 6);
      const answer = await w.push(payer, [one, three, four, five, fiveAgain, six], 7);
      expect(statuses(answer)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied']);
      for (const line of ['r-1', 'r-3', 'r-4', 'r-5', 'r-6', 'r-7'])
        expect((await w.entity('payment-line', line))?.data['status']).toBe('paid');
      const found = (await flags(supervisor.token)).map((f) => [f.opId, f.code, f.number, f.expected]);
      expect(found.sort()).toEqual(
        [
          [three['id'], 'gap', 3, 2],
          [four['id'], 'bad-signature', 4, 4],
          // The device chained 5 to what it signed for 4, not to the op the server received.
          [five['id'], 'broken-link', 5, 5],
          [fiveAgain['id'], 'repeated-number', 5, 6],
          [six['id'], 'broken-link', 6, 6],
        ].sort(),
      );
      expect((await flags(supervisor.token))[0]).toMatchObject({
        deviceId: payer.deviceId,
        deviceName: 'Máy tính bảng payer',
        communeCode: PHU_BAI,
      });
    });

    test('a signed payment from a device with no key is flagged; one without a receipt (older app) is not', async () => {
      const { payer, payer2, supervisor } = w.actors;
      const plain = w.op(payer2, 'payment.record', 'r-1', {
        amount: AMOUNT,
        receipt: undefined,
        receiver: { kind: 'self' },
      });
      const pair = await newDeviceKeyPair();
      const signed = await signReceipt(pair.privateKey, {
        deviceId: payer.deviceId,
        number: 1,
        lineId: 'r-2',
        beneficiaryId: BENEFICIARIES.active,
        amount: AMOUNT,
        date: '2026-11-15',
        receiver: 'self',
        previous: null,
      });
      const unkeyed = w.op(payer, 'payment.record', 'r-2', {
        amount: AMOUNT,
        receiver: { kind: 'self' },
        receipt: { number: 1, previous: null, signature: signed.signature },
      });
      expect(statuses(await w.push(payer2, [plain]))).toEqual(['applied']);
      expect(statuses(await w.push(payer, [unkeyed]))).toEqual(['applied']);
      expect((await flags(supervisor.token)).map((f) => [f.opId, f.code])).toEqual([[unkeyed['id'], 'no-device-key']]);
    });

    test('flags are for supervisors of the commune: a payer is refused, another province’s supervisor sees none', async () => {
      const { payer } = w.actors;
      const device = await signer(payer);
      await w.push(payer, [await device.pay('r-1', 2)]);
      const refused = await w.h.request('/api/receipts/flags', { token: payer.token });
      expect(refused.status).toBe(403);
      await w.h.addUser('supervisor-la', 'supervisor', [LOC_AN]);
      expect(await flags(await w.h.signIn('supervisor-la'))).toEqual([]);
      expect((await flags(w.actors.admin.token)).map((f) => f.code)).toEqual(['gap']);
    });
  });
}
