// Enrolment and person updates of issue 5 in Chromium, offline: a new person typed (with field
// errors), kept through a reload, saved, found by search, given a phone and an authorised
// person, then synced: the server holds them exactly once, with every change.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin, pullScope } from './api';
import { pendingText, readKv, waitForBootstrap } from './app-page';
import { launchBrowser, newDevice, reloadUnlocked, signIn, waitForServiceWorker } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe('enrolment of a new beneficiary', () => {
  test('offline: typed, kept through a reload, saved, found, updated, then synced once', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, 'officer');
    await waitForBootstrap(page);
    await waitForServiceWorker(page);
    await context.setOffline(true);

    // A synthetic number (serial from the clock): 046 Huế, 1 = woman born 1900–1999, 50 = 1950.
    const serial = String(Date.now()).slice(-6);
    const idNumber = `046150${serial}`;
    const fullName = 'Phùng Thị Mận';

    await page.getByRole('link', { name: 'Thêm đối tượng mới' }).click();
    await page.getByRole('button', { name: 'Lưu đối tượng mới' }).click();
    await expect.poll(() => page.getByText('Nhập họ và tên.').count()).toBe(1);
    expect(await field(page, 'Họ và tên').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Chọn nhóm đối tượng.').count()).toBe(1);

    await field(page, 'Họ và tên').fill(fullName);
    await field(page, 'Ngày sinh').fill('12/03/1950');
    await field(page, 'Giới tính').selectOption('female');
    await field(page, 'Nhóm đối tượng').selectOption('k5c');
    await field(page, 'Thôn/tổ').fill('Tổ 7');
    await field(page, 'Địa chỉ').fill('Tổ 7, phường Phú Bài, thành phố Huế');
    // A man's number for a woman: refused next to the field.
    await field(page, 'Số định danh (CCCD)').fill(`046050${serial}`);
    await page.getByRole('button', { name: 'Lưu đối tượng mới' }).click();
    await expect.poll(() => page.getByText('Chữ số thứ 4 của số định danh không khớp với giới tính.').count()).toBe(1);
    expect(await pendingText(page)).toBe('0 thao tác chờ gửi');
    await field(page, 'Số định danh (CCCD)').fill(idNumber);

    // Reload mid-form (offline: the service worker serves the app): the draft is kept.
    await expect
      .poll(async () => (await readKv<{ idNumber?: string }>(page, 'draft:enrolment'))?.idNumber)
      .toBe(idNumber);
    await reloadUnlocked(page);
    await expect.poll(() => field(page, 'Họ và tên').inputValue()).toBe(fullName);
    expect(await field(page, 'Số định danh (CCCD)').inputValue()).toBe(idNumber);
    expect(await field(page, 'Nhóm đối tượng').inputValue()).toBe('k5c');
    expect(await field(page, 'Ngày sinh').inputValue()).toBe('12/03/1950');

    await page.getByRole('button', { name: 'Lưu đối tượng mới' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/nguoi\/[^/]+$/u);
    const id = decodeURIComponent(new URL(page.url()).pathname.slice('/nguoi/'.length));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(fullName);
    await expect
      .poll(() => page.getByTestId('person-pending').textContent())
      .toBe('Có 1 thay đổi chưa gửi lên máy chủ');
    expect(await page.getByText('Đã lưu trên máy; đang chờ gửi lên máy chủ khi có mạng.').count()).toBe(1);
    await expect.poll(() => pendingText(page)).toBe('1 thao tác chờ gửi');

    // Found by the roster search at once, from the local write.
    await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Danh sách', exact: true }).click();
    await page.getByLabel('Tìm theo tên, số CCCD hoặc số điện thoại').fill('phung thi man');
    const row = page.locator(`a.roster-row[href="/nguoi/${encodeURIComponent(id)}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.click();

    await field(page, 'Điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Lưu giấy tờ và liên lạc' }).click();
    await expect.poll(() => pendingText(page)).toBe('2 thao tác chờ gửi');

    await field(page, 'Người được ủy quyền').check();
    await field(page, 'Họ tên người nhận thay').fill('Lê Văn Tư');
    await field(page, 'Quan hệ với đối tượng').fill('con trai');
    await field(page, 'Số CCCD/CMND người nhận thay').fill('046080999123');
    await field(page, 'Điện thoại người nhận thay').fill('0398000111');
    await field(page, 'Giấy ủy quyền / trích lục giám hộ').fill('GUQ số 12, ngày 05/11/2026');
    await field(page, 'Giấy có hiệu lực đến ngày').fill('2027-12-31');
    await page.getByRole('button', { name: 'Lưu người nhận thay' }).click();
    await expect.poll(() => pendingText(page)).toBe('3 thao tác chờ gửi');
    await expect
      .poll(() => page.getByTestId('person-pending').textContent())
      .toBe('Có 3 thay đổi chưa gửi lên máy chủ');
    expect(await page.getByTestId('person-documents').textContent()).toBe(
      'Giấy ủy quyền: GUQ số 12, ngày 05/11/2026, hiệu lực đến 31/12/2027',
    );

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(page), { timeout: 30_000 }).toBe('0 thao tác chờ gửi');

    const officer = await apiLogin(baseUrl, 'officer');
    const enrolled = [...(await pullScope(officer)).values()].filter(
      (c) => c.entity === 'beneficiary' && (c.data as { idNumber?: string } | null)?.idNumber === idNumber,
    );
    expect(enrolled.map((c) => c.id)).toEqual([id]);
    expect(enrolled[0]?.data).toMatchObject({
      communeCode: '19960',
      fullName,
      birthDate: '1950-03-12',
      gender: 'female',
      category: 'k5c',
      status: 'active',
      village: 'Tổ 7',
      phone: '0912345678',
      representative: {
        kind: 'authorized',
        fullName: 'Lê Văn Tư',
        relationship: 'con trai',
        idNumber: '046080999123',
        phone: '0398000111',
        paperRef: 'GUQ số 12, ngày 05/11/2026',
        validUntil: '2027-12-31',
      },
    });
    await context.close();
  });
});
