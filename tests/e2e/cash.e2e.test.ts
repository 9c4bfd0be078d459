// A payer's cash for the day (issue 16, "Cash custody ledger"), in Chromium against the real
// server: the second demo payer (whose cash no other test touches) receives cash with the
// treasurer's signature, goes offline, pays one person and then another through an authorised
// person (the pay screen warns first that the cash in hand is short, and takes more cash), records
// an absence, counts the cash at the end of the day with a difference and its reason, prints the
// day's statement, and syncs. A supervisor sees the payer's balance as its equation and
// acknowledges the difference; the payer's tablet then shows who acknowledged it. Another
// tablet, offline, verifies one of the day's receipts by scanning its QR with the fake camera.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { payingMonth } from '../../src/domain/calendar';
import { vietnamMonth } from '../../src/lib/clock';
import { apiLogin, pullScope, type PulledChange } from './api';
import { drawSignature, pendingText, readKv, signedInPage, skipCardCheck, waitForBootstrap } from './app-page';
import { seriousViolations } from './axe';
import { launchBrowser, newDevice, signIn, waitForServiceWorker, launchCameraBrowser } from './browser';
import { writeQrVideo } from './fake-camera';

const baseUrl = inject('baseUrl');
const PAYER = 'Ngô Thị Lan';
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'chitra-cash-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  rmSync(workDir, { recursive: true, force: true });
});

const navTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true }).click();
const digits = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[^\d-]/gu, ''));
const balance = (page: Page) => digits(page, 'cash-balance');
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)}\u00a0₫`;

/**
 * Three due cash-point lines of the month the app shows, from the middle of the list: the tests
 * that pay take the first open lines, the round's the last villages, the receipts' a home-delivery
 * one, all meanwhile.
 */
async function cashPointLines(): Promise<[string, string, string]> {
  const scope = await pullScope(await apiLogin(baseUrl, 'payer2'));
  const data = (c: PulledChange) => (c.data ?? {}) as Record<string, unknown>;
  const all = [...scope.values()].filter((c) => c.entity === 'payment-line');
  const month = payingMonth([...new Set(all.map((c) => String(data(c)['periodId'])))], vietnamMonth(Date.now()));
  const ids = all
    .filter((c) => data(c)['periodId'] === month && data(c)['status'] === 'due' && data(c)['method'] === 'cash-point')
    .map((c) => c.id)
    .sort();
  const middle = Math.floor(ids.length / 3);
  const [a, b, c] = ids.slice(middle, middle + 3);
  if (!a || !b || !c) throw new Error('the demo needs three due cash-point lines');
  return [a, b, c];
}

/** Opens a line's pay page from the payment list and reads its amount. */
async function openPayPage(page: Page, lineId: string): Promise<number> {
  await navTo(page, 'Chi trả');
  await page.locator(`a.pay-item[href="/chi-tra/${encodeURIComponent(lineId)}"]`).click();
  await expect.poll(() => page.getByTestId('pay-amount').count()).toBe(1);
  return digits(page, 'pay-amount');
}

async function receiveCash(page: Page, amount: number, from: string): Promise<void> {
  await navTo(page, 'Tiền mặt');
  await page.getByRole('button', { name: 'Nhận tiền', exact: true }).click();
  await page.getByLabel('Số tiền (đồng)').fill(new Intl.NumberFormat('vi-VN').format(amount));
  await page.getByLabel('Người giao tiền (họ tên)').fill(from);
  await drawSignature(page);
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Đã ghi vào sổ quỹ.');
}

describe('a payer’s cash for the day', () => {
  test('receive, pay offline with a warning, an absence, the count with a difference, sync, acknowledge', async () => {
    const payer = await signedInPage(browser, baseUrl, 'payer2');
    const [a, b, c] = await cashPointLines();
    const amountA = await openPayPage(payer, a);
    const amountB = await openPayPage(payer, b);

    // Morning: cash for the first person and a little more, signed by the treasurer.
    await receiveCash(payer, amountA + 100_000, 'Nguyễn Văn Quỹ');
    await expect.poll(() => balance(payer)).toBe(amountA + 100_000);
    expect(await seriousViolations(payer)).toEqual([]);

    // In the villages, offline.
    await payer.context().setOffline(true);
    await openPayPage(payer, a);
    await skipCardCheck(payer);
    await payer.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    await expect.poll(() => payer.getByTestId('receipt-code').count()).toBe(1);

    // The second person is paid through an authorised person; the cash in hand is short: the
    // screen warns before anything is recorded, and a second tap confirms.
    await openPayPage(payer, b);
    await payer.getByRole('radio', { name: 'Người được ủy quyền' }).check();
    await payer.getByLabel('Họ tên người nhận', { exact: true }).fill('Lê Văn Tư');
    await payer.getByLabel('Số CCCD người nhận', { exact: true }).fill('046080999123');
    await skipCardCheck(payer);
    await payer.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    await expect
      .poll(() => payer.getByTestId('pay-overdraw').textContent())
      .toBe(
        `Tiền đang giữ (${vnd(100_000)}) không đủ để chi ${vnd(amountB)}. Kiểm tra lại tiền mặt; bấm xác nhận lần nữa nếu vẫn chi.`,
      );
    expect(await payer.getByTestId('receipt-code').count()).toBe(0);
    await payer.getByRole('button', { name: 'Vẫn xác nhận chi trả' }).click();
    await expect.poll(() => payer.getByTestId('receipt-code').count()).toBe(1);
    // This receipt is checked later on another tablet, by its QR.
    await expect.poll(() => payer.getByTestId('receipt-qr-text').count()).toBe(1);
    const receiptQr = (await payer.getByTestId('receipt-qr-text').textContent()) ?? '';
    const receiptCode = (await payer.getByTestId('receipt-short-code').textContent()) ?? '';

    // Nobody home at the third door.
    await openPayPage(payer, c);
    await payer.getByRole('button', { name: 'Ghi nhận chưa chi trả' }).click();
    await expect.poll(() => payer.getByRole('status').count()).toBeGreaterThan(0);

    // Back at the commune hall: the ledger is below zero until the payer takes the rest.
    await navTo(payer, 'Tiền mặt');
    await expect.poll(() => balance(payer)).toBe(100_000 - amountB);
    expect(await payer.getByTestId('cash-receipts').textContent()).toBe(
      `Đã chi = tổng 2 biên nhận: ${vnd(amountA + amountB)}`,
    );
    await receiveCash(payer, amountB, 'Nguyễn Văn Quỹ');
    await expect.poll(() => balance(payer)).toBe(100_000);

    // End of the day: 50,000 đồng counted, 50,000 short; the reason is required.
    const started = Date.now();
    let taps = 0;
    const tap = async (action: Promise<void>) => {
      taps++;
      await action;
    };
    await tap(payer.getByRole('button', { name: 'Chốt cuối ngày' }).click());
    await tap(payer.locator('#count-50000').fill('1'));
    await expect.poll(() => payer.getByTestId('cash-difference').textContent()).toBe(vnd(-50_000));
    await tap(payer.getByRole('button', { name: 'Ghi vào sổ' }).click());
    await expect
      .poll(() => payer.getByRole('alert').allTextContents())
      .toContain('Tiền đếm được khác số dư trên sổ: hãy ghi lý do chênh lệch.');
    await tap(payer.getByLabel('Lý do chênh lệch').fill('Trả thừa cho bà Tư 50.000 đồng, sẽ thu lại'));
    await tap(payer.getByRole('button', { name: 'Ghi vào sổ' }).click());
    const close = payer.getByTestId('cash-close');
    await expect.poll(() => close.textContent()).toContain('Chênh lệch');
    const seconds = (Date.now() - started) / 1000;
    console.log(`end-of-day close with a difference: ${taps} taps, ${seconds.toFixed(1)} s`);
    expect(await close.textContent()).toContain('Chờ giám sát xác nhận');
    expect(await seriousViolations(payer)).toEqual([]);

    // The day's statement, offline.
    await payer.getByRole('link', { name: 'In bảng kê trong ngày' }).click();
    await expect.poll(() => payer.getByTestId('statement-payment').count()).toBe(2);
    expect(await digits(payer, 'statement-paid')).toBe(amountA + amountB);
    expect(await digits(payer, 'statement-closing')).toBe(100_000);
    expect(await payer.getByTestId('statement-unpaid').textContent()).toContain('Vắng nhà');
    expect(await payer.getByTestId('statement-count').textContent()).toContain(
      `Chênh lệch ${vnd(-50_000)} (Trả thừa cho bà Tư 50.000 đồng, sẽ thu lại)`,
    );
    expect(await seriousViolations(payer)).toEqual([]);

    // Signal again: everything goes up.
    await payer.context().setOffline(false);
    await payer.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(payer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    // The supervisor sees the payer's balance and acknowledges the difference.
    const supervisor = await signedInPage(browser, baseUrl, 'supervisor');
    await navTo(supervisor, 'Quỹ người chi trả');
    const card = supervisor.locator('article', {
      has: supervisor.getByRole('heading', { name: new RegExp(`^${PAYER}`, 'u') }),
    });
    await expect.poll(() => card.getByTestId('cash-balance').textContent(), { timeout: 30_000 }).toBe(vnd(100_000));
    expect(await card.getByTestId('cash-receipts').textContent()).toBe(
      `Đã chi = tổng 2 biên nhận: ${vnd(amountA + amountB)}`,
    );
    expect(await seriousViolations(supervisor)).toEqual([]);
    await card.getByRole('button', { name: /^Xác nhận chênh lệch/u }).click();
    await expect.poll(() => card.getByTestId('cash-close').textContent()).toContain('Đã xác nhận: Trần Quốc Bảo');
    await supervisor.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(supervisor), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    // The payer's tablet learns it with the ledger's next download.
    await navTo(payer, 'Tiền mặt');
    await payer.getByRole('button', { name: 'Tải lại' }).click();
    await expect
      .poll(() => payer.getByTestId('cash-close').textContent(), { timeout: 30_000 })
      .toContain('Đã xác nhận: Trần Quốc Bảo');

    const payerDevice = (await readKv<string>(payer, 'deviceId')) ?? '';
    await payer.context().close();
    await supervisor.context().close();

    // An officer's tablet, offline, scans that receipt: this payer's device issued it to the
    // authorised person, for that amount, today.
    const video = join(workDir, 'cash-receipt.y4m');
    writeQrVideo(video, receiptQr);
    const camera = await launchCameraBrowser(video);
    try {
      const context = await newDevice(camera, baseUrl);
      await context.grantPermissions(['camera'], { origin: baseUrl });
      const officer = await context.newPage();
      await signIn(officer, 'officer');
      await waitForBootstrap(officer);
      await waitForServiceWorker(officer);
      // The commune's devices' keys come after the pull: the payer's among them.
      await expect
        .poll(async () => ((await readKv<{ deviceId: string }[]>(officer, 'receiptKeys')) ?? []).map((k) => k.deviceId))
        .toContain(payerDevice);
      await context.setOffline(true);
      const started = Date.now();
      let taps = 0;
      await navTo(officer, 'Kiểm tra biên nhận');
      taps++;
      await officer.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
      taps++;
      const verdict = officer.getByTestId('receipt-verdict');
      await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toContain('Biên nhận hợp lệ');
      console.log(
        `verify a receipt of the cash day: ${String(taps)} taps, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(await officer.getByTestId('verdict-device').textContent()).toContain(PAYER);
      expect(await digits(officer, 'verdict-amount')).toBe(amountB);
      expect(await officer.getByTestId('verdict-code').textContent()).toBe(receiptCode);
      await context.close();
    } finally {
      await camera.close();
    }
  });
});
