// The reports screen in Chromium (issue 14): a supervisor on a 360-px phone opens "Báo cáo" from
// the navigation; the month's charts (uPlot canvases, the funnel's bars) and the tables under them
// render within the phone's width, and axe finds no serious or critical violation.
import { seriousViolations } from './axe';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForBootstrap } from './app-page';
import { launchBrowser, newDevice, PHONE, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('reports screen', () => {
  test('a supervisor on a phone sees the charts and tables of the month', async () => {
    const context = await newDevice(browser, baseUrl, PHONE);
    const page = await context.newPage();
    await signIn(page, 'supervisor');
    await waitForBootstrap(page);
    await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await expect.poll(() => page.locator('table#report-methods tbody tr').count(), { timeout: 30_000 }).toBe(12);
    await expect
      .poll(() => page.locator('figure[aria-describedby="report-methods"] canvas').count())
      .toBeGreaterThan(0);
    expect(await page.locator('table#report-funnel tbody tr').count()).toBe(7);
    // The demo's people are all active: the funnel starts with more than nobody.
    const people = await page.locator('table#report-funnel tbody tr').first().locator('td').first().textContent();
    expect(Number((people ?? '0').replaceAll('.', ''))).toBeGreaterThan(0);
    expect(await page.locator('table#report-statuses tbody tr').count()).toBeGreaterThan(0);
    // Nothing wider than the phone but the tables' own scrolling boxes.
    const chartWidth = await page.locator('figure[aria-describedby="report-methods"] canvas').first().boundingBox();
    expect(chartWidth?.width ?? 999).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
