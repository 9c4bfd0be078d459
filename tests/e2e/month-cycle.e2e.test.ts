// The monthly cycle of issue 11 in Chromium, in Xã Lộc An for next month: a supervisor uploads the
// list, fixes the column the import could not place, sees the diff, gives each person who leaves a
// reason and submits it; the approver approves and publishes it; the officer's tablet pulls the new
// lines and pays one offline; the supervisor closes the month, and the unpaid lines become arrears
// on the month after's lines.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import { vietnamMonth } from '../../src/lib/clock';
import { demoListFile, type DemoPerson } from '../../src/server/lists/demo-list';
import { apiGet, apiLogin, apiPost, peoplePaidThisMonth, pullScope, type ApiSession } from './api';
import { pendingText, signedInPage, skipCardCheck } from './app-page';
import { launchBrowser, reloadUnlocked } from './browser';

const baseUrl = inject('baseUrl');
const LOC_AN = '20140';
const thisMonth = vietnamMonth(Date.now());
const month = addMonths(thisMonth, 1) ?? '';
const monthAfter = addMonths(thisMonth, 2) ?? '';
const shown = (m: string) => m.split('-').reverse().join('/');
let browser: Browser;
let people: DemoPerson[];

beforeAll(async () => {
  browser = await launchBrowser();
  people = await peoplePaidThisMonth<DemoPerson>(await apiLogin(baseUrl, 'officer2'), LOC_AN, thisMonth);
});
afterAll(async () => {
  await browser.close();
});

const signedIn = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

/** Opens "Danh sách tháng" on Lộc An and next month. */
async function openMonth(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Danh sách tháng' }).click();
  // The labels wrap their controls, whose values join the accessible name: not exact.
  await page.getByLabel('Xã/phường').selectOption(LOC_AN);
  await page.locator('input[type="month"]').fill(month);
}

