// Assignments and the payer's round (issue 16, "Assignments"), in Chromium against the real
// server: the officer gives a whole village and two people of another village to the payer; a
// line already paid is not offered and says why; the payer's tablet shows "Của tôi" by village,
// in the order the payer keeps after a reload, with the counts and the money still to pay; an
// absent person recorded offline comes back under "Thăm lại" with the planned date.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { payingMonth } from '../../src/domain/calendar';
import { vietnamMonth } from '../../src/lib/clock';
import { apiLogin, apiPost, pullScope, type PulledChange } from './api';
import { pendingText, signedInPage } from './app-page';
import { seriousViolations } from './axe';
import { launchBrowser, reloadUnlocked } from './browser';

const baseUrl = inject('baseUrl');
const PAYER_NAME = 'Phạm Văn Đức';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

type Line = { id: string; amount: number; village: string };

/** Open cash lines of the payer's commune in the month on the server, by village, as the payer pulls them. */
async function openCashLinesByVillage(): Promise<Map<string, Line[]>> {
  const payer = await apiLogin(baseUrl, 'payer');
  const scope = await pullScope(payer);
  const data = (c: PulledChange | undefined) => (c?.data ?? {}) as Record<string, unknown>;
  const months = [...scope.values()].filter((c) => c.entity === 'payment-line').map((c) => String(data(c)['periodId']));
  // The month the app shows: other tests publish next month's list meanwhile.
  const month = payingMonth([...new Set(months)], vietnamMonth(Date.now()));
  const byVillage = new Map<string, Line[]>();
  for (const c of scope.values()) {
    const d = data(c);
    if (c.entity !== 'payment-line' || d['periodId'] !== month || d['status'] !== 'due') continue;
    if (d['method'] !== 'home-delivery' && d['method'] !== 'cash-point') continue;
    if (d['assignee']) continue;
    const named = data(scope.get(`beneficiary:${String(d['beneficiaryId'])}`))['village'];
    const village = typeof named === 'string' ? named : '';
    byVillage.set(village, [...(byVillage.get(village) ?? []), { id: c.id, amount: Number(d['amount']), village }]);
  }
  return byVillage;
}

const navTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true }).click();

