/**
 * Devices for supervisors and admins (docs/protocol.md "Auth"), on SQLite and PostgreSQL: the scoped
 * list with seq progress, retiring (push still accepted, pull answers device-retired) and
 * revoking (every call answers device-revoked).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deviceResponseSchema, devicesResponseSchema } from '../../src/protocol/devices';
import { errorBodySchema } from '../../src/protocol/error-codes';
import type { MakeDb } from '../../src/server/testing/databases';
import { createPushWorld, LINES, LOC_AN, PHU_BAI, type World } from '../../src/server/testing/push-world';

export function runDevicesContract(name: string, makeDb: MakeDb): void {
  describe(`devices (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const list = async (token: string) => {
      const res = await w.h.request('/api/devices', { token });
      expect(res.status).toBe(200);
      return devicesResponseSchema.parse(await res.json()).devices;
    };
    const change = (token: string, deviceId: string, action: 'retire' | 'revoke') =>
      w.h.request(`/api/devices/${deviceId}/${action}`, { method: 'POST', token });
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;

    test('a supervisor sees the devices of users in their communes; an admin sees every device', async () => {
      const bySupervisor = (await list(w.actors.supervisor.token)).map((d) => d.id).sort();
      expect(bySupervisor).toEqual(['dev-officer', 'dev-officer-la', 'dev-payer', 'dev-payer2', 'dev-supervisor']);
      expect((await list(w.actors.admin.token)).map((d) => d.id)).toHaveLength(6);
      await w.h.addUser('sup-la', 'supervisor', [LOC_AN]);
      const laToken = await w.h.signIn('sup-la', 'mat-khau-1', 'dev-sup-la');
      // The province supervisor's device is listed too: their communes include Lộc An.
      expect((await list(laToken)).map((d) => d.id).sort()).toEqual(['dev-officer-la', 'dev-sup-la', 'dev-supervisor']);
      const byOfficer = await w.h.request('/api/devices', { token: w.actors.officer.token });
      expect(byOfficer.status).toBe(403);
    });

    test('the list shows lastSeq reported against the highest seq received, and the gaps', async () => {
      const { payer } = w.actors;
      const ops = [1, 2, 3, 4].map(() => w.op(payer, 'payment.unpaid', LINES.due));
      await w.push(payer, [ops[0], ops[3]], 7);
      const device = (await list(w.actors.supervisor.token)).find((d) => d.id === payer.deviceId);
      expect(device).toMatchObject({
        name: 'Máy tính bảng payer',
        status: 'active',
        user: { id: payer.userId, displayName: 'Người dùng payer', role: 'payer' },
        lastSeqReported: 7,
        maxSeqReceived: 4,
        pendingOps: 3,
        gaps: [{ fromSeq: 2, toSeq: 3 }],
      });
      expect(device?.lastSeenAt).toMatch(/^2026-11-15T/);
    });

    test('a retired device may still push, but pull answers 401 device-retired', async () => {
      const { payer, supervisor } = w.actors;
      const res = await change(supervisor.token, payer.deviceId, 'retire');
      expect(res.status).toBe(200);
      expect(deviceResponseSchema.parse(await res.json()).device.status).toBe('retired');
      expect((await w.push(payer, [w.op(payer, 'payment.record', LINES.due)])).results[0]?.status).toBe('applied');
      const pull = await w.h.request('/api/sync/pull', { token: payer.token });
      expect(pull.status).toBe(401);
      const body = errorBodySchema.parse(await pull.json());
      expect(body.error).toEqual({
        code: 'device-retired',
        message: 'Thiết bị này đã ngừng sử dụng. Dữ liệu trên máy sẽ được xóa sau khi gửi hết thao tác.',
      });
      expect((await w.h.request('/api/me', { token: payer.token })).status).toBe(200);
    });

    test('a revoked device gets 401 device-revoked on every call, push and blobs included', async () => {
      const { payer, supervisor } = w.actors;
      expect((await change(supervisor.token, payer.deviceId, 'revoke')).status).toBe(200);
      const calls = [
        () => w.h.request('/api/me', { token: payer.token }),
        () => w.h.request('/api/sync/pull', { token: payer.token }),
        () => w.pushRaw(payer, [w.op(payer, 'payment.record', LINES.due)]),
        () => w.h.request(`/api/blobs/${'a'.repeat(64)}`, { method: 'PUT', token: payer.token, body: 'x' }),
        () => w.h.request('/api/devices', { token: payer.token }),
      ];
      for (const call of calls) {
        const res = await call();
        expect(res.status).toBe(401);
        expect(await errorCode(res)).toBe('device-revoked');
      }
      expect(await w.opsCount()).toBe(0);
      // Retiring a revoked device does not bring it back.
      const retire = await change(supervisor.token, payer.deviceId, 'retire');
      expect(deviceResponseSchema.parse(await retire.json()).device.status).toBe('revoked');
    });

    test('only supervisors and admins in scope may retire or revoke', async () => {
      const { officer, officerLa, payer, admin } = w.actors;
      const byOfficer = await change(officer.token, payer.deviceId, 'revoke');
      expect(byOfficer.status).toBe(403);
      await w.h.addUser('sup-la', 'supervisor', [LOC_AN]);
      const laToken = await w.h.signIn('sup-la', 'mat-khau-1', 'dev-sup-la');
      const outOfScope = await change(laToken, payer.deviceId, 'revoke');
      expect(outOfScope.status).toBe(404);
      expect((await change(laToken, 'no-such-device', 'retire')).status).toBe(404);
      expect((await change(laToken, officerLa.deviceId, 'retire')).status).toBe(200);
      expect((await change(admin.token, payer.deviceId, 'revoke')).status).toBe(200);
      const statuses = await w.h.db.kysely.selectFrom('devices').select(['id', 'status']).orderBy('id').execute();
      expect(statuses.filter((d) => d.status !== 'active')).toEqual([
        { id: officerLa.deviceId, status: 'retired' },
        { id: payer.deviceId, status: 'revoked' },
      ]);
    });

    test('nobody acts on the devices of a user of a higher role or a wider scope', async () => {
      const { payer, supervisor } = w.actors;
      await w.h.addUser('sup-pb', 'supervisor', [PHU_BAI]);
      const pb = await w.h.signIn('sup-pb', 'mat-khau-1', 'dev-sup-pb');
      await w.h.addUser('admin-pb', 'admin', [PHU_BAI]);
      await w.h.signIn('admin-pb', 'mat-khau-1', 'dev-admin-pb');
      // Sharing Phú Bài with them is not enough.
      expect((await change(pb, 'dev-admin-pb', 'revoke')).status).toBe(403);
      expect((await change(pb, supervisor.deviceId, 'revoke')).status).toBe(403);
      expect((await change(pb, payer.deviceId, 'retire')).status).toBe(200);
      const statuses = await w.h.db.kysely.selectFrom('devices').select(['id', 'status']).orderBy('id').execute();
      expect(statuses.filter((d) => d.status !== 'active')).toEqual([{ id: payer.deviceId, status: 'retired' }]);
    });
  });
}
