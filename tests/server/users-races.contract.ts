/**
 * Users (issue 14; docs/protocol.md "Users") under the security review's cases, on SQLite and
 * PostgreSQL: a new role or scope ends the user's tokens; an admin's reset always wins over a
 * password change racing it; an admin disabled meanwhile creates no one.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { userResponseSchema } from '../../src/protocol/users';
import type { MakeDb } from '../../src/server/testing/databases';
import { TEST_NOW } from '../../src/server/testing/harness';
import { createPushWorld, LOC_AN, PHU_BAI, type World } from '../../src/server/testing/push-world';
import { testHashOptions } from '../../src/server/services/passwords';
import { createManagedUser, setUserDisabled } from '../../src/server/services/user-admin';

export function runUserRacesContract(name: string, makeDb: MakeDb): void {
  describe(`users, races and tokens (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterEach(() => w.h.close());

    const me = (token: string) => w.h.request('/api/me', { token });
    const put = (id: string, body: Record<string, unknown>) =>
      w.h.request(`/api/users/${id}`, { method: 'PUT', token: w.actors.admin.token, body: { protocol: 1, ...body } });

    test('a new role or scope ends the user’s tokens; a new name does not', async () => {
      const { payer, officer } = w.actors;
      expect((await put(payer.userId, { displayName: 'Phạm Văn Đức' })).status).toBe(200);
      expect((await me(payer.token)).status).toBe(200);
      expect(
        (await put(payer.userId, { role: 'monitoring', scope: { kind: 'communes', codes: [PHU_BAI] } })).status,
      ).toBe(200);
      expect((await me(payer.token)).status).toBe(401);
      expect((await put(officer.userId, { scope: { kind: 'communes', codes: [LOC_AN] } })).status).toBe(200);
      expect((await me(officer.token)).status).toBe(401);
    });

    test('a reset racing the user’s own password change always wins', async () => {
      const { admin } = w.actors;
      for (let round = 0; round < 6; round++) {
        const username = `racer${round}`;
        await w.h.addUser(username, 'payer', [PHU_BAI], 'mat-khau-cu-1');
        const token = await w.h.signIn(username, 'mat-khau-cu-1');
        const [, reset] = await Promise.all([
          w.h.request('/api/auth/password', {
            token,
            body: { protocol: 1, currentPassword: 'mat-khau-cu-1', newPassword: `mat-khau-moi-${round}-x` },
          }),
          w.h.request(`/api/users/user-${username}/reset-password`, {
            method: 'POST',
            token: admin.token,
            body: { protocol: 1 },
          }),
        ]);
        expect(reset.status).toBe(200);
        const { temporaryPassword } = userResponseSchema.parse(await reset.json());
        const login = await w.h.request('/api/auth/login', {
          body: w.h.loginBody(username, temporaryPassword ?? '', `dev-${username}-2`),
        });
        expect(login.status).toBe(200);
        expect(((await login.json()) as { user: { mustChangePassword?: boolean } }).user.mustChangePassword).toBe(true);
      }
    });

    test('an admin disabled meanwhile creates and disables no one', async () => {
      const { admin, payer } = w.actors;
      const second = await w.h.addUser('admin2', 'admin', []);
      const deps = { db: w.h.db.kysely, now: TEST_NOW, hashOptions: testHashOptions };
      const adminUser = { id: admin.userId, username: 'admin', displayName: 'A', role: 'admin' as const, communes: [] };
      expect((await setUserDisabled(deps, adminUser, second.id, true)).ok).toBe(true);
      const body = {
        username: 'x.y',
        displayName: 'Lê Văn X',
        role: 'payer' as const,
        scope: { kind: 'communes' as const, codes: [PHU_BAI] },
      };
      expect(await createManagedUser(deps, second, body)).toEqual({ ok: false, error: 'forbidden' });
      expect(await setUserDisabled(deps, second, payer.userId, true)).toEqual({ ok: false, error: 'forbidden' });
    });
  });
}
