// Device trust in Chromium (issue 13): a supervisor sees a payment's evidence — the payer pays a line
// at home with a signature and syncs; the supervisor opens the line and sees the signature the payer
// drew, read from the server (every look is logged there), which the payer is not offered — and
// signing out, once everything is sent, leaves nothing of anyone on the tablet.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openLineId, payLine, pendingText, readStore, waitForBootstrap } from './app-page';
import { launchBrowser, newDevice, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function signedIn(username: string): Promise<Page> {
  const page = await (await newDevice(browser, baseUrl)).newPage();
  await signIn(page, username);
  await waitForBootstrap(page);
  return page;
}

describe('payment evidence', () => {
  test('the supervisor sees the signature the payer drew; the payer is not offered it', async () => {
    const payer = await signedIn('payer');
    const lineId = await openLineId(payer);
    await payLine(payer, lineId, { receiver: 'self', sign: true });
    await expect.poll(() => pendingText(payer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    await payer.goto(`/chi-tra/${encodeURIComponent(lineId)}`);
    await expect.poll(() => payer.getByTestId('pay-amount').count()).toBe(1);
    expect(await payer.getByTestId('evidence').count()).toBe(0);

    const supervisor = await signedIn('supervisor');
    await supervisor.goto(`/chi-tra/${encodeURIComponent(lineId)}`);
    const evidence = supervisor.getByTestId('evidence');
    await expect.poll(() => evidence.count(), { timeout: 30_000 }).toBe(1);
    await evidence.getByRole('button', { name: 'Xem chữ ký, ảnh và kiểm tra thẻ' }).click();
    const image = evidence.getByRole('img', { name: 'Chữ ký người nhận' });
    await expect.poll(() => image.count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    expect(await evidence.textContent()).toContain('Khoản chi được tính');
  });

  test('signing out once everything is sent erases the tablet and says so', async () => {
    const payer = await signedIn('payer');
    expect((await readStore(payer, 'beneficiaries')).length).toBeGreaterThan(0);
    await payer.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await payer.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect
      .poll(() => payer.getByText('Đã đăng xuất. Mọi thao tác đã được gửi và dữ liệu trên máy đã được xóa.').count())
      .toBe(1);
    for (const store of ['beneficiaries', 'paymentLines', 'outbox', 'idChecks', 'blobs'])
      expect(await readStore(payer, store)).toEqual([]);
    const kv = await readStore<{ key: string }>(payer, 'kv');
    expect(kv.map((r) => r.key)).toEqual(['wipedReason']);
  });
});
