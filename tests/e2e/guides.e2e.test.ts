// Guides in the app (issue 17, "Guides"), in Chromium against the real server: the first sign-in
// offers the tour, taken with the keyboard and not offered again after a reload; offline, the
// pay screen's "Hướng dẫn" opens its illustrated steps and the guides list opens the others; the
// "about the pilot" page shows the app's text; a supervisor writes the commune's own, which an
// officer's tablet shows after its sync, offline.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { pendingText, waitForBootstrap } from './app-page';
import { seriousViolations } from './axe';
import { launchBrowser, newDevice, reloadUnlocked, signIn, waitForServiceWorker } from './browser';
import type { Browser } from 'playwright-core';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const navTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true }).click();

describe('guides', () => {
  test('the tour on first sign-in, the guides offline from a screen, the about page from the commune', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, 'payer2');
    await waitForBootstrap(page);
    await waitForServiceWorker(page);

    // Offered once; taken with the keyboard only.
    const tour = page.getByRole('region', { name: 'Giới thiệu nhanh' });
    await expect.poll(() => tour.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await tour.getByRole('button', { name: 'Xem giới thiệu' }).focus();
    await page.keyboard.press('Enter');
    const card = page.getByRole('dialog', { name: 'Danh sách của xã nằm trên máy' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tour-title');
    expect(await seriousViolations(page)).toEqual([]);
    for (const title of ['Mọi việc được gửi khi có mạng', 'Máy tự khóa', 'Cần giúp? Bấm “Hướng dẫn”']) {
      await page.getByRole('button', { name: 'Tiếp', exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('dialog', { name: title }).count()).toBe(1);
    }
    await page.getByRole('button', { name: 'Xong', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tour').count()).toBe(0);
    await reloadUnlocked(page);
    await waitForBootstrap(page);
    expect(await page.locator('.tour').count()).toBe(0);

    // Offline: from the payment list to its guide, then another guide from the list.
    await context.setOffline(true);
    await navTo(page, 'Chi trả');
    await page.getByRole('link', { name: /^Hướng dẫn cho màn hình này: Chi trả tại nhà/u }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Chi trả tại nhà, có biên nhận');
    const steps = page.getByTestId('guide-steps').locator('li');
    expect(await steps.count()).toBe(5);
    expect(await steps.first().textContent()).toContain('Mở “Chi trả”, chọn người trong danh sách tháng.');
    expect(await steps.locator('svg').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Tất cả hướng dẫn' }).click();
    await expect.poll(() => page.locator('.guide-index li').count()).toBe(12);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sổ quỹ tiền mặt trong ngày' }).click();
    await expect.poll(() => steps.count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);

    // The about page, offline, with the app's text (the commune has none of its own yet).
    await navTo(page, 'Giới thiệu thí điểm');
    await expect
      .poll(() => page.getByTestId('about-source').textContent())
      .toBe('Nội dung chung của ứng dụng (xã chưa soạn nội dung riêng).');
    expect(await page.getByTestId('about-text').textContent()).toContain('Không mất phí mở tài khoản');
    expect(await page.getByRole('button', { name: 'Sửa nội dung' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.setOffline(false);

    // A supervisor writes the commune's own text (Lộc An: no other test reads its about page).
    const supervisorContext = await newDevice(browser, baseUrl);
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, 'supervisor2');
    await waitForBootstrap(supervisor);
    await supervisor.getByRole('button', { name: 'Để sau' }).click();
    await navTo(supervisor, 'Giới thiệu thí điểm');
    await supervisor.getByRole('button', { name: 'Sửa nội dung' }).click();
    expect(await seriousViolations(supervisor)).toEqual([]);
    await supervisor.getByLabel('Phí', { exact: true }).fill('');
    await supervisor.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect.poll(() => supervisor.getByRole('alert').allTextContents()).toContain('Phần “Phí” chưa có nội dung.');
    await supervisor.getByLabel('Phí', { exact: true }).fill('Lộc An: mở tài khoản Agribank không mất phí.');
    await supervisor.getByLabel('Hỏi ở đâu', { exact: true }).fill('Gọi chị Hạnh, cán bộ xã: 0234 3777 888.');
    await supervisor.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect
      .poll(() => supervisor.getByRole('status').allTextContents())
      .toContain('Đã lưu. Các máy của xã nhận nội dung mới khi đồng bộ.');
    await expect
      .poll(() => supervisor.getByTestId('about-source').textContent(), { timeout: 30_000 })
      .toBe('Nội dung của Xã Lộc An.');
    await supervisorContext.close();
    await context.close();

    // An officer of Lộc An: after the sync, offline, the commune's text.
    const officerContext = await newDevice(browser, baseUrl);
    const officer = await officerContext.newPage();
    await signIn(officer, 'officer2');
    await waitForBootstrap(officer);
    await expect.poll(() => pendingText(officer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    await officerContext.setOffline(true);
    await navTo(officer, 'Giới thiệu thí điểm');
    await expect.poll(() => officer.getByTestId('about-source').textContent()).toBe('Nội dung của Xã Lộc An.');
    const text = (await officer.getByTestId('about-text').textContent()) ?? '';
    expect(text).toContain('Lộc An: mở tài khoản Agribank không mất phí.');
    expect(text).toContain('Gọi chị Hạnh, cán bộ xã: 0234 3777 888.');
    await officerContext.close();
  });
});
