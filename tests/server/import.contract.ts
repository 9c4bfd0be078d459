/**
 * Import of another device's outbox file (docs/protocol.md "Storage safety"), run on SQLite
 * (push.test.ts) and PostgreSQL (push.pg.test.ts): a supervisor sends a broken tablet's unsent
 * ops through the push pipeline, exactly once, within both the device user's and their own scope.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { importResponseSchema, type ImportResponse } from '../../src/protocol/import';
import { setDeviceStatus } from '../../src/server/services/devices';
import type { MakeDb } from '../../src/server/testing/databases';
import {
  AMOUNT,
  createPushWorld,
  LINES,
  LOC_AN,
  PHU_BAI,
  type Actor,
  type World,
} from '../../src/server/testing/push-world';
import { fakePng } from './blobs.contract';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

type FileBlob = { hash: string; type: string; base64: string };

export function runImportContract(name: string, makeDb: MakeDb): void {
  describe(`import of an outbox file (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      // Import is for devices taken out of use (a broken tablet is retired first).
      for (const a of [w.actors.payer, w.actors.officer, w.actors.officerLa])
        await setDeviceStatus(w.h.db.kysely, a.deviceId, 'retired');
    });
    afterEach(() => w.h.close());

    const file = (device: Actor, ops: unknown[], blobs: FileBlob[] = []) => ({
      format: 'chitra-outbox',
      version: 1,
      deviceId: device.deviceId,
      exportedAt: '2026-11-15T10:00:00.000Z',
      ops,
      blobs,
    });
    const importRaw = (who: Actor, body: unknown) => w.h.request('/api/sync/import', { token: who.token, body });
    const importFile = async (who: Actor, f: unknown): Promise<ImportResponse> => {
      const res = await importRaw(who, { protocol: 1, file: f });
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`);
      return importResponseSchema.parse(await res.json());
    };
    const errorOf = async (res: Response) => ({
      status: res.status,
      code: errorBodySchema.parse(await res.json()).error.code,
    });
    const opsRows = () =>
      w.h.db.kysely
        .selectFrom('ops')
        .select(['op_id', 'device_id', 'user_id', 'seq', 'imported_by'])
        .orderBy('op_id')
        .execute();

    test('a dead device’s payments are applied once; importing again answers duplicate', async () => {
      const { payer, supervisor } = w.actors;
      const ops = [w.op(payer, 'payment.record', LINES.due), w.op(payer, 'payment.unpaid', LINES.due2)];
      const first = await importFile(supervisor, file(payer, ops));
      expect(first.results).toEqual([
        { id: ops[0]?.['id'], status: 'applied', version: 2 },
        { id: ops[1]?.['id'], status: 'applied', version: 2 },
      ]);
      expect((await w.entity('payment-line', LINES.due))?.data).toMatchObject({
        status: 'paid',
        payment: { opId: ops[0]?.['id'], amount: AMOUNT },
      });
      const again = await importFile(supervisor, file(payer, ops));
      expect(again.results.map((r) => [r.status, r.status === 'duplicate' ? r.code : null])).toEqual([
        ['duplicate', 'applied'],
        ['duplicate', 'applied'],
      ]);
      // The device itself comes back to life and pushes them too: still once.
      expect((await w.push(payer, ops)).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await w.opsCount()).toBe(2);
      expect((await w.entity('payment-line', LINES.due))?.version).toBe(2);
    });

    test('the op log shows the device, its user, and who imported the ops', async () => {
      const { payer, supervisor } = w.actors;
      const pushed = w.op(payer, 'payment.record', LINES.due);
      await w.push(payer, [pushed]);
      const imported = w.op(payer, 'payment.unpaid', LINES.due2);
      await importFile(supervisor, file(payer, [pushed, imported]));
      expect(await opsRows()).toEqual(
        [
          { op_id: pushed['id'], device_id: payer.deviceId, user_id: payer.userId, seq: 1, imported_by: null },
          {
            op_id: imported['id'],
            device_id: payer.deviceId,
            user_id: payer.userId,
            seq: 2,
            imported_by: supervisor.userId,
          },
        ].map((r) => ({ ...r, seq: expect.anything() as unknown })),
      );
      const device = await w.h.db.kysely
        .selectFrom('devices')
        .select(['max_seq_received', 'last_seq_reported'])
        .where('id', '=', payer.deviceId)
        .executeTakeFirstOrThrow();
      expect({ max: Number(device.max_seq_received), reported: Number(device.last_seq_reported) }).toEqual({
        max: 2,
        reported: 2,
      });
      // What the commune's devices pull says which facts came from a file, and who imported them.
      const { changes } = await w.pull(w.actors.payer2);
      const data = (id: string) => changes.find((c) => c.id === id)?.data;
      expect(data(LINES.due)?.['payment']).not.toHaveProperty('importedBy');
      expect(data(LINES.due2)?.['lastVisit']).toMatchObject({ opId: imported['id'], importedBy: supervisor.userId });
    });

    test('the device’s reported last seq is never lowered by a file', async () => {
      const { payer, supervisor } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      await w.push(payer, [op], 40);
      await importFile(supervisor, file(payer, [op, w.op(payer, 'payment.unpaid', LINES.due2)]));
      const device = await w.h.db.kysely
        .selectFrom('devices')
        .select('last_seq_reported')
        .where('id', '=', payer.deviceId)
        .executeTakeFirstOrThrow();
      expect(Number(device.last_seq_reported)).toBe(40);
    });

    test('an admin may import; a payer or an officer may not (403), and nothing is applied', async () => {
      const { payer, officer, admin } = w.actors;
      const op = w.op(payer, 'payment.record', LINES.due);
      expect(await errorOf(await importRaw(payer, { protocol: 1, file: file(payer, [op]) }))).toEqual({
        status: 403,
        code: 'forbidden',
      });
      expect(await errorOf(await importRaw(officer, { protocol: 1, file: file(payer, [op]) }))).toEqual({
        status: 403,
        code: 'forbidden',
      });
      expect(await w.opsCount()).toBe(0);
      expect((await importFile(admin, file(payer, [op]))).results[0]).toMatchObject({ status: 'applied' });
    });

    test('a supervisor of another commune may not import (403); an unknown device is 404', async () => {
      const { payer } = w.actors;
      await w.h.addUser('sup-la', 'supervisor', [LOC_AN]);
      const token = await w.h.signIn('sup-la');
      const supLa: Actor = { userId: 'user-sup-la', role: 'supervisor', deviceId: 'dev-sup-la', token, seq: 1 };
      const op = w.op(payer, 'payment.record', LINES.due);
      expect(await errorOf(await importRaw(supLa, { protocol: 1, file: file(payer, [op]) }))).toEqual({
        status: 403,
        code: 'forbidden',
      });
      const unknown = { ...file(payer, [op]), deviceId: 'no-such-device' };
      expect(await errorOf(await importRaw(w.actors.supervisor, { protocol: 1, file: unknown }))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect(await w.opsCount()).toBe(0);
    });

    test('ops are authorised as the device’s user, within the importer’s communes', async () => {
      const { officer, payer, officerLa, supervisor } = w.actors;
      // A void is for supervisors only: the officer's device could not have pushed it.
      const voidOp = w.op(officer, 'payment.void', LINES.due);
      // Another device's op, and another person's, in the file: not this device's to send.
      const otherDevice = w.op(payer, 'payment.record', LINES.due2);
      const otherActor = { ...w.op(officer, 'payment.unpaid', LINES.due2), actorId: payer.userId };
      const fine = w.op(officer, 'payment.record', LINES.due);
      const { results } = await importFile(supervisor, file(officer, [voidOp, otherDevice, otherActor, fine]));
      expect(results.map((r) => [r.status, 'code' in r ? r.code : undefined])).toEqual([
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
        ['rejected', 'forbidden'],
        ['applied', undefined],
      ]);
      // A supervisor of Phú Bài only cannot apply the Lộc An officer's ops…
      await w.h.addUser('sup-pb', 'supervisor', [PHU_BAI]);
      const supPb: Actor = { ...supervisor, token: await w.h.signIn('sup-pb') };
      const laOp = w.op(officerLa, 'payment.record', LINES.otherCommune);
      expect((await importRaw(supPb, { protocol: 1, file: file(officerLa, [laOp]) })).status).toBe(403);
      // …and a supervisor of both communes importing a Phú Bài officer's Lộc An op is still refused.
      const outside = w.op(officer, 'payment.record', LINES.otherCommune);
      expect((await importFile(supervisor, file(officer, [outside]))).results[0]).toMatchObject({
        status: 'rejected',
      });
      expect((await w.entity('payment-line', LINES.otherCommune))?.data['status']).toBe('due');
    });

    test('the file’s blobs are stored first (bad and unnamed ones skipped), so its payments miss nothing', async () => {
      const { payer, supervisor } = w.actors;
      const signature = fakePng(21);
      const unnamed = fakePng(24);
      const wrongHash = fakePng(22);
      const notImage = Uint8Array.from([1, 2, 3, 4]);
      const op = w.op(payer, 'payment.record', LINES.due, {
        amount: AMOUNT,
        receiver: { kind: 'self' },
        signature: sha256(signature),
      });
      const blobs = [
        { hash: sha256(signature), type: 'image/png', base64: base64(signature) },
        { hash: sha256(fakePng(23)), type: 'image/png', base64: base64(wrongHash) },
        { hash: sha256(notImage), type: 'text/plain', base64: base64(notImage) },
        { hash: sha256(signature), type: 'image/png', base64: '%%% not base64 %%%' },
        // A good image no op of the file names: not kept (issue 13, no unreferenced blobs).
        { hash: sha256(unnamed), type: 'image/png', base64: base64(unnamed) },
      ];
      const { results } = await importFile(supervisor, file(payer, [op], blobs));
      expect(results[0]).toMatchObject({ status: 'applied' });
      const stored = await w.h.db.kysely.selectFrom('blobs').select(['sha256', 'user_id']).execute();
      expect(stored).toEqual([{ sha256: sha256(signature), user_id: payer.userId }]);
      expect((await w.entity('payment-line', LINES.due))?.data['missingBlobs']).toEqual([]);
    });

    const valid = () => file(w.actors.payer, [w.op(w.actors.payer, 'payment.record', LINES.due)]);
    test.each<[string, (f: Record<string, unknown>) => unknown]>([
      ['no file', () => ({ protocol: 1 })],
      ['a file that is a string', () => ({ protocol: 1, file: 'chitra-outbox' })],
      ['a file that is an array', (f) => ({ protocol: 1, file: [f] })],
      ['another format', (f) => ({ protocol: 1, file: { ...f, format: 'something-else' } })],
      ['another version', (f) => ({ protocol: 1, file: { ...f, version: 2 } })],
      ['no device id', (f) => ({ protocol: 1, file: { ...f, deviceId: null } })],
      ['ops that are not a list', (f) => ({ protocol: 1, file: { ...f, ops: { 0: 'x' } } })],
      ['an op without an id', (f) => ({ protocol: 1, file: { ...f, ops: [{ type: 'payment.record' }] } })],
      ['an op that is null', (f) => ({ protocol: 1, file: { ...f, ops: [null] } })],
      ['blobs missing', (f) => ({ protocol: 1, file: { ...f, blobs: undefined } })],
      ['a blob without bytes', (f) => ({ protocol: 1, file: { ...f, blobs: [{ hash: 'a', type: 'image/png' }] } })],
      ['a number', () => 42],
      ['null', () => null],
    ])('%s is 400 invalid-body and applies nothing', async (_name, make) => {
      const res = await importRaw(w.actors.supervisor, make(valid()));
      expect(await errorOf(res)).toEqual({ status: 400, code: 'invalid-body' });
      expect(await w.opsCount()).toBe(0);
    });

    test('odd ops inside a well-formed file are answered one by one, never a 500', async () => {
      const { payer, supervisor } = w.actors;
      const deep: Record<string, unknown> = {};
      let cursor = deep;
      for (let i = 0; i < 60; i++) {
        const next: Record<string, unknown> = {};
        cursor['x'] = next;
        cursor = next;
      }
      const ops = [
        { id: 'odd-1' },
        { id: 'odd-2', type: 'payment.record', deviceId: payer.deviceId, seq: 'one', payload: deep },
        { id: 'odd\u0000nul', type: 'payment.record' },
        { id: 'odd-3', type: 'payment.record', deviceId: payer.deviceId, seq: Number.MAX_SAFE_INTEGER + 2 },
        { ...w.op(payer, 'payment.record', LINES.due), recordedAt: 'yesterday' },
      ];
      const { results } = await importFile(supervisor, file(payer, ops));
      expect(results.map((r) => [r.id, r.status])).toEqual(ops.map((o) => [o.id, 'rejected']));
    });

    test('bad JSON is 400 invalid-json; another protocol is 409; no token is 401', async () => {
      const { supervisor } = w.actors;
      expect(await errorOf(await importRaw(supervisor, '{"protocol":1,'))).toEqual({
        status: 400,
        code: 'invalid-json',
      });
      expect(await errorOf(await importRaw(supervisor, { protocol: 2, file: valid() }))).toEqual({
        status: 409,
        code: 'protocol-mismatch',
      });
      const res = await w.h.request('/api/sync/import', { body: { protocol: 1, file: valid() } });
      expect(res.status).toBe(401);
    });

    test('only a retired or revoked device’s file, and never of a user of wider scope', async () => {
      const { supervisor, payer2 } = w.actors;
      const op = w.op(payer2, 'payment.record', LINES.due);
      // payer2's tablet is still in use: its own pushes carry its ops.
      expect(await errorOf(await importRaw(supervisor, { protocol: 1, file: file(payer2, [op]) }))).toEqual({
        status: 409,
        code: 'device-active',
      });
      await setDeviceStatus(w.h.db.kysely, payer2.deviceId, 'retired');
      expect((await importFile(supervisor, file(payer2, [op]))).results[0]).toMatchObject({ status: 'applied' });
      // A supervisor of Phú Bài alone may not import the province supervisor's device.
      await setDeviceStatus(w.h.db.kysely, supervisor.deviceId, 'retired');
      await w.h.addUser('sup-pb2', 'supervisor', [PHU_BAI]);
      const supPb: Actor = { ...supervisor, token: await w.h.signIn('sup-pb2', 'mat-khau-1', 'dev-sup-pb2') };
      const wider = w.op(supervisor, 'payment.unpaid', LINES.due2);
      expect(await errorOf(await importRaw(supPb, { protocol: 1, file: file(supervisor, [wider]) }))).toEqual({
        status: 403,
        code: 'forbidden',
      });
    });
  });
}
