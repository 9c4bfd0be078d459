// Roster filters and village order in Chromium: the demo officer narrows Phú Bài's roster by
// village, payment method and status, checks the count and the rows against what the device
// stored, sorts by village, and finds the choice remembered after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readRoster, waitForBootstrap } from './app-page';
import { launchBrowser, newDevice, PHONE, reloadUnlocked, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

type StoredPerson = { id: string; fullName: string; village: string; paymentMethod: string | null; status: string };

const villageOrder = new Intl.Collator('vi', { numeric: true }).compare;

/** The numbers in the count line ("12 / 2.000 người khớp bộ lọc" → [12, 2000]). */
async function countNumbers(page: Page): Promise<number[]> {
  const text = (await page.getByTestId('roster-count').textContent()) ?? '';
  return (text.match(/\d[\d.]*/gu) ?? []).map((n) => Number(n.replace(/\./gu, '')));
}

/** Visible rows: name and the "Sinh 1950 · Tổ 3" line, and the whole row's text. */
async function shownRows(page: Page): Promise<{ name: string; village: string; text: string }[]> {
  return page.$$eval('a.roster-row', (rows) =>
    rows.map((r) => ({
      name: r.querySelector('.roster-name')?.textContent ?? '',
      village: (r.querySelector('.roster-main .muted')?.textContent ?? '').split(' · ').at(-1) ?? '',
      text: r.textContent ?? '',
    })),
  );
}

describe('roster filters', () => {
  test('the officer filters by village, payment method and status, sorts by village, and the choice survives a reload', async () => {
    const context = await newDevice(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, 'officer');
    await waitForBootstrap(page);
    const people = await readRoster<StoredPerson>(page);
    const total = people.length;
    expect(total).toBeGreaterThan(50);
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([total]);

    // The village with the most active people paid in cash at the point, so every step has rows.
    const cashActive = people.filter((p) => p.paymentMethod === 'cash-point' && p.status === 'active');
    const byVillage = new Map<string, number>();
    for (const p of cashActive) byVillage.set(p.village, (byVillage.get(p.village) ?? 0) + 1);
    const village = [...byVillage.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    expect(village).not.toBe('');

    // Village alone.
    await page.getByLabel('Thôn/tổ', { exact: true }).selectOption(village);
    const inVillage = people.filter((p) => p.village === village);
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([inVillage.length, total]);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const row of await shownRows(page)) expect(row.village).toBe(village);

    // Village, payment method and status combine.
    await page.getByLabel('Hình thức nhận', { exact: true }).selectOption({ label: 'Tiền mặt tại điểm chi trả' });
    await page.getByLabel('Tình trạng', { exact: true }).selectOption({ label: 'Đang hưởng' });
    const expected = cashActive.filter((p) => p.village === village);
    const expectedNames = new Set(expected.map((p) => p.fullName));
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([expected.length, total]);
    await expect.poll(async () => (await shownRows(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const shown = await shownRows(page);
    expect(shown.length).toBeLessThanOrEqual(expected.length);
    for (const row of shown) {
      expect(expectedNames.has(row.name), row.name).toBe(true);
      expect(row.village).toBe(village);
      expect(row.text).toContain('Tiền mặt tại điểm chi trả');
      expect(row.text).toContain('Đang hưởng');
    }

    // The search box narrows the filtered people further (and never reaches outside them).
    const given = shown[0]?.name.split(' ').at(-1) ?? '';
    await page.getByRole('searchbox').fill(given);
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.name), { timeout: 15_000 })
      .toContain(shown[0]?.name);
    for (const row of await shownRows(page)) expect(expectedNames.has(row.name), row.name).toBe(true);
    await page.getByRole('searchbox').fill('');

    // Every village, by village: village blocks in order, starting with the first village.
    await page.getByLabel('Thôn/tổ', { exact: true }).selectOption({ label: 'Tất cả' });
    await page.getByLabel('Sắp xếp', { exact: true }).selectOption({ label: 'Theo thôn/tổ' });
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([cashActive.length, total]);
    const firstVillage = [...byVillage.keys()].sort(villageOrder)[0];
    await expect.poll(async () => (await shownRows(page))[0]?.village, { timeout: 15_000 }).toBe(firstVillage);
    const villages = (await shownRows(page)).map((r) => r.village);
    expect([...villages].sort(villageOrder)).toEqual(villages);

    // Remembered across a reload.
    await reloadUnlocked(page);
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([cashActive.length, total]);
    expect(await page.getByLabel('Sắp xếp', { exact: true }).inputValue()).toBe('village');
    expect(await page.getByLabel('Hình thức nhận', { exact: true }).inputValue()).toBe('cash-point');
    expect(await page.getByLabel('Tình trạng', { exact: true }).inputValue()).toBe('active');

    // One button clears every filter (the order stays).
    await page.getByRole('button', { name: 'Bỏ lọc', exact: true }).click();
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([total, total]);
    await context.close();
  });

  test('on a phone the filters open from a button, every control is 44 px tall, nothing overflows, and the keyboard works', async () => {
    const context = await newDevice(browser, baseUrl, PHONE);
    const page = await context.newPage();
    await signIn(page, 'officer2');
    await waitForBootstrap(page);
    const total = (await readRoster<StoredPerson>(page)).length;
    await expect.poll(() => countNumbers(page), { timeout: 15_000 }).toEqual([total]);

    // Folded away on a small screen, so the list keeps its room.
    const toggle = page.getByRole('button', { name: 'Lọc và sắp xếp', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Thôn/tổ', { exact: true }).count()).toBe(0);
    await toggle.click();
    const village = page.getByLabel('Thôn/tổ', { exact: true });
    await expect.poll(() => village.count()).toBe(1);

    // Keyboard only: focus the village select and step to the first village.
    await village.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await countNumbers(page)).length, { timeout: 15_000 }).toBe(2);
    const [shownCount] = await countNumbers(page);
    expect(shownCount).toBeLessThan(total);
    expect(await village.inputValue()).not.toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Bỏ lọc', exact: true }).count()).toBe(1);

    const sizes = await page.$$eval('button, input, select, nav a', (els) =>
      els.map((e) => ({ h: e.getBoundingClientRect().height, text: e.id || e.textContent })),
    );
    for (const s of sizes) expect(s.h, String(s.text)).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
