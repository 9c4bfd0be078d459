// Users on screen in Chromium (issue 14): an admin opens "Người dùng", creates a monitoring user of
// one commune and copies the temporary password; that user's first sign-in shows only "Đặt mật
// khẩu mới", then the app; the admin disables the user and the session ends at once. No serious or
// critical axe violation on the screen.
import { seriousViolations } from './axe';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin } from './api';
import { signedInPage } from './app-page';
import { launchBrowser, newDevice, setPin, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('users screen', () => {
  test('create → first sign-in sets a password → the app opens; disabling ends the session', async () => {
    const admin = await signedInPage(browser, baseUrl, 'admin');
    await admin.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Người dùng' }).click();
    await expect.poll(() => admin.getByTestId('users').count(), { timeout: 30_000 }).toBe(1);
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    await admin.getByLabel('Tên đăng nhập').fill('e2e-theo-doi');
    await admin.getByLabel('Họ và tên').fill('Theo Dõi Phú Bài');
    await admin.getByLabel('Vai trò').selectOption({ label: 'Theo dõi (chỉ xem báo cáo)' });
    await admin.getByRole('checkbox', { name: 'Phường Phú Bài (19960)' }).check();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Tạo người dùng' }).click();
    const shown = admin.getByTestId('temporary-password');
    await expect.poll(() => shown.count()).toBe(1);
    const temporary = (await shown.textContent()) ?? '';
    expect(temporary).toMatch(/^[A-Za-z2-9]{14}$/u);
    const row = admin.locator('tr[data-user="e2e-theo-doi"]');
    await expect.poll(() => row.textContent()).toContain('Chờ đặt mật khẩu mới');
    await admin.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();

    const user = await (await newDevice(browser, baseUrl)).newPage();
    await signIn(user, 'e2e-theo-doi', temporary);
    await expect.poll(() => user.getByRole('heading', { name: 'Đặt mật khẩu mới' }).count()).toBe(1);
    expect(await user.getByRole('navigation', { name: 'Chính' }).count()).toBe(0);
    await user.getByLabel('Mật khẩu hiện tại (mật khẩu tạm)').fill(temporary);
    await user.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-e2e');
    await user.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-e2e');
    await user.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    // Then the PIN step, with the new password kept in memory for it.
    await setPin(user);
    const nav = user.getByRole('navigation', { name: 'Chính' });
    await expect.poll(() => nav.count(), { timeout: 30_000 }).toBe(1);
    // Read-only: no screen of anyone who manages something.
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    const api = await apiLogin(baseUrl, 'e2e-theo-doi', 'mat-khau-rieng-e2e');

    await row.getByRole('button', { name: 'Khóa' }).click();
    await row.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => row.textContent()).toContain('Đã khóa');
    const me = await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(me.status).toBe(401);
    await user.context().close();
    await admin.context().close();
  });
});
