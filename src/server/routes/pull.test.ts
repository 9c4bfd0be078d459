import { beforeAll, describe, expect, test } from 'vitest';
import { createGate } from '../../lib/gate';
import { errorBodySchema } from '../../protocol/error-codes';
import { pullResponseSchema, type PullResponse } from '../../protocol/pull';
import { seedDemo } from '../seed/demo';
import { putEntities } from '../services/entity-store';
import { testHashOptions } from '../services/passwords';
import { createHarness, type Harness } from '../testing/harness';

const PASSWORD = 'demo-test';

async function seeded(beneficiaries = 300): Promise<Harness> {
  const h = await createHarness();
  await seedDemo(h.db.kysely, { clock: h.clock, beneficiaries, password: PASSWORD, hashOptions: testHashOptions });
  return h;
}

async function pull(h: Harness, token: string, query = ''): Promise<PullResponse> {
  const res = await h.request(`/api/sync/pull${query}`, { token });
  expect(res.status).toBe(200);
  return pullResponseSchema.parse(await res.json());
}

async function pullAll(h: Harness, token: string, limit: number) {
  const pages: PullResponse[] = [];
  let cursor = '';
  for (;;) {
    const page = await pull(h, token, `?limit=${limit}&cursor=${encodeURIComponent(cursor)}`);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, changes: pages.flatMap((p) => p.changes), cursor };
  }
}

describe('pull route', () => {
  let h: Harness;
  let payer: string;
  let supervisor: string;
  beforeAll(async () => {
    h = await seeded();
    payer = await h.signIn('payer', PASSWORD);
    supervisor = await h.signIn('supervisor', PASSWORD);
  });

  test('needs a signed-in user', async () => {
    const res = await h.request('/api/sync/pull');
    expect(res.status).toBe(401);
  });

  test('the payer receives Phú Bài’s data and global rows, nothing of Lộc An or other communes', async () => {
    const { changes } = await pullAll(h, payer, 5000);
    const communesOf = new Set(
      changes.map((c) =>
        c.data && 'communeCode' in c.data ? c.data['communeCode'] : c.entity === 'commune' ? c.id : null,
      ),
    );
    expect(communesOf).toEqual(new Set([null, '19960']));
    expect(changes.filter((c) => c.entity === 'commune').map((c) => c.id)).toEqual(['19960']);
    expect(changes.some((c) => c.entity === 'period')).toBe(true);
    const beneficiaries = changes.filter((c) => c.entity === 'beneficiary');
    expect(beneficiaries.length).toBeGreaterThan(20);
  });

  test('a payer’s tablet gets no bank account or wallet number; an officer’s does', async () => {
    const accountsOf = (changes: PullResponse['changes']) =>
      changes
        .filter((c) => c.entity === 'beneficiary')
        .map((c) => (c.data?.['paymentDetails'] ?? null) as Record<string, unknown> | null)
        .filter((d) => d !== null && ('accountNumber' in d || 'walletPhone' in d));
    const officer = await h.signIn('officer', PASSWORD);
    expect(accountsOf((await pullAll(h, officer, 5000)).changes).length).toBeGreaterThan(3);
    const { changes } = await pullAll(h, payer, 5000);
    expect(accountsOf(changes)).toEqual([]);
    // The method and the bank's or wallet's name stay, as do representatives (the payment check).
    const banks = changes.filter((c) => {
      const d = c.data?.['paymentDetails'] as Record<string, unknown> | null | undefined;
      return c.entity === 'beneficiary' && d !== null && d !== undefined && 'bankName' in d;
    });
    expect(banks.length).toBeGreaterThan(0);
  });

  test('each page says the device’s offline lease: the shortest of its communes’, set by an admin', async () => {
    expect((await pull(h, payer, '?limit=1')).leaseDays).toBe(7);
    const admin = await h.signIn('admin', PASSWORD);
    const set = (token: string, days: number) =>
      h.request('/api/communes/19960/lease', { method: 'PUT', token, body: { protocol: 1, days } });
    expect((await set(supervisor, 2)).status).toBe(403);
    expect((await set(admin, 0)).status).toBe(400);
    expect((await set(admin, 3)).status).toBe(200);
    expect((await pull(h, payer, '?limit=1')).leaseDays).toBe(3);
    // The province supervisor's tablet serves Phú Bài too: the shortest lease.
    expect((await pull(h, supervisor, '?limit=1')).leaseDays).toBe(3);
    expect((await set(admin, 7)).status).toBe(200);
  });

  test('paging with a small limit gives every change exactly once, in order, with remaining counting down to 0', async () => {
    const whole = await pull(h, supervisor, '?limit=5000');
    expect(whole.hasMore).toBe(false);
    const { pages, changes } = await pullAll(h, supervisor, 37);
    expect(changes.map((c) => `${c.entity}/${c.id}`)).toEqual(whole.changes.map((c) => `${c.entity}/${c.id}`));
    expect(new Set(changes.map((c) => `${c.entity}/${c.id}`)).size).toBe(changes.length);
    const remaining = pages.map((p) => p.remaining);
    expect(remaining[0]).toBe(whole.changes.length - 37);
    expect(remaining.at(-1)).toBe(0);
    for (let i = 1; i < remaining.length; i++) expect(remaining[i]).toBeLessThan(remaining[i - 1] ?? 0);
  });

  test('without a limit a page holds at most 1000 changes', async () => {
    const big = await seeded(700);
    const token = await big.signIn('supervisor', PASSWORD);
    const page = await pull(big, token);
    expect(page.changes).toHaveLength(1000);
    expect(page.hasMore).toBe(true);
  });

  test.each(['?limit=0', '?limit=5001', '?limit=abc', '?limit=-3', '?limit=2.5'])(
    '%s is 400 invalid-query',
    async (q) => {
      const res = await h.request(`/api/sync/pull${q}`, { token: payer });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('invalid-query');
    },
  );

  test('a cursor that was altered or made up is 400 invalid-cursor', async () => {
    const page = await pull(h, payer, '?limit=5');
    const [payload, mac] = page.cursor.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...decoded, seq: 0 })).toString('base64url');
    for (const cursor of [`${forged}.${mac}`, 'abc', `${payload}.`, 'x'.repeat(150)]) {
      const res = await h.request(`/api/sync/pull?cursor=${encodeURIComponent(cursor)}`, { token: payer });
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('invalid-cursor');
    }
  });
});

