// A monitoring user from creation to the printed report in Chromium (issue 14): an admin creates
// a monitoring user of Phú Bài on "Người dùng"; at first sign-in the user sets a password and lands
// on the reports (no roster or payment screen offered), reads the funnel, opens the printed
// monthly report (with the fee the admin entered on the reports screen), types notes, and
// prints: on paper there is no navigation and the notes are text.
// No serious or critical axe violation on the reports or the printed report.
import { seriousViolations } from './axe';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiGet, apiLogin } from './api';
import { signedInPage } from './app-page';
import { launchBrowser, newDevice, reloadUnlocked, setPin, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const count = (text: string | null) => Number((text ?? '').replaceAll('.', ''));

describe('monitoring user and the printed monthly report', () => {
  test('created by an admin → first sign-in → reports → funnel → printed report', async () => {
    const admin = await signedInPage(browser, baseUrl, 'admin');
    await admin.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Người dùng' }).click();
    await expect.poll(() => admin.getByTestId('users').count(), { timeout: 30_000 }).toBe(1);
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    await admin.getByLabel('Tên đăng nhập').fill('e2e-bao-cao');
    await admin.getByLabel('Họ và tên').fill('Theo Dõi Báo Cáo');
    await admin.getByLabel('Vai trò').selectOption({ label: 'Theo dõi (chỉ xem báo cáo)' });
    await admin.getByRole('checkbox', { name: 'Phường Phú Bài (19960)' }).check();
    await admin.getByRole('button', { name: 'Tạo người dùng' }).click();
    const shown = admin.getByTestId('temporary-password');
    await expect.poll(() => shown.count()).toBe(1);
    const temporary = (await shown.textContent()) ?? '';
    await admin.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();

    // The admin enters this month's fee for the cash point on the reports screen.
    await admin.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    const fee = admin.getByLabel('Tiền mặt tại điểm chi trả: phí cả tháng (đồng)');
    await expect.poll(() => fee.count(), { timeout: 30_000 }).toBe(1);
    await fee.fill('1.234.000');
    await admin.getByRole('button', { name: 'Lưu phí' }).click();
    await expect.poll(() => admin.locator('.fee-form [role="status"]').textContent()).toMatch(/^Đã lưu phí tháng /u);
    // The table shows the server's cost of one cash-point payment this month (the whole pilot's).
    const period = await admin.getByLabel('Tháng', { exact: true }).inputValue();
    expect(period).toMatch(/^\d{4}-\d{2}$/u);
    const api = await apiLogin(baseUrl, 'admin');
    const { rows } = await apiGet<{
      rows: { period: string; method: string; fee: number | null; costPerPayment: number | null }[];
    }>(api, `/api/reports/cost?period=${period}`);
    const cashPoint = rows.find((r) => r.period === period && r.method === 'cash-point');
    expect(cashPoint?.fee).toBe(1_234_000);
    const shownCost = cashPoint?.costPerPayment == null ? '—' : cashPoint.costPerPayment.toLocaleString('vi-VN');
    await expect
      .poll(() => admin.locator('table#report-cost tbody tr').last().locator('td').nth(2).textContent())
      .toBe(shownCost);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.context().close();

    const page = await (await newDevice(browser, baseUrl)).newPage();
    await signIn(page, 'e2e-bao-cao', temporary);
    await page.getByLabel('Mật khẩu hiện tại (mật khẩu tạm)').fill(temporary);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-bao-cao-e2e');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-bao-cao-e2e');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    // Then the PIN step, with the new password kept in memory for it.
    await setPin(page);

    // Lands on the reports, not on an empty roster; the navigation offers only what it can use.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/bao-cao');
    await expect.poll(() => page.getByRole('heading', { name: 'Chi phí chi trả theo hình thức' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Lưu phí' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Chính' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Báo cáo', 'Cài đặt']);

    // The funnel of the month, in Phú Bài.
    await page.getByLabel('Phạm vi').selectOption({ label: 'Xã/phường: Phường Phú Bài' });
    const funnel = page.locator('table#report-funnel tbody tr');
    await expect.poll(() => funnel.count(), { timeout: 30_000 }).toBe(7);
    const people = count(await funnel.first().locator('td').first().textContent());
    expect(people).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The printed report of the same month and scope.
    await page.getByRole('link', { name: 'Bản in báo cáo tháng' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/bao-cao/in');
    const title = page.getByRole('heading', { level: 1 });
    await expect
      .poll(() => title.textContent(), { timeout: 30_000 })
      .toMatch(/^Báo cáo thí điểm chi trả không dùng tiền mặt — Phường Phú Bài, tháng \d{2}\/\d{4}$/u);
    const figures = page.locator('table#monthly-figures tbody tr');
    expect(await figures.count()).toBe(5);
    expect(await figures.first().locator('th').textContent()).toBe('Số người đang hưởng');
    // The same active people as on the reports screen's funnel.
    expect(count(await figures.first().locator('td').textContent())).toBe(people);
    expect(await page.locator('table#report-funnel tbody tr').count()).toBe(7);
    expect(await page.locator('table#monthly-comparison tbody tr').count()).toBe(3);
    expect(await page.getByRole('heading', { name: 'Chi phí chi trả theo hình thức' }).count()).toBe(1);
    // The fee the admin entered reaches the printed report; a monitoring user is offered no fee form.
    expect(await page.locator('table#monthly-cost tbody tr').count()).toBeGreaterThan(0);

    const notes = page.getByRole('textbox', { name: 'Ghi chú của người lập báo cáo' });
    await notes.fill('Phú Bài: hai người chưa nhận thẻ ngân hàng.');
    expect(await seriousViolations(page)).toEqual([]);

    await page.evaluate(() => {
      window.print = () => {
        document.documentElement.dataset['printed'] = 'yes';
      };
    });
    await page.getByRole('button', { name: 'In báo cáo' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset['printed'])).toBe('yes');

    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await notes.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In báo cáo' }).isVisible()).toBe(false);
    const printed = page.getByTestId('printed-notes');
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.textContent()).toBe('Phú Bài: hai người chưa nhận thẻ ngân hàng.');
    // Every page of the printed report is A4 portrait (595 × 842 pt), though the payment list prints landscape.
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/gu)].map((b) => [
      Math.round(Number(b[1])),
      Math.round(Number(b[2])),
    ]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(new Set(boxes.map((b) => b.join('×')))).toEqual(new Set(['595×842']));
    await page.emulateMedia({ media: 'screen' });

    // The notes are a draft on this device: a reload keeps them.
    await reloadUnlocked(page);
    await expect
      .poll(() => notes.inputValue(), { timeout: 30_000 })
      .toBe('Phú Bài: hai người chưa nhận thẻ ngân hàng.');
    await page.context().close();
  });
});
