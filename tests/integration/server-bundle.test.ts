/**
 * What production runs: the server bundled to plain JavaScript (`npm run build` →
 * `node dist/server/main.js`), with no TypeScript loader, migrating, seeding and serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { prepareServerEntry, startServer, type ServerEntry } from '../chaos/server-process';

const dir = mkdtempSync(join(tmpdir(), 'chitra-bundle-'));
let entry: ServerEntry | undefined;
afterAll(() => {
  entry?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('the bundled server starts without tsx, migrates a new database, seeds the demo and answers', async () => {
  entry = await prepareServerEntry('bundle');
  expect(entry.args.join(' ')).not.toMatch(/tsx/u);
  expect(entry.args[0]).toMatch(/main\.js$/u);
  const server = await startServer({ entry, sqliteFile: join(dir, 'db.sqlite'), staticDir: dir, beneficiaries: 20 });
  try {
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true, db: 'sqlite' });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        username: 'payer',
        password: 'demo1234',
        device: { id: 'bundle-test-device', name: 'Máy thử' },
      }),
    });
    expect(login.status).toBe(200);
  } finally {
    await server.stop();
  }
}, 120_000);
