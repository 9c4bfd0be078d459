/**
 * Blobs (docs/protocol.md "Blobs") on SQLite and PostgreSQL: upload checks, idempotency, and the
 * missing-blob flag on a payment line that is cleared when the bytes arrive.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { blobPutResponseSchema } from '../../src/protocol/blobs';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { evidenceResponseSchema } from '../../src/protocol/evidence';
import type { MakeDb } from '../../src/server/testing/databases';
import { AMOUNT, createPushWorld, LINES, type World } from '../../src/server/testing/push-world';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bytes that start like a PNG (the server checks the signature, not the whole image). */
export const fakePng = (fill: number, size = 64): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: size }, (_, i) => PNG_SIGNATURE[i] ?? (fill + i) % 256);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function runBlobsContract(name: string, makeDb: MakeDb): void {
  describe(`blobs (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const put = (
      bytes: Uint8Array<ArrayBuffer>,
      options: { hash?: string; type?: string; token?: string | null } = {},
    ) =>
      w.h.app.request(`/api/blobs/${options.hash ?? sha256(bytes)}`, {
        method: 'PUT',
        headers: {
          'content-type': options.type ?? 'image/png',
          ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? w.actors.payer.token}` }),
        },
        body: bytes,
      });
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;

    test('a blob is stored once; the same bytes again are a 200 that changes nothing', async () => {
      const bytes = fakePng(1);
      const first = await put(bytes);
      expect(first.status).toBe(200);
      expect(blobPutResponseSchema.parse(await first.json())).toEqual({
        protocol: 1,
        sha256: sha256(bytes),
        size: 64,
        created: true,
      });
      const again = await put(bytes, { token: w.actors.officer.token });
      expect(again.status).toBe(200);
      expect(blobPutResponseSchema.parse(await again.json()).created).toBe(false);
      const stored = await w.h.db.kysely.selectFrom('blobs').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect(Buffer.from(stored[0]?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
      expect(stored[0]).toMatchObject({ content_type: 'image/png', user_id: w.actors.payer.userId });
    });

    test('bytes that do not hash to the address are refused with blob-hash-mismatch', async () => {
      const res = await put(fakePng(2), { hash: sha256(fakePng(3)) });
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('blob-hash-mismatch');
    });

    test.each([
      ['a type that is not an image', 'text/plain', fakePng(4)],
      ['no type', '', fakePng(4)],
      ['JPEG declared, PNG bytes', 'image/jpeg', fakePng(4)],
      ['PNG declared, other bytes', 'image/png', Uint8Array.from([1, 2, 3, 4])],
    ])('%s is refused with blob-type-not-allowed', async (_name, type, bytes) => {
      const res = await put(bytes, { type });
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('blob-type-not-allowed');
    });

    test('JPEG and WebP with a charset parameter are accepted', async () => {
      const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      const webp = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 9]);
      expect((await put(jpeg, { type: 'image/jpeg' })).status).toBe(200);
      expect((await put(webp, { type: 'IMAGE/WEBP; q=1' })).status).toBe(200);
    });

    test('more than 2 MiB is 413; an address that is not a sha256 is 400; no token is 401', async () => {
      const big = fakePng(5, 2 * 1024 * 1024 + 1);
      const tooBig = await put(big);
      expect(tooBig.status).toBe(413);
      expect(await errorCode(tooBig)).toBe('payload-too-large');
      const badHash = await put(fakePng(6), { hash: 'ABC' });
      expect(badHash.status).toBe(400);
      expect(await errorCode(badHash)).toBe('invalid-blob-hash');
      expect((await put(fakePng(7), { token: null })).status).toBe(401);
      expect(await w.h.db.kysely.selectFrom('blobs').select('sha256').execute()).toEqual([]);
    });

    test('a payment whose signature has not arrived is applied, flagged, and unflagged when it arrives', async () => {
      const { payer, officer } = w.actors;
      const signature = fakePng(8);
      const photo = fakePng(9);
      expect((await put(photo)).status).toBe(200);
      const op = w.op(payer, 'payment.record', LINES.due, {
        amount: AMOUNT,
        receiver: { kind: 'self' },
        signature: sha256(signature),
        photo: sha256(photo),
      });
      expect((await w.push(payer, [op])).results[0]).toMatchObject({ status: 'applied', version: 2 });
      expect((await w.entity('payment-line', LINES.due))?.data['missingBlobs']).toEqual([
        { sha256: sha256(signature), opId: op['id'], field: 'signature' },
      ]);
      const { cursor } = await w.pull(officer);

      expect((await put(signature)).status).toBe(200);
      const line = await w.entity('payment-line', LINES.due);
      expect(line).toMatchObject({ version: 3, data: { status: 'paid', missingBlobs: [] } });
      expect(await w.h.db.kysely.selectFrom('missing_blobs').selectAll().execute()).toEqual([]);
      const { changes } = await w.pull(officer, cursor);
      expect(changes).toMatchObject([{ entity: 'payment-line', id: LINES.due, data: { missingBlobs: [] } }]);
    });

    test('a blob that arrives first is never flagged missing', async () => {
      const { payer } = w.actors;
      const signature = fakePng(10);
      await put(signature);
      await w.push(payer, [
        w.op(payer, 'payment.record', LINES.due, {
          amount: AMOUNT,
          receiver: { kind: 'self' },
          signature: sha256(signature),
        }),
      ]);
      expect((await w.entity('payment-line', LINES.due))?.data['missingBlobs']).toEqual([]);
    });

    test('a supervisor of the commune sees a payment’s signature; nobody else does; every look is logged', async () => {
      const { payer, supervisor, officer } = w.actors;
      const signature = fakePng(20);
      const photo = fakePng(30);
      await put(signature);
      await put(photo);
      const stranger = fakePng(40);
      await put(stranger);
      await w.push(payer, [
        w.op(payer, 'payment.record', LINES.due, {
          amount: AMOUNT,
          receiver: { kind: 'self' },
          signature: sha256(signature),
          photo: sha256(photo),
        }),
      ]);
      const evidence = await w.h.request(`/api/lines/${LINES.due}/evidence`, { token: supervisor.token });
      expect(evidence.status).toBe(200);
      expect(evidenceResponseSchema.parse(await evidence.json()).payments).toMatchObject([
        { signature: sha256(signature), photo: sha256(photo), isCounted: true, userName: 'Người dùng payer' },
      ]);
      const bytes = await w.h.request(`/api/lines/${LINES.due}/evidence/${sha256(signature)}`, {
        token: supervisor.token,
      });
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await bytes.arrayBuffer()).equals(Buffer.from(signature))).toBe(true);
      // Not the field staff; not a blob this line's payments do not name; not another commune's supervisor.
      expect((await w.h.request(`/api/lines/${LINES.due}/evidence`, { token: officer.token })).status).toBe(404);
      expect(
        (await w.h.request(`/api/lines/${LINES.due}/evidence/${sha256(signature)}`, { token: payer.token })).status,
      ).toBe(404);
      expect(
        (await w.h.request(`/api/lines/${LINES.due}/evidence/${sha256(stranger)}`, { token: supervisor.token })).status,
      ).toBe(404);
      await w.h.addUser('sup-la', 'supervisor', ['20140']);
      const la = await w.h.signIn('sup-la', 'mat-khau-1', 'dev-sup-la');
      expect((await w.h.request(`/api/lines/${LINES.due}/evidence`, { token: la })).status).toBe(404);
      const views = await w.h.db.kysely.selectFrom('evidence_views').select(['user_id', 'line_id', 'sha256']).execute();
      expect(views).toEqual([
        { user_id: 'user-supervisor', line_id: LINES.due, sha256: null },
        { user_id: 'user-supervisor', line_id: LINES.due, sha256: sha256(signature) },
      ]);
    });
  });
}
