// Payment points and days (issue 16, "Payment points and days"), in Chromium against the real
// server: an officer of Lộc An (a commune whose printed list no other test reads) adds a point,
// is told what is missing, gives the place, two days, the hours and a village, and saves; the
// schedule prints for the notice board, and after the sync the person's page of someone in that
// village says where and when they are paid, offline too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin, pullScope } from './api';
import { pendingText, signedInPage } from './app-page';
import { seriousViolations } from './axe';
import { gotoUnlocked, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const LOC_AN = '20140';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const navTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true }).click();

describe('payment points and days', () => {
  test('an officer sets a point for a village; the board prints it and the person’s page shows it', async () => {
    const officer = await signedInPage(browser, baseUrl, 'officer2');
    await navTo(officer, 'Điểm chi trả');
    const heading = officer.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/^Điểm và ngày chi trả – tháng \d\d\/\d{4}$/u);
    const [mm, yyyy] = ((await heading.textContent()) ?? '').slice(-7).split('/');
    const month = `${yyyy ?? ''}-${mm ?? ''}`;

    await officer.getByRole('button', { name: 'Thêm điểm chi trả' }).click();
    await officer.getByRole('button', { name: 'Lưu lịch chi trả' }).click();
    const problems = officer.getByTestId('points-problems');
    await expect
      .poll(() => problems.locator('li').allTextContents())
      .toEqual(['Điểm 1: chưa ghi nơi chi trả.', 'Điểm 1: chưa có ngày chi trả.', 'Điểm 1: chưa chọn thôn nào.']);

    await officer.getByLabel('Nơi chi trả').fill('Nhà văn hóa thôn');
    await officer.getByLabel('Địa chỉ').fill('Xã Lộc An');
    for (const day of ['06', '05']) {
      await officer.getByLabel('Ngày chi trả').fill(`${month}-${day}`);
      await officer.getByRole('button', { name: 'Thêm ngày' }).click();
    }
    const village = officer.locator('fieldset.point fieldset').first().locator('label').first();
    const villageName = ((await village.textContent()) ?? '').trim();
    await village.getByRole('checkbox').check();
    expect(await seriousViolations(officer)).toEqual([]);
    await officer.getByRole('button', { name: 'Lưu lịch chi trả' }).click();
    await expect
      .poll(() => officer.getByRole('status').allTextContents())
      .toContain('Đã lưu lịch chi trả. Các máy của xã nhận lịch khi đồng bộ.');
    expect(await problems.count()).toBe(0);

    // The board's schedule, from the commune as this device pulled it.
    await expect.poll(() => pendingText(officer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    await officer.getByRole('link', { name: 'In lịch chi trả để dán bảng tin' }).click();
    const board = officer.getByTestId('points-board');
    await expect
      .poll(() => board.locator('tbody tr').first().locator('td').allTextContents(), { timeout: 30_000 })
      .toEqual([`Nhà văn hóa thônXã Lộc An`, `05/${mm ?? ''} và 06/${mm ?? ''}`, '07:30–11:00', villageName, '']);
    expect(await seriousViolations(officer)).toEqual([]);

    // Someone of that village: their page says where and when, offline too.
    const scope = await pullScope(await apiLogin(baseUrl, 'officer2'));
    const person = [...scope.values()].find(
      (c) =>
        c.entity === 'beneficiary' &&
        (c.data as { village?: string; communeCode?: string } | null)?.village === villageName &&
        (c.data as { communeCode?: string }).communeCode === LOC_AN,
    );
    if (!person) throw new Error(`no one in ${villageName}`);
    await gotoUnlocked(officer, `/nguoi/${encodeURIComponent(person.id)}`);
    await officer.context().setOffline(true);
    await expect
      .poll(() => officer.getByTestId('person-point').textContent(), { timeout: 30_000 })
      .toBe(`Nhà văn hóa thôn (Xã Lộc An) · ngày 05/${mm ?? ''} và 06/${mm ?? ''} · 07:30–11:00`);
    await officer.context().close();
  });
});