/** Uploads a list file through the API, as a province's program would. */
async function uploadByApi(s: ApiSession, period: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(`${baseUrl}/api/lists/import?period=${period}&commune=${LOC_AN}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'x-filename': encodeURIComponent('danh-sach.xlsx') },
    body: new Blob([bytes.slice().buffer]),
  });
  const answer = (await res.json()) as { listId: string | null };
  if (res.status !== 200 || !answer.listId) throw new Error(`import answered ${res.status}`);
  return answer.listId;
}

/** Everyone the list drops leaves "moved away", by API (a program gives reasons too). */
async function giveReasons(s: ApiSession, listId: string): Promise<void> {
  const { decreases } = await apiGet<{ decreases: { beneficiaryId: string }[] }>(s, `/api/lists/${listId}`);
  if (decreases.length === 0) return;
  const res = await fetch(`${baseUrl}/api/lists/${listId}/decreases`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocol: 1,
      decisions: decreases.map((d) => ({ beneficiaryId: d.beneficiaryId, reason: 'moved-away' })),
    }),
  });
  if (res.status !== 200) throw new Error(`reasons answered ${res.status}`);
}

describe('a month, start to close', () => {
  test('uploaded, mapped, approved, published, paid offline, closed; the unpaid carried as arrears', async () => {
    expect(people.length).toBeGreaterThan(3);

    // 1. The supervisor uploads next month's list; its amount column has a header the import
    //    does not know, so the mapping panel opens and the column is placed by hand.
    const supervisor = await signedIn('supervisor');
    await openMonth(supervisor);
    const file = demoListFile(people, month, 'Xã Lộc An', { 'Mức trợ cấp': 'Số tiền được hưởng' });
    await supervisor.getByLabel('Tệp danh sách (.xlsx, .xls, .csv)').setInputFiles({
      name: `Lộc An ${shown(month)}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(file),
    });
    await supervisor.getByRole('button', { name: 'Tải danh sách lên' }).click();
    const mapping = supervisor.getByTestId('column-mapping');
    await expect.poll(() => mapping.isVisible(), { timeout: 60_000 }).toBe(true);
    await supervisor.getByLabel('Thông tin: Cột K', { exact: true }).selectOption('monthlyAmount');
    await supervisor.getByRole('button', { name: 'Lưu cách đọc và đọc lại tệp' }).click();
    const detail = supervisor.getByTestId('list-detail');
    await expect.poll(() => detail.isVisible(), { timeout: 60_000 }).toBe(true);
    const equation = (await supervisor.getByTestId('list-equation').textContent()) ?? '';
    expect(equation).toMatch(/^Số tiền cân đối đến từng đồng: Tháng trước .* = Tháng này .*₫$/u);
    expect(await supervisor.getByTestId('list-status').textContent()).toBe('Bản nháp');
    // Whoever prepared it may not approve it: only submitting is offered, once everyone who
    // leaves the list has a reason.
    expect(await supervisor.getByRole('button', { name: 'Phê duyệt', exact: true }).count()).toBe(0);
    const submit = supervisor.getByRole('button', { name: 'Gửi phê duyệt' });
    expect(await submit.isDisabled()).toBe(true);
    const reasons = supervisor.locator('select[aria-label^="Lý do: "]');
    expect(await reasons.count()).toBeGreaterThanOrEqual(1);
    for (const select of await reasons.all()) await select.selectOption('moved-away');
    await supervisor.getByRole('button', { name: 'Lưu lý do' }).click();
    await expect.poll(() => submit.isEnabled(), { timeout: 30_000 }).toBe(true);
    await submit.click();
    await expect.poll(() => supervisor.getByText('Đã gửi phê duyệt.').count()).toBe(1);

    // 2. The approver approves and publishes it.
    const approver = await signedIn('approver');
    await openMonth(approver);
    await approver.getByTestId('month-lists').getByRole('button', { name: 'Xem' }).click();
    await approver.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect.poll(() => approver.getByTestId('list-status').textContent()).toBe('Đã phê duyệt');
    await approver.getByRole('button', { name: 'Công bố cho các máy tính bảng' }).click();
    await expect.poll(() => approver.getByTestId('list-status').textContent()).toBe('Đã công bố');

    // 3. The officer's tablet pulls next month's lines and pays one of them offline.
    const officer = await signedIn('officer2');
    await officer
      .getByRole('navigation', { name: 'Chính' })
      .getByRole('link', { name: 'Chi trả', exact: true })
      .click();
    await officer.getByLabel('Tháng', { exact: true }).selectOption(month);
    await expect
      .poll(() => officer.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Danh sách chi trả tháng ${shown(month)}`);
    const due = officer.locator('a.pay-item.status-due');
    await expect.poll(() => due.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(people.length - 1);
    const lineCount = await due.count();
    await officer.context().setOffline(true);
    await due.first().click();
    await officer.getByRole('radio', { name: 'Đối tượng tự nhận' }).check();
    await skipCardCheck(officer);
    await officer.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    await expect.poll(() => officer.getByTestId('receipt-code').count(), { timeout: 15_000 }).toBe(1);
    // The counter follows the outbox a moment later: waited for, and offline it stays at one.
    await expect.poll(() => pendingText(officer)).toBe('1 thao tác chờ gửi');
    await officer.context().setOffline(false);
    await expect.poll(() => pendingText(officer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    // 4. The supervisor closes the month: the paid line is settled, every other one carried.
    await reloadUnlocked(supervisor);
    await openMonth(supervisor);
    const closing = supervisor.getByTestId('month-closing');
    await expect
      .poll(() => closing.getByTestId('closing-lines').locator('tbody tr').count(), { timeout: 30_000 })
      .toBe(lineCount - 1);
    await closing.getByRole('button', { name: 'Khóa sổ tháng' }).click();
    await closing.getByRole('button', { name: `Xác nhận khóa sổ tháng ${shown(month)}` }).click();
    await expect.poll(() => closing.getByText(/^Đã khóa sổ lúc/u).count(), { timeout: 30_000 }).toBe(1);

    const province = await apiLogin(baseUrl, 'supervisor');
    const closed = await apiGet<{
      status: string;
      summary: Record<'due' | 'paid' | 'carried' | 'ended', { count: number; amount: number }>;
    }>(province, `/api/months/${month}/${LOC_AN}/closing`);
    expect(closed.status).toBe('closed');
    expect([closed.summary.paid.count, closed.summary.carried.count]).toEqual([1, lineCount - 1]);
    expect(closed.summary.due.amount).toBe(
      closed.summary.paid.amount + closed.summary.carried.amount + closed.summary.ended.amount,
    );

    // 5. The month after is published (by API, as a province's program would): each carried
    //    person's line there holds last month's money as arrears.
    const officerApi = await apiLogin(baseUrl, 'officer2');
    const approverApi = await apiLogin(baseUrl, 'approver');
    const nextId = await uploadByApi(officerApi, monthAfter, demoListFile(people, monthAfter, 'Xã Lộc An'));
    await giveReasons(officerApi, nextId);
    await apiPost(officerApi, `/api/lists/${nextId}/submit`);
    await apiPost(approverApi, `/api/lists/${nextId}/approve`);
    await apiPost(approverApi, `/api/lists/${nextId}/publish`);
    const lines = [...(await pullScope(officerApi)).values()]
      .filter((c) => c.entity === 'payment-line')
      .map((c) => c.data as { periodId: string; arrearsAmount: number; arrearsMonths: number; communeCode: string })
      .filter((l) => l.periodId === monthAfter && l.communeCode === LOC_AN);
    const withArrears = lines.filter((l) => l.arrearsMonths >= 1 && l.arrearsAmount > 0);
    // Everyone but the paid person carries a month (a person the list omits gets a line of it alone).
    expect(withArrears.length).toBeGreaterThanOrEqual(lineCount - 1);
  });
});
