import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { gotoUnlocked, launchBrowser, newDevice, PHONE, reloadUnlocked, signIn, waitForServiceWorker } from './browser';
import { readRoster } from './app-page';

const baseUrl = inject('baseUrl');
const staticDir = inject('staticDir');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Communes of the people stored in the page's IndexedDB, counted. */
async function localCommunes(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await readRoster<{ id: string; communeCode: string }>(page))
    counts[r.communeCode] = (counts[r.communeCode] ?? 0) + 1;
  return counts;
}

async function rosterCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('roster-count').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

describe('roster on a fresh device', () => {
  test('a payer signs in, sees only Phú Bài, searches without diacritics, and reloads offline', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, 'payer');

    await expect.poll(() => page.getByTestId('sync-last').textContent(), { timeout: 60_000 }).not.toBe('chưa đồng bộ');
    const communes = await localCommunes(page);
    expect(Object.keys(communes)).toEqual(['19960']);
    const stored = communes['19960'] ?? 0;
    expect(stored).toBeGreaterThan(50);
    await expect.poll(() => rosterCount(page)).toBe(stored);
    expect(await page.getByRole('listitem').count()).toBeGreaterThan(3);

    // Search by a folded name taken from the first row: no diacritics, lower case.
    const firstName = (await page.locator('.roster-name').first().textContent()) ?? '';
    const folded = firstName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    await page.getByRole('searchbox').fill(folded);
    await expect.poll(() => page.locator('.roster-name').allTextContents()).toContain(firstName);
    const shown = await page.locator('.roster-name').allTextContents();
    expect(shown.length).toBeLessThan(stored);

    await waitForServiceWorker(page);
    await context.setOffline(true);
    await reloadUnlocked(page);
    await expect.poll(() => page.getByTestId('sync-online').textContent()).toBe('Không có mạng');
    await expect.poll(() => rosterCount(page)).toBe(stored);
    await gotoUnlocked(page, '/settings');
    await expect.poll(() => page.getByTestId('settings-user').textContent()).toContain('payer');
    await context.close();
  });

  test('wrong password is refused with a Vietnamese message', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, 'payer', 'sai-mat-khau');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    await context.close();
  });

  test('on a phone every control is at least 44 px tall and the roster fits the width', async () => {
    const context = await newDevice(browser, baseUrl, PHONE);
    const page = await context.newPage();
    await signIn(page, 'officer2');
    await expect.poll(() => rosterCount(page), { timeout: 60_000 }).toBeGreaterThan(0);
    const sizes = await page.$$eval('button, input, select, nav a, a.button, a.roster-row', (els) =>
      els.map((e) => ({ h: e.getBoundingClientRect().height, text: e.textContent ?? e.getAttribute('aria-label') })),
    );
    expect(sizes.length).toBeGreaterThan(5);
    for (const s of sizes) expect(s.h, String(s.text)).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  test('a waiting service worker shows the update prompt and applies only when accepted', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorker(page);
    // A second visit is controlled by the worker; only then does a new worker have to wait.
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    expect(await page.getByText('Có phiên bản mới').count()).toBe(0);

    // Publish a "new version": any byte change to sw.js makes the browser install it.
    appendFileSync(join(staticDir, 'sw.js'), `\n// version ${Date.now()}\n`);
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await expect.poll(() => page.getByText('Có phiên bản mới').count(), { timeout: 30_000 }).toBe(1);
    const waitingBefore = await page.evaluate(async () =>
      Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
    );
    expect(waitingBefore).toBe(true);

    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Cập nhật' }).click();
    await reloaded;
    await expect.poll(() => page.getByText('Có phiên bản mới').count()).toBe(0);
    const waitingAfter = await page.evaluate(async () =>
      Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
    );
    expect(waitingAfter).toBe(false);
    await context.close();
  });
});

describe('installable shell and first run', () => {
  test('the manifest, its icons and the page language are what an install needs', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const manifest = (await (await page.request.get(href ?? '')).json()) as {
      name: string;
      description: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('Chi trả TGXH');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/iu);
    expect(manifest.description).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u);
    for (const icon of manifest.icons) {
      // Each icon is a real PNG of the size the manifest claims.
      const [w, h] = await page.evaluate(async (src) => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob());
        return [bitmap.width, bitmap.height];
      }, icon.src);
      expect(`${w}x${h}`).toBe(icon.sizes);
    }
    const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose === 'maskable' ? ' maskable' : ''}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));

    // Password managers and on-screen keyboards rely on these.
    expect(await page.getByLabel('Tên đăng nhập').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Mật khẩu').getAttribute('autocomplete')).toBe('current-password');
    await context.close();
  });

  test('the first sync shows records and percent, then Settings shows persistence and storage use', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const calls = { n: 0 };
      (window as unknown as { persistCalls: typeof calls }).persistCalls = calls;
      const original = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => {
        calls.n++;
        return original();
      };
    });
    // Hold the second page of the first pull until the bar has been read mid-way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let pulls = 0;
    await page.route('**/api/sync/pull**', async (route) => {
      if (++pulls === 2) await held;
      await route.continue();
    });
    await signIn(page, 'supervisor');
    await expect.poll(() => pulls, { timeout: 60_000 }).toBe(2);
    const text = (await page.getByTestId('sync-progress').textContent()) ?? '';
    const match = /([\d.]+) \/ ([\d.]+) bản ghi \((\d+)%\)/u.exec(text);
    expect(match, text).not.toBeNull();
    const [done, total, pct] = (match ?? []).slice(1).map((s) => Number(s.replace(/\./gu, '')));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total ?? 0);
    expect(pct).toBe(Math.floor(((done ?? 0) / (total ?? 1)) * 100));
    expect(Number(await page.locator('.progress progress').getAttribute('value'))).toBe(pct);
    release();
    await expect.poll(() => page.getByTestId('sync-progress').count(), { timeout: 60_000 }).toBe(0);
    // 1280×800 (the tablet): the roster fills the width without a horizontal scroll.
    await expect.poll(() => page.locator('a.roster-row').count()).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    expect(
      await page.evaluate(() => (window as unknown as { persistCalls: { n: number } }).persistCalls.n),
    ).toBeGreaterThanOrEqual(1);
    await gotoUnlocked(page, '/settings');
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    const storage = page.getByTestId('settings-storage');
    await expect
      .poll(() => storage.textContent())
      .toContain(persisted ? 'Trình duyệt đã cam kết giữ dữ liệu' : 'Trình duyệt CHƯA cam kết giữ dữ liệu');
    await expect.poll(() => storage.textContent()).toMatch(/Đã dùng .+ trên .+ được phép\./u);
    await context.close();
  });
});
