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

/** The PIN every test device sets at its PIN step (src/features/lock). */
export const E2E_PIN = '258013';

/**
 * Signs in through the login form, as a person would, and sets the PIN when the app asks for one
 * (a device without a vault). Returns once the app shows what follows: the PIN step passed, the
 * screens, the new-password screen, or the sign-in form's error.
 */
export async function signIn(page: Page, username: string, password = 'demo1234'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const pinStep = page.getByRole('heading', { name: 'Đặt mã PIN cho máy này' });
  const other = page.locator('nav[aria-label="Chính"], .login [role="alert"], #password-title');
  await pinStep.or(other).first().waitFor({ timeout: 60_000 });
  if (await pinStep.isVisible()) await setPin(page);
}

/** The PIN step: chooses the PIN and waits until the device is sealed and open. */
export async function setPin(page: Page, pin = E2E_PIN): Promise<void> {
  await page.locator('#pin-new').fill(pin);
  await page.locator('#pin-repeat').fill(pin);
  await page.locator('#pin-title').locator('..').locator('button[type="submit"]').click();
  await page.locator('#pin-title').waitFor({ state: 'detached', timeout: 60_000 });
}

/**
 * The lock screen every start shows: types the PIN and waits until the app is open again. By
 * element ids, whatever the interface language.
 */
export async function unlock(page: Page, pin = E2E_PIN): Promise<void> {
  const lock = page.getByTestId('pin-lock');
  await lock.waitFor({ timeout: 60_000 });
  await page.locator('#unlock-pin').fill(pin);
  await lock.locator('button[type="submit"]').click();
  await lock.waitFor({ state: 'detached', timeout: 60_000 });
}

/** A page load of a signed-in device (a start: the app locks), then the PIN. */
export async function gotoUnlocked(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await unlock(page);
}

export async function reloadUnlocked(page: Page): Promise<void> {
  await page.reload();
  await unlock(page);
}

/** Waits until the service worker has installed, precached the shell and is active. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}

/** A Chromium whose camera films `video` (a `.y4m`, tests/e2e/fake-camera.ts), asking no permission. */
export function launchCameraBrowser(video: string): Promise<Browser> {
  return launchBrowser([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
}
