import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../protocol/error-codes';
import { contentSecurityPolicy } from './http/middleware';
import { createHarness } from './testing/harness';

describe('app', () => {
  test('health answers ok with the database kind', async () => {
    const h = await createHarness();
    const res = await h.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'sqlite' });
  });

  test('an unknown API route is a JSON 404 with a Vietnamese message', async () => {
    const h = await createHarness();
    for (const [path, method] of [
      ['/api/nothing-here', 'GET'],
      ['/api/sync/pull', 'DELETE'],
      ['/api', 'GET'],
    ] as const) {
      const res = await h.request(path, { method });
      expect(res.status).toBe(404);
      const body = errorBodySchema.parse(await res.json());
      expect(body.error.code).toBe('not-found');
      expect(body.error.message).toMatch(/Không tìm thấy/);
    }
  });

  test.each([
    ['{"protocol":1,', 'invalid-json'],
    ['not json at all', 'invalid-json'],
    ['', 'invalid-json'],
    ['null', 'invalid-body'],
    ['[]', 'invalid-body'],
    ['{"protocol":1,"username":"a"}', 'invalid-body'],
    ['{"username":"a","password":"b","device":{"id":"12345678","name":"x"}}', 'invalid-body'],
  ])('a malformed body %j is a 400 %s, never a 500', async (body, code) => {
    const h = await createHarness();
    const res = await h.request('/api/auth/login', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe(code);
  });

  test('another protocol version is a 409 protocol-mismatch', async () => {
    const h = await createHarness();
    const res = await h.request('/api/auth/login', { body: { ...h.loginBody('payer', 'x'), protocol: 2 } });
    expect(res.status).toBe(409);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('protocol-mismatch');
  });

  test('a body over 64 KiB is a 413, with or without a content-length header', async () => {
    const h = await createHarness();
    const big = JSON.stringify({ ...h.loginBody('payer', 'x'), padding: 'x'.repeat(70 * 1024) });
    const withLength = await h.request('/api/auth/login', {
      body: big,
      headers: { 'content-length': String(Buffer.byteLength(big)) },
    });
    expect(withLength.status).toBe(413);
    expect(errorBodySchema.parse(await withLength.json()).error.code).toBe('payload-too-large');
    const streamed = await h.app.request('/api/auth/login', {
      method: 'POST',
      body: new Blob([big]).stream(),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
  });

  test('an unexpected failure is a 500 internal without a stack, logged with the request id', async () => {
    const h = await createHarness();
    await h.db.close();
    const res = await h.request('/api/health', { headers: { 'x-request-id': 'req-42' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = errorBodySchema.parse(JSON.parse(text));
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toMatch(/Máy chủ gặp lỗi/);
    expect(Object.keys(body.error)).toEqual(['code', 'message']);
    expect(text).not.toMatch(/at |\.ts|Error/);
    const logged = h.logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l['level'] === 'error')).toMatchObject({ requestId: 'req-42', path: '/api/health' });
  });

  test('every response carries the security headers and a request id', async () => {
    const h = await createHarness();
    const res = await h.request('/api/health');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("script-src 'self';");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const notFound = await h.request('/api/nope');
    expect(notFound.headers.get('x-frame-options')).toBe('DENY');
  });

  test('no API answer is cached, errors and sign-in included; a 413 closes its connection', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const token = await h.signIn('payer');
    for (const res of [
      await h.request('/api/health'),
      await h.request('/api/nope'),
      await h.request('/api/me', { token }),
      await h.request('/api/auth/login', { body: h.loginBody('payer', 'sai') }),
      await h.request('/api/auth/logout', { token, body: { protocol: 1 } }),
    ])
      expect(res.headers.get('cache-control')).toBe('no-store');
    const big = await h.request('/api/auth/login', { body: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers.get('connection')).toBe('close');
  });

  test('logs name the request but never the password, the token or a person’s name', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960'], 'mat-khau-bi-mat');
    const token = await h.signIn('payer', 'mat-khau-bi-mat');
    await h.request('/api/auth/login', { body: h.loginBody('payer', 'sai-mat-khau') });
    await h.request('/api/auth/login', { body: h.loginBody('Nguyễn Thị Hoà', 'sai-mat-khau') });
    await h.request('/api/me', { token });
    await h.request('/api/sync/pull?limit=10', { token });
    const log = h.logger.lines.join('\n');
    expect(log).not.toContain('mat-khau-bi-mat');
    expect(log).not.toContain('sai-mat-khau');
    expect(log).not.toContain(token);
    expect(log).not.toContain('Nguyễn');
    expect(log).not.toContain('Người dùng payer');
    expect(log).not.toContain('limit=10');
    const requests = h.logger.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['msg'] === 'request');
    expect(requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/sync/pull', status: 200, userId: 'user-payer' });
    expect(typeof requests.at(-1)?.['ms']).toBe('number');
    expect(typeof requests.at(-1)?.['requestId']).toBe('string');
  });
});

describe('static PWA', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chitra-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>Chi trả TGXH</title></html>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc123.js.map'), '{"sources":["app.tsx"]}');
    writeFileSync(join(dir, 'workbox-1.js.map'), '{"sources":["sw.ts"]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the shell and the service worker are revalidated; hashed assets are immutable', async () => {
    const h = await createHarness({ staticDir: dir });
    const root = await h.request('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('Chi trả TGXH');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const sw = await h.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const asset = await h.request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  test('a client route falls back to index.html; a missing asset and unknown API routes do not', async () => {
    const h = await createHarness({ staticDir: dir });
    const route = await h.request('/danh-sach/19960?q=hoa');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toMatch(/text\/html/);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await h.request('/assets/gone-000.js')).status).toBe(404);
    const api = await h.request('/api/unknown');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
    expect((await h.request('/../etc/passwd')).status).not.toBe(500);
  });

  test('source maps are not served, under /assets/ or beside the service worker', async () => {
    const h = await createHarness({ staticDir: dir });
    for (const path of ['/assets/index-abc123.js.map', '/workbox-1.js.map']) {
      const res = await h.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('sources');
    }
  });
});
