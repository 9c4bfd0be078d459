// Field workflows of issue 5 in Chromium: QR check with a fake camera, payment-method registration
// offline then synced, the printed payment list, and accessibility of the main screens.
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiLogin, pullScope } from './api';
import { drawSignature, openLineId, pendingText, readOutbox, waitForBootstrap } from './app-page';
import {
  gotoUnlocked,
  launchBrowser,
  newDevice,
  PHONE,
  reloadUnlocked,
  signIn,
  waitForServiceWorker,
  launchCameraBrowser,
} from './browser';
import { cccdPayload, writeQrVideo } from './fake-camera';

const baseUrl = inject('baseUrl');
let browser: Browser;
let cameraBrowser: Browser;
let workDir: string;

type Person = {
  id: string;
  /** A due payment line of this person (the last such person, so other files' payments miss it). */
  lineId: string;
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female';
  idNumber: string;
  oldIdNumber: string | null;
  communeCode: string;
  status: string;
  paymentMethod: string | null;
};

/** A Phú Bài person with a full birth date, an ID number and a due line, as the server holds them. */
async function somePerson(): Promise<Person> {
  const officer = await apiLogin(baseUrl, 'officer');
  const scope = [...(await pullScope(officer)).values()];
  const dueLine = new Map<string, string>();
  for (const c of scope) {
    const d = c.data as { beneficiaryId: string; status: string };
    if (c.entity === 'payment-line' && d.status === 'due') dueLine.set(d.beneficiaryId, c.id);
  }
  const candidates = scope.flatMap((c) => {
    const d = c.data as Omit<Person, 'id' | 'lineId'>;
    const lineId = dueLine.get(c.id);
    return c.entity === 'beneficiary' && lineId && d.idNumber && d.birthDate.length === 10 && d.status === 'active'
      ? [{ ...d, id: c.id, lineId }]
      : [];
  });
  const chosen = candidates.at(-1);
  if (!chosen) throw new Error('no suitable person in the demo roster');
  return chosen;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'chitra-camera-'));
  browser = await launchBrowser();
  const person = await somePerson();
  const video = join(workDir, 'cccd.y4m');
  writeQrVideo(video, cccdPayload(person));
  cameraBrowser = await launchCameraBrowser(video);
  (globalThis as { person?: Person }).person = person;
});
afterAll(async () => {
  await browser.close();
  await cameraBrowser.close();
  rmSync(workDir, { recursive: true, force: true });
});

const person = () => (globalThis as { person?: Person }).person as Person;

async function signedIn(b: Browser, username: string): Promise<Page> {
  const context = await newDevice(b, baseUrl);
  await context.grantPermissions(['camera'], { origin: baseUrl });
  const page = await context.newPage();
  await signIn(page, username);
  await waitForBootstrap(page);
  return page;
}

