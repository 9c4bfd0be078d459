/**
 * Production as an operator runs it: users made with the `user:add` command (password on
 * standard input), then the bundled server with NODE_ENV=production, which must not seed the
 * demo (no demo users, no demo password) and must let the created user in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareServerEntry, startServer, type ServerEntry, type ServerProcess } from '../chaos/server-process';

const dir = mkdtempSync(join(tmpdir(), 'chitra-prod-'));
const sqliteFile = join(dir, 'prod.sqlite');
const production = { NODE_ENV: 'production', SQLITE_FILE: sqliteFile, DATABASE_URL: '' };

/** `npm run user:add -- …` with the password piped in; resolves with the exit code and output. */
function userAdd(args: string[], password: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/user-add.ts', ...args], {
      env: { ...process.env, ...production },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
    child.stdin.end(`${password}\n`);
  });
}

const login = (server: ServerProcess, username: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, username, password, device: { id: `prod-${username}`, name: 'Máy thử' } }),
  });

let entry: ServerEntry | undefined;
let server: ServerProcess | undefined;
beforeAll(async () => {
  entry = await prepareServerEntry('bundle');
  // The operator's first step; each test below relies on this user only.
  const created = await userAdd(
    ['--username', 'canbo.phubai', '--role', 'officer', '--communes', '19960', '--display-name', 'Hồ Thị Lan'],
    'mat-khau-rat-dai',
  );
  expect(created.output).toContain('Đã tạo người dùng canbo.phubai (officer); xã: 19960.');
  expect(created.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  entry?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('production', () => {
  test('user:add refuses bad input with a Vietnamese reason and exit code 2', async () => {
    const again = await userAdd(
      ['--username', 'canbo.phubai', '--role', 'officer', '--communes', '19960'],
      'khac-8-ky-tu',
    );
    expect(again.code).toBe(2);
    expect(again.output).toContain('Tên đăng nhập "canbo.phubai" đã có.');

    const noCommune = await userAdd(['--username', 'nguoichi', '--role', 'payer'], 'mat-khau-rat-dai');
    expect(noCommune.code).toBe(2);
    expect(noCommune.output).toContain('Cán bộ xã, người chi trả và người phê duyệt cần ít nhất một xã.');

    // A password on the command line ends up in shell history: refused in production.
    const onCommandLine = await userAdd(
      ['--username', 'giamsat', '--role', 'supervisor', '--communes', '19960', '--password', 'mat-khau-rat-dai'],
      '',
    );
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.output).toContain('Không nhận mật khẩu trên dòng lệnh khi chạy production.');
  }, 120_000);

  test('the bundled server in production seeds no demo and lets the created user in', async () => {
    if (!entry) throw new Error('no server entry');
    server = await startServer({ entry, sqliteFile, staticDir: dir, beneficiaries: 20, env: production });
    expect(server.output()).not.toContain('Dữ liệu demo');
    expect((await login(server, 'payer', 'demo1234')).status).toBe(401);
    const me = await login(server, 'canbo.phubai', 'mat-khau-rat-dai');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'canbo.phubai', role: 'officer', communes: ['19960'] } });
  }, 120_000);
});
