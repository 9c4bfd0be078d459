// The offline lease screen in Chromium (issue 13): an admin opens "Thời hạn ngoại tuyến" from the
// navigation, sets a commune's days with the keyboard, sees who set it, and the commune's tablets
// get the new lease on their next pull. Opened by its address (a reload), the screen waits for the
// stored session instead of sending the admin to the roster; a supervisor is offered no such
// screen. No serious or critical axe violation on it, on a tablet and on a phone.
import { seriousViolations } from './axe';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiGet, apiLogin } from './api';
import { signedInPage, waitForBootstrap } from './app-page';
import { gotoUnlocked, launchBrowser, newDevice, PHONE, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('offline lease screen', () => {
  test('an admin sets a commune’s lease from the keyboard; its tablets get it on their next pull', async () => {
    const admin = await signedInPage(browser, baseUrl, 'admin');
    await admin.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Thời hạn ngoại tuyến' }).click();
    const field = admin.getByLabel('Số ngày làm việc ngoại tuyến của Phường Phú Bài', { exact: true });
    await expect.poll(() => field.inputValue(), { timeout: 30_000 }).toBe('7');
    expect(await seriousViolations(admin)).toEqual([]);

    await field.fill('3');
    await field.press('Enter');
    await expect
      .poll(() => admin.getByText('Đã lưu: Phường Phú Bài được làm việc ngoại tuyến 3 ngày.').count())
      .toBe(1);
    const row = admin.locator('tr[data-commune="19960"]');
    await expect.poll(() => row.textContent()).toContain('Quản trị hệ thống');
    const payer = await apiLogin(baseUrl, 'payer');
    expect((await apiGet<{ leaseDays: number }>(payer, '/api/sync/pull?limit=1')).leaseDays).toBe(3);

    // A lease out of range is said on its row, and nothing is sent.
    await field.fill('120');
    await admin.getByRole('button', { name: 'Lưu thời hạn của Phường Phú Bài' }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toBe('Số ngày phải là số nguyên từ 1 đến 90.');
    expect(await seriousViolations(admin)).toEqual([]);

    // Back to the default, for the other end-to-end files on this server.
    await field.fill('7');
    await field.press('Enter');
    await expect
      .poll(() => admin.getByText('Đã lưu: Phường Phú Bài được làm việc ngoại tuyến 7 ngày.').count())
      .toBe(1);
    expect((await apiGet<{ leaseDays: number }>(payer, '/api/sync/pull?limit=1')).leaseDays).toBe(7);
    await admin.context().close();
  });

  test('opened by its address it waits for the session; on a phone no serious axe violation', async () => {
    const context = await newDevice(browser, baseUrl, PHONE);
    const admin = await context.newPage();
    await signIn(admin, 'admin');
    await waitForBootstrap(admin);
    // A full load: the stored session is read again, and the guard must wait for it.
    await gotoUnlocked(admin, '/thoi-han-ngoai-tuyen');
    await expect.poll(() => admin.getByTestId('leases').count(), { timeout: 30_000 }).toBe(1);
    expect(await seriousViolations(admin)).toEqual([]);
    await context.close();

    const supervisor = await signedInPage(browser, baseUrl, 'supervisor');
    expect(await supervisor.getByRole('link', { name: 'Thời hạn ngoại tuyến' }).count()).toBe(0);
    await gotoUnlocked(supervisor, '/thoi-han-ngoai-tuyen');
    await expect.poll(() => new URL(supervisor.url()).pathname).toBe('/');
    await supervisor.context().close();
  });
});
