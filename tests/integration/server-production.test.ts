/**
 * Production as an operator runs it: users made with the `user:add` command (password on
 * standard input), then the bundled server with NODE_ENV=production, which must not seed the
 * demo (no demo users, no demo password) and must let the created user in. Then a month run from
 * a spreadsheet alone, start to close: the communes are reference data, nothing else is given.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closingResponseSchema } from '../../src/protocol/month-close';
import { listImportResponseSchema } from '../../src/protocol/lists';
import { pullResponseSchema } from '../../src/protocol/pull';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags';
import { listFile } from '../builders/list-file';
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
  for (const [username, role] of [
    ['pheduyet.phubai', 'approver'],
    ['giamsat', 'supervisor'],
  ] as const) {
    const made = await userAdd(['--username', username, '--role', role, '--communes', '19960'], 'mat-khau-rat-dai');
    expect(made.code).toBe(0);
  }
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

    const demoPassword = await userAdd(['--username', 'thu.demo', '--role', 'admin', '--communes', ''], 'demo1234');
    expect(demoPassword.code).toBe(2);
    expect(demoPassword.output).toContain('Không dùng mật khẩu của bản demo');

    const unknown = await userAdd(
      ['--username', 'nguoichi', '--role', 'payer', '--communes', '99999'],
      'mat-khau-rat-dai',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Mã xã không có trong danh mục (mã từ 01/07/2025): 99999.');

    const noCommune = await userAdd(['--username', 'nguoichi', '--role', 'payer'], 'mat-khau-rat-dai');
    expect(noCommune.code).toBe(2);
    expect(noCommune.output).toContain(
      'Cán bộ xã, người chi trả, người phê duyệt và người theo dõi cần ít nhất một xã.',
    );
    const watcher = await userAdd(['--username', 'theodoi', '--role', 'monitoring'], 'mat-khau-rat-dai');
    expect(watcher.code).toBe(2);

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
    // As `npm start` runs it: the bundle, with the production Node flags.
    const flagged = { ...entry, args: [...SERVER_NODE_FLAGS, ...entry.args] };
    server = await startServer({ entry: flagged, sqliteFile, staticDir: dir, beneficiaries: 20, env: production });
    expect(server.output()).not.toContain('Dữ liệu demo');
    expect(server.output()).not.toContain('ĐÂY LÀ BẢN DEMO');
    expect(server.output()).not.toContain('node flags missing');
    expect((await login(server, 'payer', 'demo1234')).status).toBe(401);
    const me = await login(server, 'canbo.phubai', 'mat-khau-rat-dai');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'canbo.phubai', role: 'officer', communes: ['19960'] } });
  }, 120_000);

  test('a demo says so at start, and its database never runs as production', async () => {
    if (!entry) throw new Error('no server entry');
    const demoFile = join(dir, 'demo.sqlite');
    const demo = await startServer({ entry, sqliteFile: demoFile, staticDir: dir, beneficiaries: 20 });
    // Said right after the address line, in the same start-up callback.
    await expect.poll(() => demo.output()).toContain('ĐÂY LÀ BẢN DEMO');
    await demo.stop();
    const refused = startServer({
      entry,
      sqliteFile: demoFile,
      staticDir: dir,
      beneficiaries: 20,
      env: { ...production, SQLITE_FILE: demoFile },
    });
    await expect(refused).rejects.toThrow(/server exited \(1\) before it was ready/u);
    await expect(refused).rejects.toThrow(/có dữ liệu hoặc tài khoản demo/u);
  }, 120_000);

  test('a month from a spreadsheet alone, start to close, with no demo data', async () => {
    if (!server) throw new Error('the server of the previous test is not running');
    const url = server.url;
    const tokenOf = async (username: string) =>
      ((await (await login(server as ServerProcess, username, 'mat-khau-rat-dai')).json()) as { token: string }).token;
    const [officer, approver, supervisor] = [
      await tokenOf('canbo.phubai'),
      await tokenOf('pheduyet.phubai'),
      await tokenOf('giamsat'),
    ];
    const call = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const post = (path: string, token: string, body: unknown = { protocol: 1 }) =>
      call(path, token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // The commune is there for the officer's tablet, though nothing was seeded.
    const first = pullResponseSchema.parse(await (await call('/api/sync/pull?limit=500', officer)).json()).changes;
    expect(first.find((c) => c.entity === 'commune' && c.id === '19960')?.data).toMatchObject({
      name: 'Phường Phú Bài',
    });

    // The first month: everyone is new, enrolled from the file (gender and group given).
    const file = listFile([
      [1, 'BT-01', 'Phùng Thị Mận', '1950', '', 500000, 0, 0, 500000, 'Nữ', 'Khoản 5 điểm b'],
      [2, 'BT-02', 'Hồ Văn Tư', '1948', '', 500000, 0, 0, 500000, 'Nam', 'Khoản 5 điểm b'],
    ]);
    const imported = await call('/api/lists/import?period=2026-12&commune=19960', officer, {
      method: 'POST',
      headers: { 'x-filename': encodeURIComponent('Tháng 12.xlsx') },
      body: file,
    });
    expect(imported.status).toBe(200);
    const answer = listImportResponseSchema.parse(await imported.json());
    expect(answer.diff).toMatchObject({ increases: 2, money: { previous: 0, current: 1_000_000 } });
    const id = answer.listId ?? '';
    expect((await post(`/api/lists/${id}/submit`, officer)).status).toBe(200);
    expect((await post(`/api/lists/${id}/approve`, approver)).status).toBe(200);
    expect((await post(`/api/lists/${id}/publish`, approver)).status).toBe(200);

    const pulled = pullResponseSchema.parse(await (await call('/api/sync/pull?limit=500', officer)).json()).changes;
    const lines = pulled.filter((c) => c.entity === 'payment-line');
    expect(lines.map((l) => [l.data?.['amount'], l.data?.['status']])).toEqual([
      [500_000, 'due'],
      [500_000, 'due'],
    ]);

    // Nobody was paid: the supervisor carries one line into January and ends the other.
    const closing = closingResponseSchema.parse(
      await (await call('/api/months/2026-12/19960/closing', supervisor)).json(),
    );
    expect(closing.lines).toHaveLength(2);
    const [carry, end] = closing.lines;
    const closed = await post('/api/months/2026-12/19960/close', supervisor, {
      protocol: 1,
      decisions: [
        { lineId: carry?.lineId, outcome: 'carry' },
        { lineId: end?.lineId, outcome: 'end', reason: 'declined', note: null },
      ],
    });
    expect(closed.status).toBe(200);
    const after = closingResponseSchema.parse(
      await (await call('/api/months/2026-12/19960/closing', supervisor)).json(),
    );
    expect(after.status).toBe('closed');
    expect(after.summary).toMatchObject({
      due: { amount: 1_000_000 },
      carried: { amount: 500_000 },
      ended: { amount: 500_000 },
    });
  }, 120_000);
});
