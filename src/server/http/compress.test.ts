import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { precompressDir } from '../cli/precompress';
import { seedDemo } from '../seed/demo';
import { testHashOptions } from '../services/passwords';
import { createHarness, type Harness } from '../testing/harness';
import { chooseEncoding, COMPRESS_THRESHOLD } from './compress';
import { contentSecurityPolicy } from './middleware';

const PASSWORD = 'demo-test';

async function decoded(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  expect(encoding).toBeNull();
  return bytes.toString('utf8');
}

describe('chooseEncoding', () => {
  test('brotli first, then gzip; q=0 refuses; * accepts; nothing or identity is none', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('deflate')).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});

describe('compressed API answers', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await createHarness();
    await seedDemo(h.db.kysely, {
      clock: h.clock,
      beneficiaries: 200,
      password: PASSWORD,
      hashOptions: testHashOptions,
    });
    token = await h.signIn('supervisor', PASSWORD);
  });
  afterAll(() => h.close());

  const pull = (acceptEncoding?: string) =>
    h.request('/api/sync/pull?limit=300', {
      token,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  test('a pull answers brotli, gzip or plain by Accept-Encoding, and each decodes to the same JSON', async () => {
    const plain = await pull();
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainText = await decoded(plain);
    expect(plainText.length).toBeGreaterThan(50_000);
    const json: unknown = JSON.parse(plainText);

    for (const [accept, encoding] of [
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['deflate', null],
    ] as const) {
      const res = await pull(accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      const bytes = res.clone();
      const text = await decoded(res);
      expect(JSON.parse(text)).toEqual(json);
      if (encoding) {
        expect(res.headers.get('content-length')).toBeNull();
        expect((await bytes.arrayBuffer()).byteLength).toBeLessThan(plainText.length / 5);
      }
    }
  });

  test('an answer under the threshold is sent as it is, with its length', async () => {
    const res = await h.request('/api/health', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const text = await res.text();
    expect(text.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(JSON.parse(text)).toMatchObject({ ok: true });
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  });

  test('an error answer stays readable JSON', async () => {
    const res = await h.request('/api/sync/pull?limit=0', { token, headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-query' } });
  });
});

describe('compressed static app', () => {
  let dir: string;
  const script = `const roster = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `người ${String(i)}`))};\n`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chitra-compress-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Chi trả TGXH</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
    writeFileSync(join(dir, 'sw.js'), script);
    await precompressDir(join(dir, 'assets'));
    // An image is not compressed again, however large.
    writeFileSync(join(dir, 'icon.png'), Buffer.alloc(4096, 7));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the build writes .br and .gz that decode to the file; tiny files are left alone', async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'chitra-compress-tiny-'));
    writeFileSync(join(tiny, 'a.js'), 'x()');
    writeFileSync(join(tiny, 'b.png'), Buffer.alloc(4096));
    await precompressDir(tiny);
    expect(existsSync(join(tiny, 'a.js.br'))).toBe(false);
    expect(existsSync(join(tiny, 'b.png.br'))).toBe(false);
    rmSync(tiny, { recursive: true, force: true });
    const file = join(dir, 'assets', 'index-abc.js');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(script);
  });

  test('a hashed asset is served from its precompressed file, with its headers', async () => {
    const h = await createHarness({ staticDir: dir });
    for (const encoding of ['br', 'gzip'] as const) {
      const res = await h.request('/assets/index-abc.js', { headers: { 'accept-encoding': encoding } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const onDisk = readFileSync(join(dir, 'assets', `index-abc.js.${encoding === 'br' ? 'br' : 'gz'}`));
      expect(res.headers.get('content-length')).toBe(String(onDisk.length));
      expect(await decoded(res)).toBe(script);
    }
    const plain = await h.request('/assets/index-abc.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  test('a file changed after the build is sent as it is now, not from its older copies', async () => {
    const h = await createHarness({ staticDir: dir });
    const file = join(dir, 'assets', 'changed-abc.js');
    writeFileSync(file, script);
    await precompressDir(join(dir, 'assets'));
    const changed = `${script}// version 2\n`;
    writeFileSync(file, changed);
    const earlier = new Date(Date.now() - 60_000);
    for (const copy of [`${file}.br`, `${file}.gz`]) utimesSync(copy, earlier, earlier);
    for (const encoding of ['br', 'gzip'] as const) {
      const res = await h.request('/assets/changed-abc.js', { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(await decoded(res)).toBe(changed);
    }
    await precompressDir(join(dir, 'assets'));
    const again = await h.request('/assets/changed-abc.js', { headers: { 'accept-encoding': 'br' } });
    expect(again.headers.get('content-length')).toBe(String(readFileSync(`${file}.br`).length));
    expect(await decoded(again)).toBe(changed);
  });

  test('a file without a precompressed copy is compressed on the way; images are not', async () => {
    const h = await createHarness({ staticDir: dir });
    const sw = await h.request('/sw.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(sw.headers.get('content-encoding')).toBe('gzip');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await decoded(sw)).toBe(script);
    const png = await h.request('/icon.png', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect((await png.arrayBuffer()).byteLength).toBe(4096);
    const shell = await h.request('/', { headers: { 'accept-encoding': 'br' } });
    expect(shell.headers.get('content-encoding')).toBeNull();
    expect(await shell.text()).toContain('Chi trả TGXH');
  });
});
