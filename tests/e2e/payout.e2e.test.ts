// Non-cash payout (issue 12) in Chromium, in Phường Phú Bài for next month: the month's list is
// approved and published; the supervisor prepares the example bank's batch, the approver approves
// it and downloads its file; the supervisor imports the bank's results with two failures and sends
// both to home delivery; the payer's tablet pulls them as home-delivery lines, pays one offline and
// syncs; the batch balances and so does the month.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import { vietnamMonth } from '../../src/lib/clock';
import { demoListFile, type DemoPerson } from '../../src/server/lists/demo-list';
import { bankResultXlsx, type ResultLine } from '../fixtures/batch-files';
import { apiGet, apiLogin, apiPost, peoplePaidThisMonth, pullScope, type ApiSession } from './api';
import { pendingText, signedInPage, skipCardCheck } from './app-page';
import { launchBrowser, reloadUnlocked } from './browser';

const baseUrl = inject('baseUrl');
const PHU_BAI = '19960';
const month = addMonths(vietnamMonth(Date.now()), 1) ?? '';
const shown = (m: string) => m.split('-').reverse().join('/');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const signedIn = (username: string): Promise<Page> => signedInPage(browser, baseUrl, username);

/** Next month's list of Phú Bài, uploaded, approved and published by API (the period approved). */
async function approveMonth(): Promise<void> {
  const officer = await apiLogin(baseUrl, 'officer');
  const approver = await apiLogin(baseUrl, 'approver');
  const people = await peoplePaidThisMonth<DemoPerson>(officer, PHU_BAI, vietnamMonth(Date.now()));
  const file = demoListFile(people, month, 'Phường Phú Bài');
  const res = await fetch(`${baseUrl}/api/lists/import?period=${month}&commune=${PHU_BAI}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer.token}`, 'x-filename': encodeURIComponent('phu-bai.xlsx') },
    body: new Blob([file.slice().buffer]),
  });
  const { listId } = (await res.json()) as { listId: string | null };
  if (res.status !== 200 || !listId) throw new Error(`import answered ${res.status}`);
  await answerEverything(officer, listId);
  await apiPost(officer, `/api/lists/${listId}/submit`);
  await apiPost(approver, `/api/lists/${listId}/approve`);
  await apiPost(approver, `/api/lists/${listId}/publish`);
}

/** Whatever the import asks before submitting (earlier tests paid and visited Phú Bài), answered by API. */
async function answerEverything(s: ApiSession, listId: string): Promise<void> {
  const detail = await apiGet<{
    decreases: { beneficiaryId: string }[];
    matches: { beneficiaryId: string; row: number }[];
    fieldOutcomes: { beneficiaryId: string }[];
  }>(s, `/api/lists/${listId}`);
  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/lists/${listId}/${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, ...(body as object) }),
    });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  };
  if (detail.decreases.length > 0)
    await put('decreases', {
      decisions: detail.decreases.map((d) => ({ beneficiaryId: d.beneficiaryId, reason: 'moved-away' })),
    });
  if (detail.matches.length > 0)
    await put('matches', {
      answers: detail.matches.map((m) => ({ beneficiaryId: m.beneficiaryId, row: m.row, same: true })),
    });
  if (detail.fieldOutcomes.length > 0)
    await put('field-outcomes', {
      answers: detail.fieldOutcomes.map((f) => ({
        beneficiaryId: f.beneficiaryId,
        accept: false,
        note: 'Vẫn chi trả',
      })),
    });
}

async function openTransfers(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Chuyển khoản' }).click();
  await page.getByLabel('Xã/phường').selectOption(PHU_BAI);
  await page.locator('input[type="month"]').fill(month);
}