describe('pull after changes', () => {
  test('a later write appears after the old cursor; nothing else is repeated', async () => {
    const h = await seeded(60);
    const token = await h.signIn('officer2', PASSWORD);
    const first = await pullAll(h, token, 1000);
    const someLine = first.changes.find((c) => c.entity === 'payment-line');
    expect(someLine).toBeDefined();
    await h.db.kysely.transaction().execute((trx) =>
      putEntities(
        trx,
        [
          {
            entity: 'payment-line',
            id: someLine?.id ?? '',
            communeCode: '20140',
            data: { ...someLine?.data, status: 'paid' },
          },
          { entity: 'beneficiary', id: 'elsewhere', communeCode: '19960', data: { communeCode: '19960' } },
        ],
        { now: h.clock.now() },
      ),
    );
    const next = await pull(h, token, `?cursor=${encodeURIComponent(first.cursor)}`);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({ id: someLine?.id, version: 2, data: { status: 'paid' } });
    expect(next.remaining).toBe(0);
  });

  test('when the user’s communes change, the old cursor starts again and brings the new commune', async () => {
    const h = await seeded(60);
    const token = await h.signIn('payer', PASSWORD);
    const before = await pullAll(h, token, 1000);
    await h.db.kysely
      .updateTable('users')
      .set({ communes: JSON.stringify(['19960', '20140']) })
      .where('username', '=', 'payer')
      .execute();
    const after = await pullAll(h, token, 1000);
    const again = await pull(h, token, `?cursor=${encodeURIComponent(before.cursor)}`);
    expect(again.changes.length).toBe(Math.min(1000, after.changes.length));
    expect(again.changes.some((c) => c.entity === 'commune' && c.id === '20140')).toBe(true);
    expect(after.changes.length).toBeGreaterThan(before.changes.length);
  });
});

describe('pull pages built at once', () => {
  test('a pull waits while the gate is full and answers once a page is done', async () => {
    const gate = createGate(1);
    const h = await createHarness({ pullGate: gate });
    await seedDemo(h.db.kysely, {
      clock: h.clock,
      beneficiaries: 20,
      password: PASSWORD,
      hashOptions: testHashOptions,
    });
    const token = await h.signIn('payer', PASSWORD);
    let letGo: () => void = () => undefined;
    const holding = gate.run(() => new Promise<void>((resolve) => (letGo = resolve)));
    let answered = false;
    const waiting = Promise.resolve(h.request('/api/sync/pull?limit=50', { token })).then((res) => {
      answered = true;
      return res;
    });
    await expect.poll(() => gate.load().waiting).toBe(1);
    expect(answered).toBe(false);
    letGo();
    await holding;
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(pullResponseSchema.parse(await res.json()).changes.length).toBeGreaterThan(0);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });
});
