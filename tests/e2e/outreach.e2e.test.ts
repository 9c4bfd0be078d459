// A communication day (issue 17, "Communication day"), in Chromium against the real server: an
// officer of Lộc An (whose people few other tests change) runs the registration table offline.
// Three people come: one with only an old CMND brings a new card, scanned by the fake camera; one
// with only a CMND needs a card and gets a police appointment; one paid through an authorised
// person opens a wallet and brings the authorisation. Each leaves with a printed slip; the day's
// counts print; after the sync the server has every change, and the readiness review records the
// second person's new card, which moves them on. Taps and seconds per registration are logged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { vietnamDate, vietnamMonth } from '../../src/lib/clock';
import { apiLogin, pullScope } from './api';
import { pendingText, waitForBootstrap } from './app-page';
import { seriousViolations } from './axe';
import { launchCameraBrowser, newDevice, signIn, waitForServiceWorker } from './browser';
import { cccdPayload, writeQrVideo } from './fake-camera';

const baseUrl = inject('baseUrl');
const LOC_AN = '20140';
const today = vietnamDate(Date.now());
const shown = (iso: string) => iso.split('-').reverse().join('/');

type Person = {
  id: string;
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female';
  idNumber: string | null;
  oldIdNumber: string | null;
  status: string;
  communeCode: string;
  village: string;
  paymentMethod: string | null;
  representative: { kind: string; fullName: string; idNumber: string | null; paperRef: string | null } | null;
};

let browser: Browser;
let workDir: string;
let people: Person[];
let withCard: Person;
let needsCard: Person;
let proxied: Person;
let newNumber: string;

/** A 12-digit number that reads as this person's (Huế's 046, century and gender, year). */
function cccdFor(p: Person, tail: string): string {
  const year = Number(p.birthDate.slice(0, 4));
  const digit = (year >= 2000 ? 2 : 0) + (p.gender === 'female' ? 1 : 0);
  return `046${String(digit)}${p.birthDate.slice(2, 4)}${tail}`;
}

beforeAll(async () => {
  const scope = await pullScope(await apiLogin(baseUrl, 'officer2'));
  people = [...scope.values()]
    .filter((c) => c.entity === 'beneficiary')
    .map((c) => ({ id: c.id, ...(c.data as Omit<Person, 'id'>) }))
    .filter((p) => p.status === 'active' && p.communeCode === LOC_AN);
  // People with a line this month: the month-cycle test's list keeps them (it drops the others).
  const withLine = new Set(
    [...scope.values()]
      .filter((c) => c.entity === 'payment-line')
      .map((c) => c.data as { beneficiaryId: string; periodId: string })
      .filter((l) => l.periodId === vietnamMonth(Date.now()))
      .map((l) => l.beneficiaryId),
  );
  const everyone = people;
  people = people.filter((p) => withLine.has(p.id));
  const adults = people.filter((p) => Number(p.birthDate.slice(0, 4)) < 2000 && p.representative === null);
  const cmndOnly = adults.filter((p) => p.idNumber === null && p.oldIdNumber !== null);
  const uniqueName = (p: Person) => everyone.filter((q) => q.fullName === p.fullName).length === 1;
  const [first, second] = cmndOnly;
  const third = people.find(
    (p) => p.representative?.kind === 'authorized' && p.representative.idNumber !== null && uniqueName(p),
  );
  if (!first || !second || !third) throw new Error('Lộc An needs two people with only a CMND and one authorised');
  [withCard, needsCard, proxied] = [first, second, third];
  newNumber = cccdFor(withCard, '700111');
  workDir = mkdtempSync(join(tmpdir(), 'chitra-outreach-'));
  const video = join(workDir, 'new-card.y4m');
  writeQrVideo(
    video,
    cccdPayload({ ...withCard, idNumber: newNumber, oldIdNumber: withCard.oldIdNumber, birthDate: withCard.birthDate }),
  );
  browser = await launchCameraBrowser(video);
});
afterAll(async () => {
  await browser.close();
  rmSync(workDir, { recursive: true, force: true });
});

const navTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true }).click();

/** Counts the slips printed: `window.print` replaced, as the print dialog cannot be driven. */
async function countPrints(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    window.print = () => {
      const root = document.documentElement;
      root.dataset['prints'] = String(Number(root.dataset['prints'] ?? '0') + 1);
    };
  });
  return async () => Number(await page.evaluate(() => document.documentElement.dataset['prints'] ?? '0'));
}

async function queueBySearch(page: Page, query: string, p: Person): Promise<void> {
  await page.getByLabel(/^Tìm người đến/u).fill(query);
  const born = p.birthDate.length === 4 ? p.birthDate : shown(p.birthDate);
  await page.getByRole('button', { name: `Thêm ${p.fullName} (${born}, ${p.village}) vào hàng chờ` }).click();
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`Đã thêm ${p.fullName} vào hàng chờ.`);
}

