/**
 * The HTTP API over each database (api.test.ts: SQLite, api.pg.test.ts: PostgreSQL): the
 * queries behind sign-in, lockout, tokens, seeding and pull, end to end.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullResponseSchema, type PullResponse } from '../../src/protocol/pull';
import { seedDemo } from '../../src/server/seed/demo';
import { testHashOptions } from '../../src/server/services/passwords';
import type { MakeDb } from '../../src/server/testing/databases';
import { createHarness, type Harness } from '../../src/server/testing/harness';

const PASSWORD = 'demo-test';

export function runApiContract(name: string, kind: 'sqlite' | 'postgres', makeDb: MakeDb): void {
  describe(`API over ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness({ db: await makeDb() });
      await seedDemo(h.db.kysely, {
        clock: h.clock,
        beneficiaries: 120,
        password: PASSWORD,
        hashOptions: testHashOptions,
      });
    });
    afterEach(() => h.close());

    test('health names the database', async () => {
      expect(await (await h.request('/api/health')).json()).toEqual({ ok: true, db: kind });
    });

    test('sign-in, /api/me, expiry and logout', async () => {
      const token = await h.signIn('officer2', PASSWORD);
      const me = await h.request('/api/me', { token });
      expect(((await me.json()) as { user: { communes: string[] } }).user.communes).toEqual(['20140']);
      await h.request('/api/auth/logout', { method: 'POST', token });
      expect((await h.request('/api/me', { token })).status).toBe(401);
      const second = await h.signIn('officer2', PASSWORD);
      h.clock.advance(31 * 24 * 3600_000);
      const expired = await h.request('/api/me', { token: second });
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('token-expired');
    });

    test('five failures make the next attempt wait, the right password too; after the wait it gets in', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await h.request('/api/auth/login', { body: h.loginBody('payer', 'sai') })).status).toBe(401);
      }
      expect((await h.request('/api/auth/login', { body: h.loginBody('payer', PASSWORD) })).status).toBe(429);
      h.clock.advance(1000);
      expect((await h.request('/api/auth/login', { body: h.loginBody('payer', PASSWORD) })).status).toBe(200);
    });

    test('sixty guesses at once are claimed one by one: only the free ones are verified', async () => {
      const answers = await Promise.all(
        Array.from({ length: 60 }, async (_, i) =>
          h.request('/api/auth/login', { body: h.loginBody('payer', `sai-${i}`) }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    });

    test('the payer pulls Phú Bài page by page, each change once, nothing from other communes', async () => {
      const token = await h.signIn('payer', PASSWORD);
      const changes: PullResponse['changes'] = [];
      let cursor = '';
      for (;;) {
        const res = await h.request(`/api/sync/pull?limit=9&cursor=${encodeURIComponent(cursor)}`, { token });
        const page = pullResponseSchema.parse(await res.json());
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const keys = changes.map((c) => `${c.entity}/${c.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      const rows = await h.db.kysely
        .selectFrom('entities')
        .select(['entity', 'id'])
        .where((eb) => eb.or([eb('commune_code', '=', '19960'), eb('commune_code', 'is', null)]))
        .orderBy('change_seq')
        .execute();
      expect(keys).toEqual(rows.map((r) => `${r.entity}/${r.id}`));
    });
  });
}
