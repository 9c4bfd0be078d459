/**
 * Users on screen (issue 14; docs/protocol.md "Users") on SQLite and PostgreSQL: an admin creates a
 * user with a temporary password that the first sign-in must replace; disabling or resetting ends
 * every token at once; only admins manage users; nobody disables, resets or demotes themselves, nor
 * the last active admin; a former district's scope is exactly its communes.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pilotCommunes } from '../../src/domain/admin-units';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { meResponseSchema } from '../../src/protocol/auth';
import { userResponseSchema, usersResponseSchema } from '../../src/protocol/users';
import type { MakeDb } from '../../src/server/testing/databases';
import { TEST_NOW } from '../../src/server/testing/harness';
import { createPushWorld, LOC_AN, PHU_BAI, type World } from '../../src/server/testing/push-world';
import { ensureCommunes } from '../../src/server/seed/communes';
import { testHashOptions } from '../../src/server/services/passwords';
import { setUserDisabled } from '../../src/server/services/user-admin';

export function runUsersContract(name: string, makeDb: MakeDb): void {
  describe(`users on screen (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const refusal = async (res: Response) => ({
      status: res.status,
      code: errorBodySchema.parse(await res.json()).error.code,
    });
    const create = (token: string, body: Record<string, unknown>) =>
      w.h.request('/api/users', { token, body: { protocol: 1, ...body } });
    const created = async (body: Record<string, unknown>) => {
      const res = await create(w.actors.admin.token, body);
      expect(res.status).toBe(201);
      return userResponseSchema.parse(await res.json());
    };
    const step = (token: string, id: string, what: string) =>
      w.h.request(`/api/users/${id}/${what}`, { method: 'POST', token, body: { protocol: 1 } });
    const list = async () => {
      const res = await w.h.request('/api/users', { token: w.actors.admin.token });
      expect(res.status).toBe(200);
      return usersResponseSchema.parse(await res.json());
    };
    const login = (username: string, password: string, device = `dev-${username}`) =>
      w.h.request('/api/auth/login', { body: w.h.loginBody(username, password, device) });
    const tokenOf = async (res: Response) => ((await res.json()) as { token: string }).token;
    const changePassword = (token: string, currentPassword: string, newPassword: string) =>
      w.h.request('/api/auth/password', { token, body: { protocol: 1, currentPassword, newPassword } });
    const officerBody = { username: 'Lan.Officer', displayName: 'Trần Thị Lan', role: 'officer' };

    test('create → the first sign-in may only set a password → then everything works', async () => {
      const made = await created({ ...officerBody, scope: { kind: 'communes', codes: [PHU_BAI] } });
      expect(made.user).toMatchObject({
        username: 'lan.officer',
        displayName: 'Trần Thị Lan',
        role: 'officer',
        scope: { kind: 'communes', codes: [PHU_BAI] },
        communes: [PHU_BAI],
        disabled: false,
        mustChangePassword: true,
        lastSignInAt: null,
        devices: [],
      });
      const temporary = made.temporaryPassword ?? '';
      expect(temporary).toMatch(/^[A-Za-z2-9]{14}$/u);

      const first = await login('lan.officer', temporary);
      expect(first.status).toBe(200);
      const body = (await first.json()) as { token: string; user: unknown };
      expect(body.user).toMatchObject({ username: 'lan.officer', mustChangePassword: true });
      const token = body.token;
      // Everything but setting the password (and signing out) is refused.
      expect(await refusal(await w.h.request('/api/me', { token }))).toEqual({
        status: 403,
        code: 'password-change-required',
      });
      expect((await w.h.request('/api/sync/pull?limit=1', { token })).status).toBe(403);
      const pushed = await w.h.request('/api/sync/push', {
        token,
        body: { protocol: 1, deviceId: 'dev-lan.officer', lastSeq: 0, ops: [] },
      });
      expect(await refusal(pushed)).toEqual({ status: 403, code: 'password-change-required' });

      expect(await refusal(await changePassword(token, 'not-it-at-all', 'mot-mat-khau-dai'))).toEqual({
        status: 400,
        code: 'wrong-password',
      });
      for (const weak of ['ngan-qua', 'LAN.OFFICER', 'demo1234', temporary]) {
        expect(await refusal(await changePassword(token, temporary, weak))).toEqual({
          status: 422,
          code: 'password-too-weak',
        });
      }
      const changed = await changePassword(token, temporary, 'mot-mat-khau-dai');
      expect(changed.status).toBe(200);
      expect(await changed.json()).toEqual({
        protocol: 1,
        user: expect.not.objectContaining({ mustChangePassword: true }) as unknown,
      });

      // The same token now works; the temporary password no longer does, the new one does.
      const me = meResponseSchema.parse(await (await w.h.request('/api/me', { token })).json());
      expect(me.user).toEqual({
        id: made.user.id,
        username: 'lan.officer',
        displayName: 'Trần Thị Lan',
        role: 'officer',
        communes: [PHU_BAI],
      });
      expect((await w.h.request('/api/sync/pull?limit=1', { token })).status).toBe(200);
      expect((await login('lan.officer', temporary)).status).toBe(401);
      expect((await login('lan.officer', 'mot-mat-khau-dai')).status).toBe(200);
      const after = (await list()).users.find((u) => u.id === made.user.id);
      expect(after).toMatchObject({ mustChangePassword: false, lastSignInAt: new Date(TEST_NOW).toISOString() });
      expect(after?.devices).toEqual([
        {
          id: 'dev-lan.officer',
          name: 'Máy tính bảng lan.officer',
          status: 'active',
          lastSeenAt: new Date(TEST_NOW).toISOString(),
          lastSignInAt: new Date(TEST_NOW).toISOString(),
        },
      ]);
    });

    test('any signed-in user changes their password; their other sign-ins end', async () => {
      const other = await w.h.signIn('payer', 'mat-khau-1', 'dev-payer-2');
      const { payer } = w.actors;
      expect((await changePassword(payer.token, 'mat-khau-1', 'mat-khau-moi-dai')).status).toBe(200);
      expect((await w.h.request('/api/me', { token: payer.token })).status).toBe(200);
      expect(await refusal(await w.h.request('/api/me', { token: other }))).toEqual({
        status: 401,
        code: 'not-signed-in',
      });
    });

    test('disabling ends every token at once and refuses sign-in; enabling lets the user in again', async () => {
      const { officer, admin } = w.actors;
      const second = await w.h.signIn('officer', 'mat-khau-1', 'dev-officer-2');
      expect((await list()).users.find((u) => u.id === officer.userId)?.activeSessions).toBe(2);
      const res = await step(admin.token, officer.userId, 'disable');
      expect(res.status).toBe(200);
      expect(userResponseSchema.parse(await res.json()).user).toMatchObject({ disabled: true, activeSessions: 0 });
      for (const token of [officer.token, second]) {
        expect(await refusal(await w.h.request('/api/me', { token }))).toEqual({ status: 401, code: 'not-signed-in' });
      }
      const open = await w.h.db.kysely
        .selectFrom('tokens')
        .select('token_hash')
        .where('user_id', '=', officer.userId)
        .where('revoked_at', 'is', null)
        .execute();
      expect(open).toEqual([]);
      expect(await refusal(await login('officer', 'mat-khau-1'))).toEqual({ status: 401, code: 'invalid-credentials' });

      expect((await step(admin.token, officer.userId, 'enable')).status).toBe(200);
      const again = await login('officer', 'mat-khau-1');
      expect(again.status).toBe(200);
      expect((await w.h.request('/api/me', { token: await tokenOf(again) })).status).toBe(200);
      // The old tokens stay ended.
      expect((await w.h.request('/api/me', { token: officer.token })).status).toBe(401);
    });

    test('a reset gives a new temporary password, ends the tokens, and the next sign-in must change it', async () => {
      const { payer, admin } = w.actors;
      const res = await step(admin.token, payer.userId, 'reset-password');
      expect(res.status).toBe(200);
      const { user, temporaryPassword } = userResponseSchema.parse(await res.json());
      expect(user.mustChangePassword).toBe(true);
      expect((await w.h.request('/api/me', { token: payer.token })).status).toBe(401);
      expect((await login('payer', 'mat-khau-1')).status).toBe(401);
      const next = await login('payer', temporaryPassword ?? '');
      expect(next.status).toBe(200);
      expect(await refusal(await w.h.request('/api/me', { token: await tokenOf(next) }))).toEqual({
        status: 403,
        code: 'password-change-required',
      });
    });

    test('only admins manage users: every other role is 403 on every route, and changes nothing', async () => {
      await w.h.addUser('watcher', 'monitoring', [PHU_BAI]);
      const watcher = await w.h.signIn('watcher');
      const { officer, supervisor, payer } = w.actors;
      for (const token of [officer.token, supervisor.token, payer.token, watcher]) {
        const calls = [
          () => w.h.request('/api/users', { token }),
          () => create(token, { ...officerBody, scope: { kind: 'communes', codes: [PHU_BAI] } }),
          () =>
            w.h.request(`/api/users/${payer.userId}`, {
              method: 'PUT',
              token,
              body: { protocol: 1, role: 'supervisor' },
            }),
          () => step(token, payer.userId, 'disable'),
          () => step(token, payer.userId, 'enable'),
          () => step(token, payer.userId, 'reset-password'),
        ];
        for (const call of calls) expect(await refusal(await call())).toEqual({ status: 403, code: 'forbidden' });
      }
      expect((await w.h.request('/api/users')).status).toBe(401);
      expect((await list()).users.find((u) => u.id === payer.userId)).toMatchObject({ role: 'payer', disabled: false });
      expect((await list()).users.map((u) => u.username)).not.toContain('lan.officer');
    });

    test('a monitoring user manages nothing: devices, conflicts, leases and imports are 403', async () => {
      await w.h.addUser('watcher', 'monitoring', [PHU_BAI]);
      const token = await w.h.signIn('watcher');
      for (const path of ['/api/devices', '/api/conflicts', '/api/communes/leases', '/api/users', '/api/providers']) {
        expect(await refusal(await w.h.request(path, { token }))).toEqual({ status: 403, code: 'forbidden' });
      }
    });

    test('nobody disables, resets or demotes themselves; their own name may change', async () => {
      const { admin } = w.actors;
      for (const what of ['disable', 'reset-password']) {
        expect(await refusal(await step(admin.token, admin.userId, what))).toEqual({
          status: 409,
          code: 'own-account',
        });
      }
      const patch = (body: Record<string, unknown>) =>
        w.h.request(`/api/users/${admin.userId}`, {
          method: 'PUT',
          token: admin.token,
          body: { protocol: 1, ...body },
        });
      expect(await refusal(await patch({ role: 'supervisor' }))).toEqual({ status: 409, code: 'own-account' });
      const renamed = await patch({ displayName: 'Quản trị viên' });
      expect(renamed.status).toBe(200);
      expect(userResponseSchema.parse(await renamed.json()).user).toMatchObject({
        role: 'admin',
        displayName: 'Quản trị viên',
      });
    });

    test('the last active admin is never disabled or demoted, even by an admin disabled meanwhile', async () => {
      const { admin } = w.actors;
      const second = await w.h.addUser('admin2', 'admin', []);
      const deps = { db: w.h.db.kysely, now: TEST_NOW, hashOptions: testHashOptions };
      // Two admins disabling each other at once: the first wins; the second, disabled meanwhile,
      // acts no more (and would find the last admin).
      const adminUser = { id: admin.userId, username: 'admin', displayName: 'A', role: 'admin' as const, communes: [] };
      expect((await setUserDisabled(deps, adminUser, second.id, true)).ok).toBe(true);
      expect(await setUserDisabled(deps, second, admin.userId, true)).toEqual({ ok: false, error: 'forbidden' });
      const demote = await w.h.request(`/api/users/${admin.userId}`, {
        method: 'PUT',
        token: admin.token,
        body: { protocol: 1, role: 'supervisor', scope: { kind: 'communes', codes: [PHU_BAI] } },
      });
      expect(await refusal(demote)).toEqual({ status: 409, code: 'own-account' });
      // With a second admin active again, one may demote the other.
      expect((await step(admin.token, second.id, 'enable')).status).toBe(200);
      const demoted = await w.h.request(`/api/users/${second.id}`, {
        method: 'PUT',
        token: admin.token,
        body: { protocol: 1, role: 'supervisor', scope: { kind: 'communes', codes: [LOC_AN] } },
      });
      expect(userResponseSchema.parse(await demoted.json()).user).toMatchObject({
        role: 'supervisor',
        communes: [LOC_AN],
      });
    });

    test('a former district’s scope is exactly its communes; the province is every commune', async () => {
      await ensureCommunes(w.h.db.kysely, TEST_NOW);
      const phuLoc = pilotCommunes
        .filter((u) => u.formerDistrictCode === '482')
        .map((u) => u.code)
        .sort();
      const district = await created({
        username: 'giam-sat-phu-loc',
        displayName: 'Giám sát Phú Lộc',
        role: 'supervisor',
        scope: { kind: 'former-district', code: '482' },
      });
      expect(district.user.scope).toEqual({ kind: 'former-district', code: '482' });
      expect(district.user.communes).toEqual(phuLoc);
      expect(district.user.communes).not.toContain(PHU_BAI);
      const province = await created({
        username: 'theo-doi-tinh',
        displayName: 'Theo dõi tỉnh',
        role: 'monitoring',
        scope: { kind: 'province', code: '46' },
      });
      expect(province.user.communes).toHaveLength(pilotCommunes.length);
      const { communes } = await list();
      expect(communes.map((c) => c.code).sort()).toEqual(pilotCommunes.map((u) => u.code).sort());
      expect(communes.find((c) => c.code === LOC_AN)).toMatchObject({ formerDistrictCode: '482', provinceCode: '46' });
    });

    test('scopes the server does not know, a taken username and bad bodies are refused', async () => {
      const { admin } = w.actors;
      const cases: [Record<string, unknown>, number, string][] = [
        [{ ...officerBody, scope: { kind: 'communes', codes: ['99999'] } }, 422, 'invalid-scope'],
        [{ ...officerBody, scope: { kind: 'communes', codes: [] } }, 422, 'invalid-scope'],
        // Only the two communes the test world knows: a district of neither has no commune here.
        [{ ...officerBody, scope: { kind: 'former-district', code: '474' } }, 422, 'invalid-scope'],
        [{ ...officerBody, scope: { kind: 'province', code: '01' } }, 422, 'invalid-scope'],
        [{ ...officerBody, username: 'PAYER', scope: { kind: 'communes', codes: [PHU_BAI] } }, 409, 'username-taken'],
        [{ ...officerBody, role: 'mayor', scope: { kind: 'communes', codes: [PHU_BAI] } }, 400, 'invalid-body'],
        [{ ...officerBody, username: 'a b', scope: { kind: 'communes', codes: [PHU_BAI] } }, 400, 'invalid-body'],
        [{ ...officerBody, displayName: ' ', scope: { kind: 'communes', codes: [PHU_BAI] } }, 400, 'invalid-body'],
      ];
      for (const [body, status, code] of cases) {
        expect(await refusal(await create(admin.token, body))).toEqual({ status, code });
      }
      // An admin needs no commune.
      expect(
        (await create(admin.token, { ...officerBody, role: 'admin', scope: { kind: 'communes', codes: [] } })).status,
      ).toBe(201);
      expect(await refusal(await step(admin.token, 'nobody', 'disable'))).toEqual({ status: 404, code: 'not-found' });
    });
  });
}
