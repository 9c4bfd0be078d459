import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { setLanguage } from '../../ui/messages';
import { ServicesProvider } from '../../ui/services';
import { ReadinessPage } from './readiness-page';
import { untilRendered as until } from '../../../tests/builders/until';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.bulkPut([
    // Only the old 9-digit card: needs a new ID card before a bank will open an account.
    toBeneficiaryRow('b-old', 1, beneficiaryData({ fullName: 'Lê Văn Tám', paymentMethod: 'bank', idNumber: null })),
    toBeneficiaryRow('b-ready', 1, beneficiaryData({ fullName: 'Trần Thị Hoa', paymentMethod: 'bank' })),
  ]);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  setLanguage('vi');
  await db.delete();
});

function render() {
  const services = testServices(db, {
    clock: { now: () => Date.parse('2026-11-29T03:00:00Z') },
    engine: { notifyNewOp: () => undefined },
    makeId: () => 'op-1',
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter>
        <ServicesProvider services={services}>
          <ReadinessPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
}

const tabs = () => [...container.querySelectorAll('[role="tab"]')].map((b) => b.textContent);
function openTab(startsWith: string) {
  const tab = [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) =>
    b.textContent?.startsWith(startsWith),
  );
  if (!tab) throw new Error(`no tab "${startsWith}"`);
  act(() => tab.click());
}

describe('ReadinessPage', { timeout: 20_000 }, () => {
  test('in Vietnamese: statuses and what to do, as the commune officer reads them', async () => {
    render();
    await until(() => expect(tabs()).toContain('Cần làm thẻ căn cước (1)'));
    expect(tabs()).toEqual([
      'Đủ hồ sơ mở tài khoản (1)',
      'Thiếu giấy tờ (0)',
      'Cần làm thẻ căn cước (1)',
      'Nhận tiền mặt, không cần tài khoản (0)',
    ]);
    openTab('Cần làm thẻ căn cước');
    expect(container.textContent).toContain('Chỉ có CMND cũ (hết hạn từ 01/01/2025): hướng dẫn làm thẻ căn cước.');
  });

  test('with English chosen, the statuses and reasons from the domain rule are English', async () => {
    setLanguage('en');
    render();
    await until(() => expect(tabs()).toContain('Needs a new ID card (1)'));
    expect(tabs()).toEqual([
      'Ready to open an account (1)',
      'Missing papers (0)',
      'Needs a new ID card (1)',
      'Paid in cash, no account needed (0)',
    ]);
    openTab('Needs a new ID card');
    expect(container.textContent).toContain('Lê Văn Tám');
    expect(container.textContent).toContain(
      'Only an old ID card (CMND, expired since 01/01/2025): help the person get a citizen ID card.',
    );
    expect(container.textContent).not.toMatch(/CMND cũ|thẻ căn cước/u);
    expect(container.textContent).toContain('Account opening files');
  });

  test('the card hand-over is never chosen here: it is recorded on the person’s page', async () => {
    await db.kv.put({
      key: 'session',
      value: {
        token: 't',
        expiresAt: '2099-01-01T00:00:00Z',
        user: { id: 'u-1', username: 'officer', displayName: 'officer', role: 'officer', communes: ['19960'] },
      },
    });
    render();
    const select = () => container.querySelector<HTMLSelectElement>('select[aria-label$="Trần Thị Hoa"]');
    await until(() => expect(select()).not.toBeNull());
    const options = [...(select()?.options ?? [])].map((o) => [o.value, o.disabled]);
    expect(options).toContainEqual(['card-handed-over', true]);
    expect(options).toContainEqual(['opened', false]);
  });
});
