/** Accessibility checks of the e2e tests: axe's serious and critical violations on a page. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Each serious or critical violation as `id (impact) N×`; empty when there is none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.nodes.length}×`);
}
