// Device trust in Chromium (issue 13): a supervisor sees a payment's evidence — the payer pays a line
// at home with a signature and syncs; the supervisor opens the line and sees the signature the payer
// drew, read from the server (every look is logged there), which the payer is not offered; a tablet
// past its offline lease locks until it syncs; and signing out, once everything is sent, leaves
// nothing of anyone on the tablet.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openLineId, payLine, pendingText, readStore, signedInPage } from './app-page';
import { launchBrowser, waitForServiceWorker } from './browser';

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
    await payer.goto(`/chi-tra/${encodeURIComponent(lineId)}`);
    await expect.poll(() => payer.getByTestId('pay-amount').count()).toBe(1);
    expect(await payer.getByTestId('evidence').count()).toBe(0);

    const supervisor = await signedIn('supervisor');
    await supervisor.goto(`/chi-tra/${encodeURIComponent(lineId)}`);
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
    expect((await readStore(payer, 'beneficiaries')).length).toBeGreaterThan(0);
    await payer.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await payer.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect
      .poll(() => payer.getByText('Đã đăng xuất. Mọi thao tác đã được gửi và dữ liệu trên máy đã được xóa.').count())
      .toBe(1);
    for (const store of ['beneficiaries', 'paymentLines', 'outbox', 'idChecks', 'blobs'])
      expect(await readStore(payer, store)).toEqual([]);
    const kv = await readStore<{ key: string }>(payer, 'kv');
    expect(kv.map((r) => r.key)).toEqual(['wipedReason']);
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
    await page.reload();
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
