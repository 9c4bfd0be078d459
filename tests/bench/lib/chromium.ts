/**
 * Chromium for the bench: always a persistent context on a NEW temporary profile directory, so
 * IndexedDB writes to disk as on a tablet (an off-the-record context keeps it in memory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, TABLET } from '../../e2e/browser';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export type Device = { context: BrowserContext; page: Page; profileDir: string; close: () => Promise<void> };

/** Opens Chromium on `profileDir` (a new temporary one unless given, e.g. to relaunch cold). */
export async function openDevice(
  options: { baseURL?: string; profileDir?: string; offline?: boolean; keepProfile?: boolean } = {},
): Promise<Device> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'chitra-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: TABLET,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
    offline: options.offline ?? false,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  // tsx (esbuild, keepNames) wraps named functions in `__name(…)`; functions the bench sends to
  // the page are serialised with it, so the page needs the helper too.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profileDir,
    close: async () => {
      await context.close();
      if (!options.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export function removeProfile(profileDir: string): void {
  rmSync(profileDir, { recursive: true, force: true });
}
