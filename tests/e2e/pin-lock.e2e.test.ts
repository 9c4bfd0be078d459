// The tablet's lock and encryption at rest in Chromium (issue 13): the first sign-in asks for a PIN;
// what IndexedDB holds is sealed (no name on disk); after the idle time the app locks, and only the
// lock screen shows; wrong PINs count, and after the last one only the password opens it, checked by
// the server (refused offline), with a new PIN; no serious axe violation on these screens.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForBootstrap } from './app-page';
import { seriousViolations } from './axe';
import { E2E_PIN, launchBrowser, newDevice, setPin, unlock } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Every store's rows as IndexedDB holds them, as text (bytes shown as their length). */
function rawDatabaseText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('chitra');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const stores = [...db.objectStoreNames];
    const rows = await Promise.all(
      stores.map(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(new Error(String(req.error)));
          }),
      ),
    );
    db.close();
    return JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v));
  });
}

async function typePin(page: Page, pin: string): Promise<void> {
  await page.getByLabel('Mã PIN (6 chữ số)', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
}

describe('lock and encryption at rest', () => {
  test('PIN at first sign-in, sealed storage, idle lock, wrong PINs, then the password with a connection', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    // Fake timers for every document from the next load on: the idle minute passes at once.
    await page.clock.install();
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill('payer');
    await page.getByLabel('Mật khẩu').fill('demo1234');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đặt mã PIN cho máy này' }).waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await setPin(page);
    await waitForBootstrap(page);

    // The roster is on screen, and nothing of it is readable in IndexedDB.
    const name = page.locator('.roster-name').first();
    await expect.poll(() => name.count(), { timeout: 30_000 }).toBe(1);
    const someone = (await name.textContent()) ?? '';
    expect(someone.length).toBeGreaterThan(3);
    const stored = await rawDatabaseText(page);
    expect(stored).toContain('bytes>');
    expect(stored).not.toContain(someone);

    // One minute without use locks it; the address stays, and no name is on screen.
    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.locator('#idle-lock-minutes').selectOption('1');
    await page.getByRole('link', { name: 'Danh sách', exact: true }).click();
    await expect.poll(() => name.count(), { timeout: 30_000 }).toBe(1);
    await page.clock.fastForward('01:10');
    const lock = page.getByTestId('pin-lock');
    await expect.poll(() => lock.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('body').textContent()).not.toContain(someone);
    expect(await page.getByRole('navigation', { name: 'Chính' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Four wrong PINs count down; the fifth leaves only the password.
    for (const left of [4, 3, 2, 1]) {
      await typePin(page, '135790');
      await expect.poll(() => lock.getByRole('alert').textContent()).toContain(`Còn ${left} lần thử`);
    }
    await typePin(page, '135790');
    await expect.poll(() => lock.getByRole('heading').textContent()).toBe('Mở khóa bằng mật khẩu');
    expect(await page.getByLabel('Mã PIN (6 chữ số)', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The password needs the server: offline it is refused, and nothing opens.
    await page.getByLabel('Mật khẩu của bạn').fill('demo1234');
    await page.getByLabel('Mã PIN mới (6 chữ số)').fill('604817');
    await page.getByLabel('Nhập lại mã PIN').fill('604817');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Kiểm tra mật khẩu và mở khóa' }).click();
    await expect.poll(() => lock.getByRole('alert').textContent()).toContain('cần kết nối mạng');
    expect(await lock.count()).toBe(1);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Kiểm tra mật khẩu và mở khóa' }).click();
    await expect.poll(() => lock.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => name.count(), { timeout: 30_000 }).toBe(1);

    // Every start is locked; the old PIN no longer opens it, the new one does.
    await page.reload();
    await lock.waitFor({ timeout: 30_000 });
    await typePin(page, E2E_PIN);
    await expect.poll(() => lock.getByRole('alert').textContent()).toContain('Sai mã PIN');
    await unlock(page, '604817');
    await expect.poll(() => name.textContent(), { timeout: 30_000 }).toBe(someone);
    await context.close();
  });
});