describe('ID check by QR with a camera', () => {
  test('scanning a card from the search screen finds the person, and on their page compares and records', async () => {
    const page = await signedIn(cameraBrowser, 'officer');
    await page.getByRole('link', { name: 'Quét CCCD để tìm' }).click();
    await page.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
    await expect
      .poll(() => page.getByTestId('scanned-card').textContent(), { timeout: 30_000 })
      .toContain(person().fullName);
    await expect.poll(() => page.getByTestId('id-matches').textContent()).toContain(person().fullName);

    await page.getByTestId('id-matches').getByRole('link', { name: 'Đối chiếu' }).click();
    await page.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
    await expect
      .poll(() => page.getByTestId('id-comparison').getAttribute('data-overall'), { timeout: 30_000 })
      .toBe('match');
    const words = await page.getByTestId('id-comparison').locator('tbody td:last-child').allTextContents();
    expect(words).toEqual(['Khớp', 'Khớp', 'Khớp', 'Khớp']);
    await page.getByRole('button', { name: 'Ghi nhận kết quả kiểm tra' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Đã ghi nhận' }).count()).toBe(1);
    await page.context().close();
  });

  test('a code that is not a citizen ID card gets a clear message', async () => {
    const page = await signedIn(browser, 'officer');
    await gotoUnlocked(page, `/kiem-tra/${encodeURIComponent(person().id)}`);
    await page.getByLabel('Hoặc nhập/dán nội dung mã QR').fill('046060999005|Phan Văn Tâm|03041960|Nam|Tổ 1|01062021');
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('không đúng định dạng thẻ căn cước');
    await page.context().close();
  });
});

describe('home-delivery payment with a QR check of the card', () => {
  test('offline: scan, sign, confirm, receipt; the check travels with the one op and reaches the server once', async () => {
    const page = await signedIn(cameraBrowser, 'payer');
    await waitForServiceWorker(page);
    await page.context().setOffline(true);
    await expect.poll(() => page.getByTestId('sync-online').textContent()).toBe('Không có mạng');

    // Measured for the issue note: what the payer does from opening the line to the receipt.
    const started = Date.now();
    let taps = 0;
    await gotoUnlocked(page, `/chi-tra/${encodeURIComponent(person().lineId)}`);
    await page.getByRole('button', { name: 'Xác nhận đã chi trả' }).waitFor();
    expect(await page.getByRole('button', { name: 'Xác nhận đã chi trả' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('pay-blocked').textContent()).toContain('Cần kiểm tra thẻ của người nhận');
    await page.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
    taps++;
    await expect
      .poll(() => page.getByTestId('receiver-check-result').getAttribute('data-method'), { timeout: 30_000 })
      .toBe('qr');
    expect(await page.getByTestId('id-comparison').getAttribute('data-overall')).toBe('match');
    await drawSignature(page);
    taps++;
    await page.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    taps++;
    await expect.poll(() => page.getByTestId('receipt-code').count()).toBe(1);
    const seconds = (Date.now() - started) / 1000;
    console.log(`QR-checked home-delivery payment: ${taps} taps (signature counted as one), ${seconds.toFixed(1)} s`);

    const ops = await readOutbox(page);
    expect(ops.map((o) => o.type)).toEqual(['payment.record']);
    const payload = ops[0]?.envelope.payload as { idCheck?: Record<string, unknown> };
    expect(payload.idCheck).toMatchObject({ person: 'beneficiary', method: 'qr', overall: 'match' });
    expect(payload.idCheck?.['card']).toMatchObject({ idNumber: person().idNumber, fullName: person().fullName });

    await reloadUnlocked(page);
    await expect.poll(() => pendingText(page)).toBe('1 thao tác chờ gửi');
    await page.context().setOffline(false);
    await expect.poll(() => pendingText(page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    const sent = (await readOutbox(page))[0];
    expect(sent?.result?.status).toBe('applied');
    const payer = await apiLogin(baseUrl, 'payer');
    const scope = await pullScope(payer);
    expect((scope.get(`payment-line:${person().lineId}`)?.data as { status: string }).status).toBe('paid');
    expect(scope.get(`id-check:${sent?.id ?? ''}`)?.data).toMatchObject({
      method: 'qr',
      overall: 'match',
      lineId: person().lineId,
      beneficiaryId: person().id,
    });
    await page.context().close();
  });
});

describe('the pay page on a phone', () => {
  test('every control is at least 44 px tall and nothing overflows the width, with each way to check the card open', async () => {
    const context = await newDevice(browser, baseUrl, PHONE);
    const page = await context.newPage();
    await signIn(page, 'payer');
    await waitForBootstrap(page);
    // Any line still due (the QR test above pays person()'s line).
    const lineId = await openLineId(page);
    await gotoUnlocked(page, `/chi-tra/${encodeURIComponent(lineId)}`);
    await page.getByRole('radio', { name: 'Người được ủy quyền' }).check();
    await page.getByText('Không kiểm tra được thẻ', { exact: true }).click();
    const sizes = await page.$$eval(
      'main button, main input:not([type=file]):not([type=radio]):not([type=checkbox]), main label.radio, main select, main summary, main .button',
      (els) =>
        els
          .filter((e) => e.getClientRects().length > 0)
          .map((e) => ({ h: e.getBoundingClientRect().height, what: e.outerHTML.slice(0, 80) })),
    );
    expect(sizes.length).toBeGreaterThan(8);
    for (const s of sizes) expect(s.h, s.what).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('registration of a payment method', () => {
  test('chosen offline, kept through a reload, then synced once', async () => {
    const page = await signedIn(browser, 'officer');
    await waitForServiceWorker(page);
    await page.context().setOffline(true);
    await gotoUnlocked(page, `/nguoi/${encodeURIComponent(person().id)}`);
    await page.getByLabel('Tài khoản ngân hàng', { exact: true }).check();
    await page.getByLabel('Ngân hàng', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Lưu hình thức nhận' }).click();
    await expect.poll(() => page.getByText('Nhập tên ngân hàng.').count()).toBe(1);
    expect(await pendingText(page)).toBe('0 thao tác chờ gửi');
    await page.getByLabel('Ngân hàng', { exact: true }).fill('Agribank');
    await page.getByLabel('Số tài khoản').fill('4000999000777');
    await page.getByRole('button', { name: 'Lưu hình thức nhận' }).click();
    await expect.poll(() => pendingText(page)).toBe('1 thao tác chờ gửi');

    await reloadUnlocked(page);
    await expect.poll(() => page.getByTestId('person-method').textContent()).toBe('Tài khoản ngân hàng');
    await expect.poll(() => pendingText(page)).toBe('1 thao tác chờ gửi');

    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(page), { timeout: 30_000 }).toBe('0 thao tác chờ gửi');
    const officer = await apiLogin(baseUrl, 'officer');
    const pulled = (await pullScope(officer)).get(`beneficiary:${person().id}`);
    expect(pulled?.data).toMatchObject({
      paymentMethod: 'bank',
      paymentDetails: { bankName: 'Agribank', accountNumber: '4000999000777' },
    });
    await page.context().close();
  });
});

describe('printed payment list', () => {
  test('has the title, the columns, totals that add up and the amount in words', async () => {
    const page = await signedIn(browser, 'payer');
    await gotoUnlocked(page, '/chi-tra/in');
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator('.sheet').first();
    await expect.poll(() => sheet.textContent()).toContain('DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG');
    const headers = await sheet.locator('thead th').allTextContents();
    expect(headers).toEqual([
      'STT',
      'Họ và tên',
      'Năm sinh',
      'Thôn/tổ',
      'Mức hưởng (đồng)',
      'Truy lĩnh (đồng)',
      'Tổng cộng (đồng)',
      'Người nhận ký',
    ]);
    const totals = await sheet.locator('tbody td:nth-child(7)').allTextContents();
    const sum = totals.reduce((s, t) => s + Number(t.replace(/\D/g, '')), 0);
    expect(Number(((await sheet.getByTestId('print-total').textContent()) ?? '').replace(/\D/g, ''))).toBe(sum);
    expect(await sheet.textContent()).toMatch(/Bằng chữ: .+ đồng/);
    expect(await page.locator('.top').isVisible()).toBe(false);
    await page.screenshot({ path: join(workDir, 'print.png') });
    await page.context().close();
  });
});

describe('language', () => {
  test('English can be chosen in Settings, is remembered after a reload, and Vietnamese comes back', async () => {
    const page = await signedIn(browser, 'payer');
    await gotoUnlocked(page, '/settings');
    await page.getByLabel('Ngôn ngữ / Language').selectOption('en');
    await expect.poll(() => page.getByRole('link', { name: 'Payments', exact: true }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await reloadUnlocked(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await page.getByLabel('Language / Ngôn ngữ').selectOption('vi');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cài đặt');
    await page.context().close();
  });
});

describe('accessibility', () => {
  test('the main screens have no serious or critical axe violations', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    const screens: [string, () => Promise<void>][] = [
      ['login', () => page.getByLabel('Tên đăng nhập').waitFor()],
      [
        'roster',
        async () => {
          await signIn(page, 'officer');
          await waitForBootstrap(page);
        },
      ],
      [
        'lock',
        async () => {
          await page.getByRole('button', { name: 'Khóa máy' }).click();
          await page.getByTestId('pin-lock').waitFor();
        },
      ],
      [
        'person',
        async () => {
          await gotoUnlocked(page, `/nguoi/${encodeURIComponent(person().id)}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
        },
      ],
      [
        'payments',
        async () => {
          await gotoUnlocked(page, '/chi-tra');
          await page.locator('a.pay-item').first().waitFor();
        },
      ],
      [
        'pay',
        async () => {
          await page.locator('a.pay-item').first().click();
          await page.getByTestId('pay-amount').waitFor();
        },
      ],
      [
        'readiness',
        async () => {
          await gotoUnlocked(page, '/mo-tai-khoan');
          await page.getByRole('heading', { level: 1 }).waitFor();
        },
      ],
      [
        'attention',
        async () => {
          await gotoUnlocked(page, '/can-xu-ly');
          await page.getByRole('heading', { level: 1 }).waitFor();
        },
      ],
      [
        'settings',
        async () => {
          await gotoUnlocked(page, '/settings');
          await page.getByTestId('settings-user').waitFor();
        },
      ],
    ];
    const problems: string[] = [];
    for (const [name, open] of screens) {
      await open();
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        if (v.impact === 'serious' || v.impact === 'critical')
          problems.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.length}×`);
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