describe('assignments and the payer’s round', () => {
  test('the officer assigns a village and two people; the payer sees them by village, in their order', async () => {
    const byVillage = await openCashLinesByVillage();
    // The last villages of the list: the tests that pay run meanwhile and take the first open lines.
    const [v1, v2] = [...byVillage.entries()]
      .filter(([village, lines]) => village && lines.length >= 4)
      .sort(([a], [b]) => b.localeCompare(a, 'vi', { numeric: true }))
      .map(([village]) => village);
    if (!v1 || !v2) throw new Error('the demo needs two villages with open cash lines');

    // Someone in the first village is paid before the officer assigns: that line stays where it is.
    const paid = byVillage.get(v1)?.[0] as Line;
    const payerApi = await apiLogin(baseUrl, 'payer');
    const { deviceId } = payerApi;
    await apiPost(payerApi, '/api/sync/push', {
      protocol: 1,
      deviceId,
      lastSeq: 1,
      ops: [
        {
          id: crypto.randomUUID(),
          deviceId,
          seq: 1,
          type: 'payment.record',
          entityId: paid.id,
          actorId: payerApi.user.id,
          recordedAt: new Date().toISOString(),
          payload: { v: 1, amount: paid.amount, receiver: { kind: 'self' } },
        },
      ],
    });

    const officer = await signedInPage(browser, baseUrl, 'officer');
    await navTo(officer, 'Phân công');
    await officer.locator('#assign-payer').selectOption({ label: PAYER_NAME });
    // Each village's people show when asked for.
    const village = (v: string) =>
      officer.locator('.assign-village', { has: officer.getByRole('heading', { name: v, exact: true }) });
    for (const v of [v1, v2])
      await village(v)
        .getByRole('button', { name: /^Xem từng người/u })
        .click();
    const paidRow = officer.locator(`[data-line="${paid.id}"]`);
    await expect.poll(() => paidRow.getByTestId('assignee').textContent()).toBe('Đã chi hoặc đã hủy: không giao lại');
    expect(await paidRow.getByRole('checkbox').isDisabled()).toBe(true);
    expect(await seriousViolations(officer)).toEqual([]);

    await officer.getByRole('button', { name: `Giao cả ${v1}`, exact: true }).click();
    const assignedInV1 = (byVillage.get(v1)?.length ?? 0) - 1;
    await expect
      .poll(() => officer.getByRole('status').allTextContents())
      .toContain(`Đã giao ${String(assignedInV1)} người cho ${PAYER_NAME} trên máy; sẽ gửi về máy chủ khi đồng bộ.`);
    // The paid line, and any paid into an account, are left where they are, and the screen says so.
    const refusedInV1 = await village(v1).locator('input[type="checkbox"]:disabled').count();
    expect(refusedInV1).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => officer.getByRole('alert').allTextContents())
      .toContain(`${String(refusedInV1)} người không giao được (đã nhận tiền hoặc nhận qua tài khoản).`);
    expect(await paidRow.getByTestId('assignee').textContent()).toBe('Đã chi hoặc đã hủy: không giao lại');
    await expect.poll(() => village(v1).textContent()).toContain(`${PAYER_NAME}: ${String(assignedInV1)}`);

    // By hand: two people of the second village.
    const [first, second] = byVillage.get(v2) ?? [];
    for (const line of [first, second])
      await officer
        .locator(`[data-line="${line?.id ?? ''}"]`)
        .getByRole('checkbox')
        .check();
    await officer.getByRole('button', { name: 'Giao 2 người đã chọn', exact: true }).click();
    await expect
      .poll(() => officer.getByRole('status').allTextContents())
      .toContain(`Đã giao 2 người cho ${PAYER_NAME} trên máy; sẽ gửi về máy chủ khi đồng bộ.`);
    // The officer follows each payer's round: lines assigned, none paid yet by this payer.
    const progressRow = officer.locator('.assign-progress tbody tr', { hasText: PAYER_NAME });
    await expect.poll(() => progressRow.locator('td').first().textContent()).toBe(String(assignedInV1 + 2));
    await officer.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect.poll(() => pendingText(officer), { timeout: 60_000 }).toBe('0 thao tác chờ gửi');

    // The payer's tablet: "Của tôi", after its first pull.
    const payer = await signedInPage(browser, baseUrl, 'payer');
    await navTo(payer, 'Của tôi');
    const headings = () => payer.locator('.round-village h2').allTextContents();
    // Alphabetical until the payer chooses: v2 comes before v1.
    await expect.poll(headings, { timeout: 30_000 }).toEqual([v2, v1]);
    const toPay = [...(byVillage.get(v1) ?? []).slice(1), first, second].reduce((s, l) => s + (l?.amount ?? 0), 0);
    const summary = (await payer.getByTestId('round-summary').textContent()) ?? '';
    expect(summary).toContain(`Cần đến: ${String(assignedInV1 + 2)}`);
    expect(summary.replace(/\D/gu, '')).toContain(String(toPay));
    expect(await payer.locator('.round-village').first().locator('a.pay-item').count()).toBe(2);
    expect(await seriousViolations(payer)).toEqual([]);

    // Offline at a door: nobody home, a revisit planned for tomorrow (the date the form proposes).
    await payer.context().setOffline(true);
    await payer.locator('.round-village').first().locator('a.pay-item').first().click();
    await payer.getByRole('button', { name: 'Ghi nhận chưa chi trả' }).click();
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const shown = tomorrow.split('-').reverse().join('/');
    await expect
      .poll(() => payer.getByRole('status').allTextContents())
      .toContain(`Đã ghi nhận lần đến nhà chưa chi trả được; hẹn thăm lại ngày ${shown}.`);
    await navTo(payer, 'Của tôi');
    await expect
      .poll(() => payer.getByTestId('round-summary').textContent())
      .toContain(`Cần đến: ${String(assignedInV1 + 1)} · Thăm lại: 1`);
    const revisit = payer.locator('.round-village').first().locator('a.pay-item.status-unpaid');
    expect(await revisit.textContent()).toContain(`Thăm lại ngày ${shown} · Lần trước: Vắng nhà`);
    await payer.context().setOffline(false);

    // The payer's own order, remembered across a restart of the app.
    await payer.getByRole('button', { name: `Đưa ${v1} lên trước` }).click();
    await expect.poll(headings).toEqual([v1, v2]);
    await reloadUnlocked(payer);
    await expect.poll(headings, { timeout: 30_000 }).toEqual([v1, v2]);

    // The day's printout: everyone still to pay, in the same order, a signature column, the total.
    await payer.getByRole('link', { name: 'In danh sách đi chi trả hôm nay' }).click();
    const rows = payer.locator('.print-list tbody tr');
    await expect.poll(() => rows.count()).toBe(assignedInV1 + 2);
    expect(await rows.first().locator('td').nth(3).textContent()).toBe(v1);
    expect((await payer.getByTestId('round-print-total').textContent())?.replace(/\D/gu, '')).toBe(String(toPay));
    expect(await payer.locator('.print-list th.sign-col').textContent()).toBe('Người nhận ký');
    expect(await seriousViolations(payer)).toEqual([]);

    await officer.context().close();
    await payer.context().close();
  });
});
