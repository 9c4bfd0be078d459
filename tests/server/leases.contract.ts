/**
 * The offline lease's admin routes (issue 13; docs/protocol.md "Pull") on SQLite and PostgreSQL:
 * `GET /api/communes/leases` lists every commune the server knows with its days (the default when
 * no admin set it), who set it and when; `PUT /api/communes/{code}/lease` sets one, refusing
 * anything but whole days from 1 to 90 and communes the server does not know.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { leasesResponseSchema } from '../../src/protocol/leases';
import { pullResponseSchema } from '../../src/protocol/pull';
import type { MakeDb } from '../../src/server/testing/databases';
import { TEST_NOW } from '../../src/server/testing/harness';
import { createPushWorld, LOC_AN, PHU_BAI, type World } from '../../src/server/testing/push-world';

export function runLeasesContract(name: string, makeDb: MakeDb): void {
  describe(`offline leases (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const list = async (token: string) => {
      const res = await w.h.request('/api/communes/leases', { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return leasesResponseSchema.parse(await res.json());
    };
    const put = (token: string, commune: string, body: unknown) =>
      w.h.request(`/api/communes/${commune}/lease`, { method: 'PUT', token, body });
    const refusal = async (res: Response) => ({
      status: res.status,
      code: errorBodySchema.parse(await res.json()).error.code,
    });

    test('an admin reads every commune the server knows, by code, at the default until one is set', async () => {
      const { admin } = w.actors;
      // The admin's own list of communes is empty: the screen still covers every commune.
      expect(await list(admin.token)).toEqual({
        protocol: 1,
        defaultDays: 7,
        leases: [
          { commune: PHU_BAI, communeName: 'Phường Phú Bài', days: 7, isDefault: true, setBy: null, setAt: null },
          { commune: LOC_AN, communeName: 'Xã Lộc An', days: 7, isDefault: true, setBy: null, setAt: null },
        ],
      });
    });

    test('a lease set by an admin is listed with who set it and when, and reaches the commune’s tablets', async () => {
      const { admin, payer } = w.actors;
      const res = await put(admin.token, PHU_BAI, { protocol: 1, days: 3 });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ protocol: 1, commune: PHU_BAI, days: 3 });
      const { leases } = await list(admin.token);
      expect(leases).toEqual([
        {
          commune: PHU_BAI,
          communeName: 'Phường Phú Bài',
          days: 3,
          isDefault: false,
          setBy: { id: admin.userId, name: 'Người dùng admin' },
          setAt: new Date(TEST_NOW).toISOString(),
        },
        expect.objectContaining({ commune: LOC_AN, days: 7, isDefault: true }),
      ]);
      const page = await w.h.request('/api/sync/pull?limit=1', { token: payer.token });
      expect(pullResponseSchema.parse(await page.json()).leaseDays).toBe(3);
    });

    test('setting it again replaces it, and names the admin who set it last', async () => {
      const { admin } = w.actors;
      await w.h.addUser('admin2', 'admin', []);
      const other = await w.h.signIn('admin2');
      expect((await put(admin.token, LOC_AN, { protocol: 1, days: 30 })).status).toBe(200);
      expect((await put(other, LOC_AN, { protocol: 1, days: 14 })).status).toBe(200);
      expect((await list(admin.token)).leases[1]).toMatchObject({
        commune: LOC_AN,
        days: 14,
        setBy: { id: 'user-admin2', name: 'Người dùng admin2' },
      });
    });

    test.each([0, 91, 2.5, -7])('%s days is 400 lease-days-invalid and changes nothing', async (days) => {
      const { admin } = w.actors;
      expect(await refusal(await put(admin.token, PHU_BAI, { protocol: 1, days }))).toEqual({
        status: 400,
        code: 'lease-days-invalid',
      });
      expect((await list(admin.token)).leases[0]).toMatchObject({ days: 7, isDefault: true });
    });

    test('a body without a number of days is invalid; a commune the server does not know is not found', async () => {
      const { admin } = w.actors;
      expect(await refusal(await put(admin.token, PHU_BAI, { protocol: 1, days: '7' }))).toEqual({
        status: 400,
        code: 'invalid-body',
      });
      expect(await refusal(await put(admin.token, '99999', { protocol: 1, days: 7 }))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect(await refusal(await put(admin.token, 'abc', { protocol: 1, days: 7 }))).toEqual({
        status: 404,
        code: 'not-found',
      });
      expect((await list(admin.token)).leases.map((l) => l.commune)).toEqual([PHU_BAI, LOC_AN]);
    });

    test('only admins read or set leases', async () => {
      const { supervisor, officer } = w.actors;
      for (const who of [supervisor, officer]) {
        expect(await refusal(await w.h.request('/api/communes/leases', { token: who.token }))).toEqual({
          status: 403,
          code: 'forbidden',
        });
        expect(await refusal(await put(who.token, PHU_BAI, { protocol: 1, days: 3 }))).toEqual({
          status: 403,
          code: 'forbidden',
        });
      }
      expect((await w.h.request('/api/communes/leases')).status).toBe(401);
    });
  });
}
