// The offline write path in Chromium (issue 4, "Tests"): a payment recorded offline survives a
// reload and reaches the server exactly once; two devices paying one line give one payment and
// one conflict; a server killed during a push loses and doubles nothing; two tabs elect one
// sync leader; a revoked or retired device is wiped.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { prepareServerEntry, startServer, type ServerProcess } from '../chaos/server-process';
import { apiLogin, apiPost, deviceView, openConflicts, pulledLine, resolvedConflicts, type ApiSession } from './api';
import {
  openLineId,
  payLine,
  pendingText,
  readKv,
  readOutbox,
  readRoster,
  readStore,
  waitForBootstrap,
  type StoredOp,
} from './app-page';
import {
  gotoUnlocked,
  launchBrowser,
  newDevice,
  reloadUnlocked,
  signIn,
  TABLET,
  waitForServiceWorker,
} from './browser';

const baseUrl = inject('baseUrl');
/** The global e2e server's database (global-setup.ts keeps it next to the static copy). */
const sqliteFile = join(dirname(inject('staticDir')), 'e2e.sqlite');
let browser: Browser;
let supervisor: ApiSession;

beforeAll(async () => {
  browser = await launchBrowser();
  supervisor = await apiLogin(baseUrl, 'supervisor');
});
afterAll(async () => {
  await browser.close();
});

/** Rows of the server's op log, read-only (the audit log is the ground truth of "exactly once"). */
function serverOps(file: string, where: { opIds?: string[]; deviceId?: string }) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select op_id, device_id, seq, status, code from ops').all() as {
      op_id: string;
      device_id: string;
      seq: number;
      status: string;
      code: string | null;
    }[];
    return rows.filter(
      (r) =>
        (where.opIds === undefined || where.opIds.includes(r.op_id)) &&
        (where.deviceId === undefined || r.device_id === where.deviceId),
    );
  } finally {
    db.close();
  }
}

/** A signed-in device whose first pull has finished. */
async function signedInDevice(username: string, options: { serviceWorker?: boolean; url?: string } = {}) {
  const context: BrowserContext =
    options.serviceWorker === false
      ? await browser.newContext({
          baseURL: options.url ?? baseUrl,
          viewport: TABLET,
          locale: 'vi-VN',
          serviceWorkers: 'block',
        })
      : await newDevice(browser, options.url ?? baseUrl);
  const page = await context.newPage();
  await signIn(page, username);
  await waitForBootstrap(page);
  const deviceId = (await readKv<string>(page, 'deviceId')) ?? '';
  expect(deviceId).not.toBe('');
  return { context, page, deviceId };
}

/** expect.poll's default (1 s) is short for a browser on a busy machine. */
const soon = { timeout: 15_000 };

async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect.poll(() => page.getByTestId('sync-online').textContent(), soon).toBe('Không có mạng');
}

const onlyOp = async (page: Page): Promise<StoredOp> => {
  const ops = await readOutbox(page);
  expect(ops).toHaveLength(1);
  return ops[0] as StoredOp;
};

