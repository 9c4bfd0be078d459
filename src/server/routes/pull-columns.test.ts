import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { pullResponseSchema, type PullResponse } from '../../protocol/pull';
import { pullColumnsAsPageSchema } from '../../protocol/pull-columns';
import { seedDemo } from '../seed/demo';
import { testHashOptions } from '../services/passwords';
import { createHarness, type Harness } from '../testing/harness';

const PASSWORD = 'demo-test';

describe('pull with format=columns', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await seedDemo(h.db.kysely, {
      clock: h.clock,
      beneficiaries: 300,
      password: PASSWORD,
      hashOptions: testHashOptions,
    });
  });

  async function page(token: string, query: string, accept?: string) {
    const res = await h.request(`/api/sync/pull?${query}`, {
      token,
      headers: accept ? { 'accept-encoding': accept } : {},
    });
    expect(res.status).toBe(200);
    return res;
  }

  test('every page decodes to the plain page of the same cursor, for a supervisor and a payer', async () => {
    for (const username of ['supervisor', 'payer']) {
      const token = await h.signIn(username, PASSWORD);
      let cursor = '';
      let pages = 0;
      for (;;) {
        const q = `limit=30&cursor=${encodeURIComponent(cursor)}`;
        const plain = pullResponseSchema.parse(await (await page(token, q)).json());
        const json = (await (await page(token, `${q}&format=columns`)).json()) as Record<string, unknown>;
        expect(json['format']).toBe('columns');
        expect(json['changes']).toBeUndefined();
        const decoded: PullResponse = pullColumnsAsPageSchema.parse(json);
        expect(decoded).toEqual(plain);
        pages++;
        cursor = plain.cursor;
        if (!plain.hasMore) break;
      }
      expect(pages).toBeGreaterThan(1);
    }
  });

  test('without the parameter the page is the plain one; an unknown format is a bad query', async () => {
    const token = await h.signIn('supervisor', PASSWORD);
    const plain = (await (await page(token, 'limit=5')).json()) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['protocol', 'cursor', 'hasMore', 'remaining', 'leaseDays', 'changes']);
    const bad = await h.request('/api/sync/pull?format=rows', { token });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid-query' } });
  });

  test('compressed, the columnar page is smaller than the plain one', async () => {
    const token = await h.signIn('supervisor', PASSWORD);
    const plain = await page(token, 'limit=1000', 'br');
    const columns = await page(token, 'limit=1000&format=columns', 'br');
    expect(columns.headers.get('content-encoding')).toBe('br');
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    const columnBytes = Buffer.from(await columns.arrayBuffer());
    expect(columnBytes.length).toBeLessThan(plainBytes.length * 0.9);
    const decoded = pullColumnsAsPageSchema.parse(JSON.parse(brotliDecompressSync(columnBytes).toString('utf8')));
    expect(decoded).toEqual(pullResponseSchema.parse(JSON.parse(brotliDecompressSync(plainBytes).toString('utf8'))));
  });
});
