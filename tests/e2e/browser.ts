// Launches Debian's Chromium through playwright-core (no browser download) with the flags
// that work on this machine.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export const TABLET = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 640 };

export async function newDevice(browser: Browser, baseUrl: string, viewport = TABLET): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport, locale: 'vi-VN', serviceWorkers: 'allow' });
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, username: string, password = 'demo1234'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Waits until the service worker has installed, precached the shell and is active. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}
