// Device trust in Chromium (issue 13): a supervisor sees a payment's evidence — the payer pays a line
// at home with a signature and syncs; the supervisor opens the line and sees the signature the payer
// drew, read from the server (every look is logged there), which the payer is not offered; a tablet
// past its offline lease locks until it syncs; and signing out, once everything is sent, leaves
// nothing of anyone on the tablet — nor with work unsent, which leaves first as a password-sealed
// file that a supervisor opens and imports.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin, apiPost, deviceView } from './api';
import { openLineId, payLine, pendingText, readKv, readOutbox, readRoster, readStore, signedInPage } from './app-page';
import { gotoUnlocked, launchBrowser, reloadUnlocked, waitForServiceWorker } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const signedIn = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

describe('payment evidence', () => {
  test('the supervisor sees the signature the payer drew; the payer is not offered it', async () => {
    const payer = await signedIn('payer');
    const lineId = await openLineId(payer);
    await payLine(payer, lineId, { receiver: 'self', sign: true });
    await expect.poll(() => pendingText(payer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    await gotoUnlocked(payer, `/chi-tra/${encodeURIComponent(lineId)}`);
    await expect.poll(() => payer.getByTestId('pay-amount').count()).toBe(1);
    expect(await payer.getByTestId('evidence').count()).toBe(0);

    const supervisor = await signedIn('supervisor');
    await gotoUnlocked(supervisor, `/chi-tra/${encodeURIComponent(lineId)}`);
    const evidence = supervisor.getByTestId('evidence');
    await expect.poll(() => evidence.count(), { timeout: 30_000 }).toBe(1);
    await evidence.getByRole('button', { name: 'Xem chữ ký, ảnh và kiểm tra thẻ' }).click();
    const image = evidence.getByRole('img', { name: 'Chữ ký người nhận' });
    await expect.poll(() => image.count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    expect(await evidence.textContent()).toContain('Khoản chi được tính');
  });

  test('signing out once everything is sent erases the tablet and says so', async () => {
    const payer = await signedIn('payer');
    expect((await readRoster(payer)).length).toBeGreaterThan(0);
    await payer.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await payer.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect
      .poll(() => payer.getByText('Đã đăng xuất. Mọi thao tác đã được gửi và dữ liệu trên máy đã được xóa.').count())
      .toBe(1);
    for (const store of ['beneficiaries', 'rosterPages', 'paymentLines', 'outbox', 'idChecks', 'blobs'])
      expect(await readStore(payer, store)).toEqual([]);
    const kv = await readStore<{ key: string }>(payer, 'kv');
    expect(kv.map((r) => r.key)).toEqual(['wipedReason']);
  });

  test('with a payment unsent, signing out leaves a sealed file, erases the tablet; a supervisor imports it', async () => {
    const payer = await signedIn('payer');
    const deviceId = (await readKv<string>(payer, 'deviceId')) ?? '';
    const lineId = await openLineId(payer);
    await payer.context().setOffline(true);
    await expect.poll(() => payer.getByTestId('sync-online').textContent()).toBe('Không có mạng');
    await payLine(payer, lineId, { receiver: 'self', sign: true });
    const [op] = await readOutbox(payer);

    await payer.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    expect(await payer.getByRole('button', { name: 'Đăng xuất', exact: true }).count()).toBe(0);
    await payer.getByRole('button', { name: 'Xuất tệp mã hóa rồi đăng xuất' }).click();
    await payer.getByLabel('Mật khẩu cho tệp').fill('Lộc An 2026');
    await payer.getByLabel('Nhập lại mật khẩu', { exact: true }).fill('Lộc An 2026');
    const [download] = await Promise.all([
      payer.waitForEvent('download'),
      payer.getByLabel('Nhập lại mật khẩu', { exact: true }).press('Enter'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^thao-tac-chua-gui-ma-hoa-\\d{4}-\\d{2}-\\d{2}-${deviceId.slice(0, 8)}\\.json$`, 'u'),
    );
    const sealed = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(sealed)).toMatchObject({ format: 'chitra-outbox-sealed', version: 1 });
    expect(sealed).not.toContain(op?.id ?? '?');
    // Nothing is erased until the user says the file is saved.
    expect(await readOutbox(payer)).toHaveLength(1);
    await payer.getByRole('button', { name: 'Đã lưu tệp: xóa dữ liệu và đăng xuất' }).click();
    await expect
      .poll(() =>
        payer.getByText('Đã đăng xuất. Các thao tác chưa gửi đã được xuất ra tệp mã hóa', { exact: false }).count(),
      )
      .toBe(1);
    for (const store of ['beneficiaries', 'rosterPages', 'paymentLines', 'outbox', 'blobs'])
      expect(await readStore(payer, store), store).toEqual([]);
    expect((await readStore<{ key: string }>(payer, 'kv')).map((r) => r.key)).toEqual(['wipedReason']);

    // A supervisor takes the tablet out of use, then opens the file with its password and imports it.
    const api = await apiLogin(baseUrl, 'supervisor');
    await apiPost(api, `/api/devices/${encodeURIComponent(deviceId)}/retire`);
    const supervisor = await signedIn('supervisor');
    await supervisor.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Thiết bị' }).click();
    await supervisor.getByLabel('Nhập tệp thao tác từ máy khác').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(sealed),
    });
    await supervisor.getByLabel('Mật khẩu của tệp').fill('Lộc An 2025');
    await supervisor.getByRole('button', { name: 'Giải mã và gửi lên máy chủ' }).click();
    await expect
      .poll(() => supervisor.getByRole('alert').textContent())
      .toBe('Sai mật khẩu, hoặc tệp đã bị sửa. Chưa gửi gì lên máy chủ.');
    expect((await deviceView(api, deviceId))?.maxSeqReceived).toBe(0);
    await supervisor.getByLabel('Mật khẩu của tệp').fill('Lộc An 2026');
    await supervisor.getByLabel('Mật khẩu của tệp').press('Enter');
    await expect
      .poll(() => supervisor.getByText('Đã ghi nhận 1, trùng 0, xung đột 0, bị từ chối 0').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await deviceView(api, deviceId)).toMatchObject({ maxSeqReceived: 1, pendingOps: 0 });
  });

  test('past its offline lease the tablet locks, offline too, and opens again once it syncs', async () => {
    const page = await signedIn('payer');
    await waitForServiceWorker(page);
    await page.context().setOffline(true);
    // The last contact with the server was eight days ago (the lease is seven).
    await page.evaluate(
      async (at) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('chitra');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(String(open.error)));
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ key: 'lastSyncAt', value: at });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
        db.close();
      },
      Date.now() - 8 * 24 * 3600_000,
    );
    await reloadUnlocked(page);
    const lock = page.getByTestId('device-lock');
    await expect.poll(() => lock.count(), { timeout: 30_000 }).toBe(1);
    expect(await lock.textContent()).toContain('Đã quá 7 ngày kể từ lần liên lạc máy chủ cuối');
    expect(await page.locator('.roster-name').count()).toBe(0);
    expect(await lock.getByRole('button', { name: 'Đồng bộ ngay' }).count()).toBe(1);
    // Back online the app syncs by itself; the sync is the contact that opens the tablet.
    await page.context().setOffline(false);
    await expect.poll(() => lock.count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.locator('.roster-name').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