describe('offline payment', () => {
  test('recorded offline to an authorised person with a signature, kept across a reload, sent once when online', async () => {
    const { context, page, deviceId } = await signedInDevice('payer');
    await waitForServiceWorker(page);
    const lineId = await openLineId(page);
    await goOffline(context, page);

    const code = await payLine(page, lineId, {
      receiver: 'authorized',
      fullName: 'Trần Văn Bình',
      idNumber: '046090001234',
      sign: true,
    });
    expect(code).toMatch(/^[0-9A-Z]{8}$/u);
    await expect.poll(() => pendingText(page), soon).toBe('1 thao tác chờ gửi');

    // The op, the optimistic line change and the signature were written together, durably.
    await reloadUnlocked(page);
    await expect.poll(() => page.getByTestId('sync-online').textContent(), soon).toBe('Không có mạng');
    await expect.poll(() => pendingText(page), soon).toBe('1 thao tác chờ gửi');
    const queued = await onlyOp(page);
    expect(queued).toMatchObject({ state: 'pending', type: 'payment.record', entityId: lineId, seq: 1 });
    const payload = queued.envelope.payload as { receiver: unknown; signature?: string };
    expect(payload.receiver).toEqual({ kind: 'authorized', fullName: 'Trần Văn Bình', idNumber: '046090001234' });
    expect(payload.signature).toMatch(/^[0-9a-f]{64}$/u);
    const blobs = await readStore<{ hash: string; uploaded: number }>(page, 'blobs');
    expect(blobs.map((b) => [b.hash, b.uploaded])).toEqual([[payload.signature, 0]]);
    const lines = await readStore<{ id: string; status: string }>(page, 'paymentLines');
    expect(lines.find((l) => l.id === lineId)?.status).toBe('paid');

    await context.setOffline(false);
    await expect.poll(() => pendingText(page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    const sent = await onlyOp(page);
    expect(sent.state).toBe('done');
    expect(sent.result?.status).toBe('applied');

    // Exactly one row on the server, counted on the line, with its signature uploaded first.
    const rows = serverOps(sqliteFile, { deviceId });
    expect(rows).toEqual([{ op_id: sent.id, device_id: deviceId, seq: 1, status: 'applied', code: null }]);
    const line = await pulledLine(await apiLogin(baseUrl, 'payer'), lineId);
    expect(line?.status).toBe('paid');
    expect(line?.payment?.opId).toBe(sent.id);
    expect(line?.payment?.receiver.kind).toBe('authorized');
    expect(line?.conflicts).toEqual([]);
    expect(line?.missingBlobs).toEqual([]);
    expect(await deviceView(supervisor, deviceId)).toMatchObject({ lastSeqReported: 1, maxSeqReceived: 1 });
    expect((await readStore<{ uploaded: number }>(page, 'blobs')).map((b) => b.uploaded)).toEqual([1]);
    await context.close();
  });
});

describe('two devices pay the same line offline', () => {
  test('one payment is applied, the other is kept as an already-paid conflict that both devices and the supervisor see, and the supervisor voids it on the conflicts screen', async () => {
    // The supervisor's browser signs in meanwhile: its first pull covers every demo commune.
    const [a, b, sup] = await Promise.all([
      signedInDevice('payer'),
      signedInDevice('officer'),
      signedInDevice('supervisor'),
    ]);
    const lineId = await openLineId(a.page);
    await goOffline(a.context, a.page);
    await goOffline(b.context, b.page);
    await payLine(a.page, lineId, { receiver: 'self' });
    await payLine(b.page, lineId, { receiver: 'guardian', fullName: 'Lê Văn Cường', idNumber: '046090005678' });
    await expect.poll(() => pendingText(a.page), soon).toBe('1 thao tác chờ gửi');
    await expect.poll(() => pendingText(b.page), soon).toBe('1 thao tác chờ gửi');

    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    await expect.poll(() => pendingText(a.page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    await expect.poll(() => pendingText(b.page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    const [opA, opB] = [await onlyOp(a.page), await onlyOp(b.page)];
    const outcomes = [opA, opB].map((op) => op.result?.status).sort();
    expect(outcomes).toEqual(['applied', 'conflict']);
    const [winner, loser] = opA.result?.status === 'applied' ? [a, b] : [b, a];
    const [winnerOp, loserOp] = opA.result?.status === 'applied' ? [opA, opB] : [opB, opA];
    expect(loserOp).toMatchObject({ state: 'conflict', result: { status: 'conflict', code: 'already-paid' } });

    // The device whose payment did not count says so, under "Cần xử lý".
    await expect.poll(() => loser.page.getByTestId('sync-attention').textContent(), soon).toBe('1 cần xử lý');
    await loser.page.getByTestId('sync-attention').click();
    await expect
      .poll(() => loser.page.locator('.op-item').allTextContents(), soon)
      .toEqual([expect.stringContaining('Dòng chi trả này đã được chi trước đó.')]);
    // Both devices hold the line as the server has it: paid once, with the second payment flagged.
    for (const device of [winner, loser]) {
      await device.page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect
        .poll(async () => {
          const rows = await readStore<{ id: string; status: string; conflicts?: { fact: { opId: string } }[] }>(
            device.page,
            'paymentLines',
          );
          const line = rows.find((l) => l.id === lineId);
          return { status: line?.status, flagged: line?.conflicts?.map((c) => c.fact.opId) };
        }, soon)
        .toEqual({ status: 'paid', flagged: [loserOp.id] });
    }

    // The supervisor sees the conflict with both sides.
    const conflict = (await openConflicts(supervisor)).find((c) => c.subject.id === lineId);
    expect(conflict).toMatchObject({
      code: 'already-paid',
      status: 'open',
      opId: loserOp.id,
      // Who paid is named; a device id is never shown beyond its own user (issue 13, finding 1).
      earlier: { opId: winnerOp.id, deviceId: null, isCurrent: true },
      incoming: { opId: loserOp.id, deviceId: null, isCurrent: false },
    });
    // And the op log has each payment exactly once.
    expect(
      serverOps(sqliteFile, { opIds: [opA.id, opB.id] })
        .map((r) => r.status)
        .sort(),
    ).toEqual(['applied', 'conflict']);

    // Both devices of the commune hold the conflict under "Cần xử lý".
    const name = conflict?.beneficiaryName ?? '';
    expect(name).not.toBe('');
    const communeConflict = (page: Page) => page.getByTestId('conflict').filter({ hasText: name });
    for (const device of [winner, loser]) {
      await device.page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cần xử lý' }).click();
      await expect.poll(() => communeConflict(device.page).count(), soon).toBe(1);
    }

    // The supervisor opens the conflicts screen: the server's list, with both payments, who and when.
    await sup.page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Xung đột' }).click();
    await expect
      .poll(() => sup.page.getByTestId('conflicts-source').textContent(), soon)
      .toMatch(/^Danh sách từ máy chủ, cập nhật lúc /u);
    const card = sup.page
      .getByTestId('conflict')
      .filter({ has: sup.page.locator(`[data-conflict-id="${conflict?.id ?? ''}"]`) });
    await expect.poll(() => card.count(), soon).toBe(1);
    const shown = (await card.textContent()) ?? '';
    expect(shown).toContain(name);
    expect(shown).toContain('Dòng chi trả này đã được chi trước đó.');
    expect(shown).toContain('Ghi nhận trước (đang được tính)');
    expect(shown).toContain(`${conflict?.earlier.userName ?? '?'} · ${conflict?.earlier.deviceName ?? '?'}`);
    expect(shown).toContain(`${conflict?.incoming.userName ?? '?'} · ${conflict?.incoming.deviceName ?? '?'}`);
    expect(shown).toContain('Người giám hộ: Lê Văn Cường');
    expect(shown).toContain('Đối tượng tự nhận');
    // Both sides carry the device's and the server's time.
    expect(shown.match(/Ghi trên máy lúc: \d/gu)).toHaveLength(2);
    expect(shown.match(/Máy chủ nhận lúc: \d/gu)).toHaveLength(2);

    // It voids the later payment (the one not counted) as a duplicate, through the outbox.
    await card.getByLabel('Lý do hủy').selectOption({ label: 'Chi trùng' });
    const voidIncoming = card.getByRole('button', { name: 'Hủy khoản chi sau' });
    await expect.poll(() => voidIncoming.isEnabled(), soon).toBe(true);
    await voidIncoming.click();
    // (The pending count may still read 0 right after the click: wait for the op's answer itself.)
    await expect
      .poll(async () => (await readOutbox(sup.page)).map((o) => o.state), { timeout: 60_000 })
      .toEqual(['done']);
    const voidOp = await onlyOp(sup.page);
    expect(voidOp).toMatchObject({
      type: 'payment.void',
      entityId: lineId,
      state: 'done',
      result: { status: 'applied' },
      envelope: {
        deviceId: sup.deviceId,
        payload: { target: 'payment', reason: 'duplicate', paymentOpId: loserOp.id, conflictId: conflict?.id },
      },
    });
    // The screen asks the server again once the void is answered: the conflict leaves the list.
    await expect.poll(() => card.count(), soon).toBe(0);

    // The server: resolved by that void, the line paid exactly once (the first payment), the
    // second payment kept in history as voided.
    expect((await openConflicts(supervisor)).map((c) => c.id)).not.toContain(conflict?.id);
    expect((await resolvedConflicts(supervisor)).find((c) => c.id === conflict?.id)).toMatchObject({
      status: 'resolved',
      resolution: { opId: voidOp.id, action: 'void-payment', voidedOpId: loserOp.id, reason: 'duplicate' },
    });
    const line = await pulledLine(supervisor, lineId);
    expect(line?.status).toBe('paid');
    expect(line?.payment?.opId).toBe(winnerOp.id);
    expect(line?.conflicts).toEqual([]);
    expect(line?.voids.map((v) => [v.opId, v.reason, v.voidedPayment?.opId])).toEqual([
      [voidOp.id, 'duplicate', loserOp.id],
    ]);
    expect(
      serverOps(sqliteFile, { opIds: [opA.id, opB.id, voidOp.id] })
        .map((r) => [r.op_id, r.status])
        .sort(),
    ).toEqual(
      [
        [winnerOp.id, 'applied'],
        [loserOp.id, 'conflict'],
        [voidOp.id, 'applied'],
      ].sort(),
    );

    // The commune's devices no longer list the conflict after their next sync.
    for (const device of [winner, loser]) {
      await device.page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => communeConflict(device.page).count(), soon).toBe(0);
      await expect
        .poll(async () => {
          const rows = await readStore<{ id: string; status: string; conflicts?: unknown[] }>(
            device.page,
            'paymentLines',
          );
          const local = rows.find((l) => l.id === lineId);
          return { status: local?.status, flagged: local?.conflicts?.length };
        }, soon)
        .toEqual({ status: 'paid', flagged: 0 });
    }
    await Promise.all([a.context.close(), b.context.close(), sup.context.close()]);
  }, 240_000);
});

describe('server killed during a push', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the app retries the same batch after the restart and every op is recorded exactly once', async () => {
    // A server of this test's own, so it can be killed: same build, its own SQLite file.
    dir = mkdtempSync(join(tmpdir(), 'chitra-e2e-kill-'));
    const staticDir = join(dir, 'client');
    cpSync(inject('staticDir'), staticDir, { recursive: true });
    const file = join(dir, 'kill.sqlite');
    const entry = await prepareServerEntry('tsx');
    const start = (port?: number) =>
      startServer({ entry, sqliteFile: file, staticDir, beneficiaries: 300, ...(port ? { port } : {}) });
    server = await start();
    const port = Number(new URL(server.url).port);
    const url = `http://localhost:${port}`;

    const { context, page, deviceId } = await signedInDevice('payer', { serviceWorker: false, url });
    const first = await openLineId(page, 0);
    const second = await openLineId(page, 1);
    await goOffline(context, page);
    await payLine(page, first, { receiver: 'self' });
    await payLine(page, second, { receiver: 'guardian', fullName: 'Hồ Thị Lan', idNumber: '046090009999' });
    await expect.poll(() => pendingText(page), soon).toBe('2 thao tác chờ gửi');

    // The first push reaches the server, which commits it and dies before the answer leaves.
    const pushes: string[][] = [];
    let killed: Promise<void> | undefined;
    await context.route('**/api/sync/push', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { ops?: { id: string }[] };
      pushes.push((body.ops ?? []).map((o) => o.id));
      if (killed) return route.continue();
      const victim = server;
      killed = (async () => {
        await route.fetch();
        await victim?.kill9();
      })();
      await killed;
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await expect.poll(() => pushes.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await killed;
    expect(await pendingText(page)).toBe('2 thao tác chờ gửi');

    // Back on the same port (same origin, same IndexedDB); the app retries on its own.
    server = await start(port);
    await expect.poll(() => pendingText(page), { timeout: 90_000 }).toBe('0 thao tác chờ gửi');

    const ops = (await readOutbox(page)).sort((x, y) => x.seq - y.seq);
    expect(ops.map((o) => [o.entityId, o.state, o.result?.status, o.result?.code])).toEqual([
      [first, 'done', 'duplicate', 'applied'],
      [second, 'done', 'duplicate', 'applied'],
    ]);
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    for (const batch of pushes) expect(batch).toEqual(ops.map((o) => o.id));
    expect(serverOps(file, { deviceId }).map((r) => [r.op_id, r.seq, r.status])).toEqual(
      ops.map((o) => [o.id, o.seq, 'applied']),
    );
    const payer = await apiLogin(url, 'payer');
    expect((await pulledLine(payer, first))?.payment?.opId).toBe(ops[0]?.id);
    expect((await pulledLine(payer, second))?.payment?.opId).toBe(ops[1]?.id);
    await context.close();
  });
});

describe('two tabs of one device', () => {
  test('only the tab holding the sync lock pushes a queued op', async () => {
    const { context, page: tab1 } = await signedInDevice('payer', { serviceWorker: false });
    const tab2 = await context.newPage();
    await gotoUnlocked(tab2, '/');
    // Signed in through the shared IndexedDB: the app shell is there, not the sign-in form.
    await expect.poll(() => tab2.getByRole('navigation', { name: 'Chính' }).count(), { timeout: 10_000 }).toBe(1);

    const pushesBy = new Map<Page, string[][]>([
      [tab1, []],
      [tab2, []],
    ]);
    for (const [tab, list] of pushesBy)
      tab.on('request', (r) => {
        if (!r.url().includes('/api/sync/push')) return;
        const body = JSON.parse(r.postData() ?? '{}') as { ops?: { id: string }[] };
        list.push((body.ops ?? []).map((o) => o.id));
      });
    const lineId = await openLineId(tab1);
    await goOffline(context, tab1);
    await payLine(tab1, lineId, { receiver: 'self' });
    const op = await onlyOp(tab1);

    // Hold every push for a while, so the other tab tries to sync while the leader is pushing.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/api/sync/push', async (route) => {
      await held;
      await route.continue();
    });
    await context.setOffline(false);
    const all = () => [...pushesBy.values()].flat();
    await expect.poll(() => all().length, { timeout: 30_000 }).toBe(1);
    const leader = pushesBy.get(tab1)?.length === 1 ? tab1 : tab2;
    const follower = leader === tab1 ? tab2 : tab1;
    // The follower is asked to sync now, twice, while the leader's push is still in flight.
    for (let i = 0; i < 2; i++) {
      const button = follower.getByRole('button', { name: 'Đồng bộ ngay' });
      await expect.poll(() => button.isEnabled(), soon).toBe(true);
      await button.click();
    }
    release();
    await expect.poll(() => pendingText(leader), { timeout: 30_000 }).toBe('0 thao tác chờ gửi');
    await expect.poll(async () => (await onlyOp(tab1)).state, soon).toBe('done');

    expect(pushesBy.get(follower)).toEqual([]);
    expect(all()).toEqual([[op.id]]);
    await context.close();
  });
});

describe('a device taken out of service', () => {
  test('a revoked device wipes everything, even unsent ops, and says why at sign-in', async () => {
    const { context, page, deviceId } = await signedInDevice('payer', { serviceWorker: false });
    const lineId = await openLineId(page);
    await goOffline(context, page);
    await payLine(page, lineId, { receiver: 'self' });
    expect(await readRoster(page)).not.toHaveLength(0);

    await apiPost(supervisor, `/api/devices/${encodeURIComponent(deviceId)}/revoke`);
    await context.setOffline(false);
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: 60_000 })
      .toContain('Thiết bị này đã bị thu hồi quyền truy cập. Toàn bộ dữ liệu trên máy đã được xóa.');
    await expect.poll(() => page.getByLabel('Tên đăng nhập').count(), soon).toBe(1);
    for (const store of ['outbox', 'beneficiaries', 'rosterPages', 'paymentLines', 'blobs', 'shadows'])
      expect(await readStore(page, store), store).toEqual([]);
    expect(await readStore(page, 'kv')).toEqual([{ key: 'wipedReason', value: 'device-revoked' }]);
    // Nothing of it reached the server: a revoked device is refused before its ops are read.
    expect(serverOps(sqliteFile, { deviceId })).toEqual([]);
    expect((await deviceView(supervisor, deviceId))?.status).toBe('revoked');
    await context.close();
  });

  test('a retired device sends what it holds first, then wipes and says why', async () => {
    const { context, page, deviceId } = await signedInDevice('officer2', { serviceWorker: false });
    const lineId = await openLineId(page);
    await goOffline(context, page);
    await payLine(page, lineId, { receiver: 'self' });
    const op = await onlyOp(page);

    await apiPost(supervisor, `/api/devices/${encodeURIComponent(deviceId)}/retire`);
    await context.setOffline(false);
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: 60_000 })
      .toContain('Thiết bị này đã ngừng sử dụng. Các thao tác đã được gửi hết và dữ liệu trên máy đã được xóa.');
    expect(await readStore(page, 'outbox')).toEqual([]);
    expect(await readStore(page, 'kv')).toEqual([{ key: 'wipedReason', value: 'device-retired' }]);
    expect(serverOps(sqliteFile, { deviceId })).toEqual([
      { op_id: op.id, device_id: deviceId, seq: 1, status: 'applied', code: null },
    ]);
    await context.close();
  });
});
