// What the sync bar says about the connection (issue 16, "An honest connection status"), in
// Chromium: with the network up (navigator.onLine true) and the server not reached, it says so
// instead of "Có mạng"; with the server answering slowly, a weak connection; then connected, with
// the time the server last answered. The offline cases (navigator.onLine false) are in the
// write-path and field tests.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { signedInPage } from './app-page';
import { launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const said = (page: Page) => page.getByTestId('sync-online').textContent();
const syncNow = (page: Page) => page.getByRole('button', { name: 'Đồng bộ ngay' }).click();

describe('connection status', () => {
  test('server unreachable on a working network, then slow, then answering', async () => {
    const page = await signedInPage(browser, baseUrl, 'payer');
    await expect.poll(() => said(page), { timeout: 30_000 }).toBe('Đã kết nối máy chủ');
    const firstContact = await page.getByTestId('sync-contact').textContent();
    expect(firstContact).toMatch(/\d{2}:\d{2}/u);

    // The network is up, nothing reaches the server.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await syncNow(page);
    await expect.poll(() => said(page), { timeout: 30_000 }).toBe('Không kết nối được máy chủ');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    expect(await page.getByTestId('sync-contact').textContent()).toBe(firstContact);

    // The server answers, slowly (more than 5 seconds for a pull page).
    await page.unroute('**/api/**');
    await page.route('**/api/sync/pull**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      await route.continue();
    });
    await syncNow(page);
    await expect.poll(() => said(page), { timeout: 60_000 }).toBe('Mạng yếu: máy chủ trả lời chậm');

    // Answering quickly again.
    await page.unroute('**/api/sync/pull**');
    await expect.poll(() => page.getByRole('button', { name: 'Đồng bộ ngay' }).isEnabled()).toBe(true);
    await syncNow(page);
    await expect.poll(() => said(page), { timeout: 30_000 }).toBe('Đã kết nối máy chủ');
    await page.context().close();
  });
});