describe('a communication day', () => {
  test('three people registered offline, each with a printed slip; counts print; the follow-up moves a new card on', async () => {
    const context = await newDevice(browser, baseUrl);
    await context.grantPermissions(['camera'], { origin: baseUrl });
    const page = await context.newPage();
    await signIn(page, 'officer2');
    await waitForBootstrap(page);
    await waitForServiceWorker(page);
    // The commune hall has no signal: the whole day is offline.
    await context.setOffline(true);
    const prints = await countPrints(page);

    await navTo(page, 'Ngày truyền thông');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Ngày truyền thông ${shown(today)}`);
    await queueBySearch(page, withCard.oldIdNumber ?? '', withCard);
    await queueBySearch(page, needsCard.oldIdNumber ?? '', needsCard);
    await queueBySearch(page, proxied.fullName, proxied);
    const queue = page.getByTestId('outreach-queue');
    await expect
      .poll(() => queue.locator('li strong').allTextContents())
      .toEqual([withCard.fullName, needsCard.fullName, proxied.fullName]);
    expect(await seriousViolations(page)).toEqual([]);

    const timings: { taps: number; seconds: number }[] = [];
    const slip = page.getByTestId('outreach-slip');

    // 1. Only a CMND on record, a new card in hand: scanned, the bank chosen, nothing missing.
    let started = Date.now();
    let taps = 0;
    await page.getByRole('button', { name: `Tiếp nhận ${withCard.fullName}` }).click();
    taps++;
    await page.getByRole('button', { name: 'Quét thẻ căn cước' }).click();
    taps++;
    await page.getByRole('button', { name: 'Bật camera quét mã QR' }).click();
    taps++;
    await expect.poll(() => page.getByLabel(/^Số định danh/u).inputValue(), { timeout: 30_000 }).toBe(newNumber);
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');
    taps++;
    await page.getByRole('radio', { name: 'Tài khoản ngân hàng' }).check();
    taps++;
    await page.getByLabel('Ngân hàng', { exact: true }).fill('Agribank');
    taps++;
    await expect.poll(() => page.getByTestId('outreach-needs').textContent()).toBe('Đủ giấy tờ cho hình thức đã chọn.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Lưu và in phiếu' }).click();
    taps++;
    await expect.poll(() => slip.getByTestId('slip-method').textContent()).toBe('Tài khoản ngân hàng');
    expect(await slip.getByTestId('slip-needs').textContent()).toBe('Không cần bổ sung giấy tờ.');
    await page.getByRole('button', { name: 'In phiếu' }).click();
    taps++;
    await expect.poll(prints).toBe(1);
    timings.push({ taps, seconds: (Date.now() - started) / 1000 });
    expect(await seriousViolations(page)).toEqual([]);

    // 2. Only a CMND and no new card: the bank, and an appointment at the commune police.
    started = Date.now();
    taps = 0;
    await page.getByRole('button', { name: 'Người tiếp theo' }).click();
    taps++;
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Đăng ký: ${needsCard.fullName}`);
    await page.getByRole('radio', { name: 'Tài khoản ngân hàng' }).check();
    taps++;
    await page.getByLabel('Ngân hàng', { exact: true }).fill('Agribank');
    taps++;
    // The card request is offered, filled in with the police of the commune.
    expect(await page.getByLabel('Loại', { exact: true }).inputValue()).toBe('new');
    expect(await page.getByLabel('Nơi hẹn').inputValue()).toBe('Công an xã Lộc An');
    const appointment = addDays(today, 7) ?? '';
    await page.getByLabel('Ngày hẹn tại công an xã/phường').fill(appointment);
    taps++;
    await expect
      .poll(() => page.getByTestId('outreach-needs').locator('li').allTextContents())
      .toEqual(['Làm thẻ căn cước tại công an xã/phường (CMND cũ không còn dùng để mở tài khoản)']);
    await page.getByRole('button', { name: 'Lưu và in phiếu' }).click();
    taps++;
    await expect
      .poll(() => slip.getByTestId('slip-card').textContent())
      .toBe(`Hẹn làm thẻ căn cước: Công an xã Lộc An, ngày ${shown(appointment)}.`);
    expect(await slip.getByTestId('slip-needs').locator('li').allTextContents()).toEqual([
      'Làm thẻ căn cước tại công an xã/phường (CMND cũ không còn dùng để mở tài khoản)',
    ]);
    await page.getByRole('button', { name: 'In phiếu' }).click();
    taps++;
    await expect.poll(prints).toBe(2);
    timings.push({ taps, seconds: (Date.now() - started) / 1000 });

    // 3. Paid through an authorised person: a wallet, and the authorisation brought today.
    started = Date.now();
    taps = 0;
    await page.getByRole('button', { name: 'Người tiếp theo' }).click();
    taps++;
    await page.getByRole('radio', { name: 'Ví Mobile Money' }).check();
    taps++;
    await page.getByLabel(/^Nhà cung cấp ví/u).fill('Viettel Money');
    taps++;
    await page.getByLabel('Số điện thoại của ví').fill('0961234567');
    taps++;
    await page.getByLabel(/^Giấy ủy quyền: số, ngày/u).fill('Giấy ủy quyền số 45/GUQ, UBND xã xác nhận');
    taps++;
    await expect.poll(() => page.getByTestId('outreach-needs').textContent()).toBe('Đủ giấy tờ cho hình thức đã chọn.');
    await page.getByRole('button', { name: 'Lưu và in phiếu' }).click();
    taps++;
    await expect.poll(() => slip.getByTestId('slip-method').textContent()).toBe('Ví Mobile Money');
    await page.getByRole('button', { name: 'In phiếu' }).click();
    taps++;
    await expect.poll(prints).toBe(3);
    timings.push({ taps, seconds: (Date.now() - started) / 1000 });
    for (const [i, t] of timings.entries()) {
      console.log(`communication day, person ${String(i + 1)}: ${String(t.taps)} taps, ${t.seconds.toFixed(1)} s`);
    }

    // The day's counts: each person once, by method and by readiness.
    await page.getByRole('button', { name: 'Người tiếp theo' }).click();
    const counts = page.getByTestId('outreach-counts');
    await expect.poll(() => counts.getByTestId('count-method-bank').textContent()).toBe('2');
    expect(await counts.getByTestId('count-method-mobile-money').textContent()).toBe('1');
    expect(await counts.getByTestId('count-readiness-ready').textContent()).toBe('2');
    expect(await counts.getByTestId('count-readiness-needs-new-id-card').textContent()).toBe('1');
    await page.getByRole('link', { name: 'In số liệu ngày' }).click();
    const report = page.getByTestId('outreach-report');
    await expect.poll(() => report.locator('table').last().locator('tbody tr').count()).toBe(3);
    expect(await report.getByText('Đã đăng ký: 3 người').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Back online: the ops reach the server.
    await context.setOffline(false);
    await expect.poll(() => pendingText(page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    const after = await pullScope(await apiLogin(baseUrl, 'officer2'));
    const data = (p: Person) => after.get(`beneficiary:${p.id}`)?.data as Record<string, unknown> | undefined;
    expect(data(withCard)).toMatchObject({ idNumber: newNumber, phone: '0912345678', paymentMethod: 'bank' });
    expect(data(needsCard)?.['idCardRequest']).toEqual({
      kind: 'new',
      person: 'beneficiary',
      appointmentOn: appointment,
      place: 'Công an xã Lộc An',
      issuedOn: null,
    });
    expect(data(proxied)).toMatchObject({
      paymentMethod: 'mobile-money',
      representative: { paperRef: 'Giấy ủy quyền số 45/GUQ, UBND xã xác nhận' },
    });

    // The follow-up: the card is issued; its number moves the person out of "needs a new card".
    await navTo(page, 'Mở tài khoản');
    await page.getByRole('tab', { name: /^Cần làm thẻ căn cước/u }).click();
    const itemOf = (p: Person) =>
      page.getByTestId('readiness-list').locator(`li.readiness-item:has(a[href="/nguoi/${encodeURIComponent(p.id)}"])`);
    const item = itemOf(needsCard);
    await expect.poll(() => item.getByTestId('id-card-stage').textContent()).toBe(`Đã hẹn · hẹn ${shown(appointment)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await item.getByRole('button', { name: `Ghi thẻ đã cấp cho ${needsCard.fullName}` }).click();
    await item.getByLabel('Ngày cấp thẻ').fill(today);
    await item.getByLabel('Số định danh trên thẻ mới').fill('12345');
    await item.getByRole('button', { name: 'Lưu thẻ đã cấp' }).click();
    await expect.poll(() => item.getByRole('alert').textContent()).toBe('Nhập đủ 12 số định danh trên thẻ mới.');
    const issuedNumber = cccdFor(needsCard, '700222');
    await item.getByLabel('Số định danh trên thẻ mới').fill(issuedNumber);
    await item.getByRole('button', { name: 'Lưu thẻ đã cấp' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('tab', { name: /^Đủ hồ sơ mở tài khoản/u }).click();
    await expect.poll(() => itemOf(needsCard).count()).toBe(1);
    await expect.poll(() => pendingText(page), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');
    const issued = (await pullScope(await apiLogin(baseUrl, 'officer2'))).get(`beneficiary:${needsCard.id}`)
      ?.data as Record<string, unknown>;
    expect(issued).toMatchObject({ idNumber: issuedNumber, idCardRequest: { issuedOn: today } });
    await context.close();
  });
});
