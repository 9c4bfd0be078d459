// Practice mode (issue 17, "Practice mode"), in Chromium: a fresh profile loads the app once, goes
// offline, enters practice mode, signs in as the practice payer, pays a practice person whose
// practice card the fake camera shows, and syncs with the practice server inside the app; the
// whole screen says "Luyện tập" meanwhile. Not one request reaches the real server. Back in real
// use, the real sign-in shows nothing of the practice commune.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { vietnamDate, vietnamMonth } from '../../src/lib/clock';
import { practiceCommune } from '../../src/protocol/sample/practice-commune';
import { drawSignature, pendingText, readStore, waitForBootstrap } from './app-page';
import { seriousViolations } from './axe';
import { gotoUnlocked, newDevice, signIn, waitForServiceWorker, launchCameraBrowser } from './browser';
import { writeQrVideo } from './fake-camera';

const baseUrl = inject('baseUrl');
let browser: Browser;
let workDir: string;

// The practice commune as the app makes it today (seed 17, app/practice-mode.ts).
const now = Date.now();
const sample = practiceCommune(17, vietnamMonth(now), vietnamDate(now));
const special = new Set([...Object.values(sample.situations).flat()]);
const line = sample.lines.find(
  (l) =>
    l.data.status === 'due' &&
    (l.data.method === 'home-delivery' || l.data.method === 'cash-point') &&
    !special.has(l.id) &&
    !special.has(l.data.beneficiaryId) &&
    sample.beneficiaries.find((b) => b.id === l.data.beneficiaryId)?.data.representative === null &&
    sample.cards.some((c) => c.beneficiaryId === l.data.beneficiaryId && c.holder === 'beneficiary'),
);
const card = sample.cards.find((c) => c.beneficiaryId === line?.data.beneficiaryId && c.holder === 'beneficiary');

beforeAll(async () => {
  if (!card) throw new Error('the practice commune has a cash line of someone with a card');
  workDir = mkdtempSync(join(tmpdir(), 'chitra-practice-'));
  const video = join(workDir, 'practice-card.y4m');
  writeQrVideo(video, card.qr);
  browser = await launchCameraBrowser(video);
});
afterAll(async () => {
  await browser.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('practice mode', () => {
  test('offline from a fresh profile: a full practice payment; nothing reaches the server', async () => {
    if (!line || !card) throw new Error('no practice line');
    const context = await newDevice(browser, baseUrl);
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorker(page);
    const toServer: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) toServer.push(r.url());
    });
    await context.setOffline(true);

    await page.getByRole('button', { name: 'Luyện tập (không dùng dữ liệu thật)' }).click();
    const banner = page.getByTestId('practice-banner');
    await expect
      .poll(() => banner.textContent(), { timeout: 30_000 })
      .toBe('LUYỆN TẬP · dữ liệu mẫu, không gửi về máy chủ thật');
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, 'chitra', 'mat-khau-bat-ky');
    await waitForBootstrap(page);
    expect(await banner.isVisible()).toBe(true);

    await gotoUnlocked(page, `/chi-tra/${encodeURIComponent(line.id)}`);
    await page.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
    await expect
      .poll(() => page.getByTestId('receiver-check-result').getAttribute('data-method'), { timeout: 30_000 })
      .toBe('qr');
    expect(await page.getByTestId('id-comparison').getAttribute('data-overall')).toBe('match');
    await drawSignature(page);
    await page.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    await expect.poll(() => page.getByTestId('receipt-code').count()).toBe(1);
    // The practice server inside the app takes the payment with no network, and the bar says so.
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(page), { timeout: 30_000 }).toBe('0 thao tác chờ gửi');
    expect(await page.getByTestId('sync-online').textContent()).toBe('Đã kết nối máy chủ');
    expect(await seriousViolations(page)).toEqual([]);
    expect(toServer).toEqual([]);

    // The practice cards to print, the one just scanned among them.
    await gotoUnlocked(page, '/settings');
    await page.getByRole('link', { name: 'In thẻ căn cước luyện tập' }).click();
    const cards = page.getByTestId('practice-card');
    await expect.poll(() => cards.count()).toBe(sample.cards.length);
    expect(await cards.filter({ hasText: card.fullName }).locator('img').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Back to real use, online: the real payer's tablet holds nothing of the practice commune.
    await gotoUnlocked(page, '/settings');
    await page.getByRole('button', { name: 'Thoát chế độ luyện tập' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor({ timeout: 30_000 });
    expect(await banner.count()).toBe(0);
    await context.setOffline(false);
    await signIn(page, 'payer');
    await waitForBootstrap(page);
    const communes = await readStore<{ id: string }>(page, 'communes');
    expect(communes.map((c) => c.id)).not.toContain(sample.commune.code);
    const lines = await readStore<{ id: string }>(page, 'paymentLines');
    expect(lines.some((l) => l.id.startsWith('practice-'))).toBe(false);
    // Only the real sign-in and its sync spoke to the server, after practice ended.
    expect(toServer.every((url) => !url.includes('practice'))).toBe(true);
    await context.close();
  });
});