describe('paid through a bank file', () => {
  test('batch prepared, approved, sent; two failures go to home delivery and one is paid offline', async () => {
    await approveMonth();

    // 1. The supervisor prepares the example bank's batch of next month.
    const supervisor = await signedIn('supervisor');
    await openTransfers(supervisor);
    await supervisor.getByLabel('Nhà cung cấp').selectOption({ label: 'Agribank (mẫu ví dụ)' });
    await supervisor.getByRole('button', { name: 'Lập đợt chuyển khoản' }).click();
    const detail = supervisor.getByTestId('batch-detail');
    await expect.poll(() => detail.isVisible(), { timeout: 30_000 }).toBe(true);
    const lineRows = detail.getByTestId('batch-lines').locator('tbody tr');
    const sent = await lineRows.count();
    expect(sent).toBeGreaterThanOrEqual(3);
    // Whoever prepared it may not approve it.
    expect(await supervisor.getByRole('button', { name: 'Phê duyệt đợt' }).count()).toBe(0);

    // 2. The approver approves it and downloads the file: the lines are sent.
    const approver = await signedIn('approver');
    await openTransfers(approver);
    await approver.getByTestId('batches').getByRole('button', { name: 'Mở' }).click();
    await approver.getByRole('button', { name: 'Phê duyệt đợt' }).click();
    await expect.poll(() => approver.getByText('Đã phê duyệt. Có thể tải tệp gửi nhà cung cấp.').count()).toBe(1);
    const [download] = await Promise.all([
      approver.waitForEvent('download'),
      approver.getByRole('button', { name: 'Tải tệp gửi nhà cung cấp' }).click(),
    ]);
    const book = XLSX.read(readFileSync(await download.path()));
    const grid = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[book.SheetNames[0] ?? ''] ?? {}, {
      header: 1,
    });
    const header = grid[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const rows = grid.slice(1, 1 + sent);
    expect(rows).toHaveLength(sent);
    const total = grid[1 + sent]?.[col('Số tiền')];
    expect(total).toBe(rows.reduce((s, r) => s + Number(r[col('Số tiền')]), 0));

    // 3. The bank answers: all paid but two (one matched by reference, one by account and amount).
    const results: ResultLine[] = rows.map((r, i) => ({
      reference: i === 1 ? null : String(r[col('Mã tham chiếu')]),
      accountNumber: String(r[col('Số tài khoản')]),
      amount: Number(r[col('Số tiền')]),
      paid: i >= 2,
      ...(i < 2 ? { reason: 'Tài khoản bị phong tỏa' } : {}),
    }));
    await reloadUnlocked(supervisor);
    await openTransfers(supervisor);
    await supervisor.getByTestId('batches').getByRole('button', { name: 'Mở' }).click();
    await supervisor.getByLabel('Tệp kết quả (.xlsx, .xls, .csv)').setInputFiles({
      name: 'ket-qua-agribank.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bankResultXlsx(results)),
    });
    await supervisor.getByRole('button', { name: 'Đọc tệp kết quả' }).click();
    const preview = supervisor.getByTestId('result-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await preview.textContent()).toContain(`Sẽ ghi nhận: ${sent - 2} đã chi, 2 lỗi.`);
    await supervisor.getByRole('button', { name: 'Ghi nhận kết quả' }).click();
    await expect.poll(() => supervisor.getByText(`Đã ghi nhận: ${sent - 2} đã chi, 2 lỗi.`).count()).toBe(1);
    const equation = supervisor.getByTestId('batch-detail').getByTestId('batch-equation');
    await expect.poll(() => equation.textContent()).toMatch(/chờ kết quả 0\s?₫/u);

    // 4. Both failures go to home delivery, with a reason.
    const failed = supervisor.getByTestId('failed-lines');
    for (const select of await failed.locator('select').all()) await select.selectOption('home-delivery');
    for (const input of await failed.locator('input').all()) await input.fill('Tài khoản bị phong tỏa, chi tại nhà');
    await failed.getByRole('button', { name: 'Lưu quyết định' }).click();
    await expect.poll(() => failed.getByText(/^Đã quyết định: Chi tại nhà$/u).count()).toBe(2);

    // 5. The payer's tablet has them as home-delivery lines; one is paid offline and synced.
    const payer = await signedIn('payer');
    await payer.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Chi trả', exact: true }).click();
    await payer.getByLabel('Tháng', { exact: true }).selectOption(month);
    await expect
      .poll(() => payer.getByRole('heading', { level: 1 }).textContent())
      .toBe(`Danh sách chi trả tháng ${shown(month)}`);
    const province = await apiLogin(baseUrl, 'supervisor');
    const rerouted = [...(await pullScope(province)).values()]
      .filter((c) => c.entity === 'payment-line')
      .filter((c) => {
        const l = c.data as { periodId: string; method: string; reroute: unknown };
        return l.periodId === month && l.method === 'home-delivery' && l.reroute !== null && l.reroute !== undefined;
      })
      .map((c) => c.id);
    expect(rerouted).toHaveLength(2);
    const link = payer.locator(`a.pay-item.status-due[href="/chi-tra/${encodeURIComponent(rerouted[0] ?? '')}"]`);
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBe(1);
    await payer.context().setOffline(true);
    await link.click();
    await payer.getByRole('radio', { name: 'Đối tượng tự nhận' }).check();
    await skipCardCheck(payer);
    await payer.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
    await expect.poll(() => payer.getByTestId('receipt-code').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => pendingText(payer)).toBe('1 thao tác chờ gửi');
    await payer.context().setOffline(false);
    await expect.poll(() => pendingText(payer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    // 6. The batch balances to the đồng, and so does the month: due = paid + still open.
    const { batches } = await apiGet<{
      batches: {
        status: string;
        balance: Record<'sent' | 'paid' | 'failed' | 'waiting', { lines: number; amount: number }>;
      }[];
    }>(province, `/api/batches?commune=${PHU_BAI}&period=${month}`);
    const balance = batches[0]?.balance ?? expect.unreachable('a batch');
    expect([balance.sent.lines, balance.paid.lines, balance.failed.lines, balance.waiting.lines]).toEqual([
      sent,
      sent - 2,
      2,
      0,
    ]);
    expect(balance.sent.amount).toBe(balance.paid.amount + balance.failed.amount);
    const closing = await apiGet<{
      summary: Record<'due' | 'paid' | 'carried' | 'ended', { count: number; amount: number }>;
    }>(province, `/api/months/${month}/${PHU_BAI}/closing`);
    // Paid: the bank's transfers and the one paid at home; the other failure is still open.
    expect(closing.summary.paid.count).toBe(sent - 2 + 1);
    expect(closing.summary.due.amount).toBe(closing.summary.paid.amount + closing.summary.carried.amount);
  });
});
