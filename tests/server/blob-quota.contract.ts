/**
 * Unreferenced blobs (issue 13, docs/protocol.md "Blobs") on SQLite and PostgreSQL: a per-user
 * quota on blobs no op names, and such blobs dropped after the grace period; blobs an op names
 * are kept and never count.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import type { MakeDb } from '../../src/server/testing/databases';
import {
  AMOUNT,
  BENEFICIARIES,
  createPushWorld,
  LINES,
  PHU_BAI,
  type Actor,
  type World,
} from '../../src/server/testing/push-world';
import { fakePng } from './blobs.contract';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Three 64-byte blobs fit; a fourth does not. */
const policy = { quotaBytes: 200, graceMs: 60_000 };

export function runBlobQuotaContract(name: string, makeDb: MakeDb): void {
  describe(`blob quota and sweep (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb(), blobs: policy });
    });
    afterEach(() => w.h.close());

    const put = (bytes: Uint8Array<ArrayBuffer>, who: Actor) =>
      w.h.app.request(`/api/blobs/${sha256(bytes)}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${who.token}` },
        body: bytes,
      });
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
    const stored = async () =>
      (await w.h.db.kysely.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256).sort();
    const pay = (who: Actor, signature: Uint8Array, line: string = LINES.due) =>
      w.op(who, 'payment.record', line, { amount: AMOUNT, receiver: { kind: 'self' }, signature: sha256(signature) });

    test('a user’s blobs that no op names stop at the quota; another user’s and a repeat still go', async () => {
      const { payer, officer } = w.actors;
      const [first, second, third, fourth] = [fakePng(1), fakePng(2), fakePng(3), fakePng(4)];
      for (const b of [first, second, third]) expect((await put(b, payer)).status).toBe(200);
      const over = await put(fourth, payer);
      expect(over.status).toBe(413);
      expect(await errorCode(over)).toBe('blob-quota-exceeded');
      expect(await stored()).not.toContain(sha256(fourth));
      // Bytes already stored are a repeat, not new bytes; the quota is the uploader's own.
      expect((await put(first, payer)).status).toBe(200);
      expect((await put(fourth, officer)).status).toBe(200);
    });

    test('once an op names a blob it no longer counts, and a blob an op waits for always goes', async () => {
      const { payer } = w.actors;
      const [first, second, third, fourth, fifth] = [fakePng(1), fakePng(2), fakePng(3), fakePng(4), fakePng(5)];
      for (const b of [first, second, third]) await put(b, payer);
      expect((await w.push(payer, [pay(payer, first)])).results[0]).toMatchObject({ status: 'applied' });
      expect((await put(fourth, payer)).status).toBe(200);
      // Over the quota again, but this signature's payment arrived first and waits for it.
      const payment = pay(payer, fifth, LINES.due2);
      expect((await w.push(payer, [payment])).results[0]).toMatchObject({ status: 'applied' });
      expect((await put(fifth, payer)).status).toBe(200);
    });

    test('after the grace period, blobs no accepted op names are dropped, a rejected op’s too', async () => {
      const { payer, officerLa } = w.actors;
      const [named, loose, refused, later] = [fakePng(1), fakePng(2), fakePng(3), fakePng(9)];
      for (const b of [named, loose, refused]) await put(b, payer);
      await w.push(payer, [pay(payer, named)]);
      // Another commune's line: rejected, so its signature is not kept for it.
      expect((await w.push(officerLa, [pay(officerLa, refused)])).results[0]).toMatchObject({ status: 'rejected' });
      w.h.clock.advance(policy.graceMs + 1);
      // Any upload sweeps first.
      expect((await put(later, payer)).status).toBe(200);
      expect(await stored()).toEqual([sha256(named), sha256(later)].sort());
    });

    test('only declared evidence is named: an extra photo on a loose payload keeps nothing', async () => {
      const { payer } = w.actors;
      const extra = fakePng(7);
      await put(extra, payer);
      const check = w.op(payer, 'id-check.record', BENEFICIARIES.active, {
        person: 'beneficiary',
        method: 'manual',
        fields: { idNumber: 'match', fullName: 'match', birthDate: 'match', gender: 'match' },
        overall: 'match',
        photo: sha256(extra),
        signature: sha256(extra),
      });
      expect((await w.push(payer, [check])).results[0]).toMatchObject({ status: 'applied' });
      expect(await w.h.db.kysely.selectFrom('blob_refs').selectAll().execute()).toEqual([]);
      // A type named like an object's own property is an unknown type, refused, never a 500.
      const odd = { ...w.op(payer, 'payment.record', LINES.due, { signature: sha256(extra) }), type: '__proto__' };
      expect((await w.push(payer, [odd])).results[0]).toMatchObject({ status: 'rejected' });
      w.h.clock.advance(policy.graceMs + 1);
      await put(fakePng(8), payer);
      expect(await stored()).toEqual([sha256(fakePng(8))]);
    });

    test('many uploads at once do not pass the quota together', async () => {
      const { payer } = w.actors;
      const answers = await Promise.all(Array.from({ length: 12 }, async (_, n) => put(fakePng(20 + n), payer)));
      // Three 64-byte blobs fit in 200 bytes, whatever the order.
      expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
      expect(answers.filter((a) => a.status === 413)).toHaveLength(9);
    });

    test('a role that sends no op uploads no evidence and pushes nothing', async () => {
      await w.h.addUser('watcher', 'monitoring', [PHU_BAI]);
      const token = await w.h.signIn('watcher', 'mat-khau-1', 'dev-watcher');
      const bytes = fakePng(30);
      const res = await w.h.app.request(`/api/blobs/${sha256(bytes)}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
        body: bytes,
      });
      expect(res.status).toBe(403);
      const push = await w.h.request('/api/sync/push', {
        token,
        body: { protocol: 1, deviceId: 'dev-watcher', lastSeq: 5000, ops: [] },
      });
      expect(push.status).toBe(403);
      expect(await stored()).toEqual([]);
      const device = await w.h.db.kysely
        .selectFrom('devices')
        .select('last_seq_reported')
        .where('id', '=', 'dev-watcher')
        .executeTakeFirst();
      expect(Number(device?.last_seq_reported)).toBe(0);
    });
  });
}
