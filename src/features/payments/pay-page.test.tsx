import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { ServicesProvider } from '../../ui/services';
import { PayPage } from './pay-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.put(toBeneficiaryRow('b-1', 1, beneficiaryData({ fullName: 'Trần Thị Hoa' })));
  await db.kv.put({ key: 'deviceId', value: 'dev-1' });
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-payer', username: 'payer', displayName: 'Lê Văn Chi', role: 'payer', communes: ['19960'] },
    },
  });
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

function render() {
  const services = testServices(db, { clock: { now: () => Date.parse('2026-11-29T03:00:00Z') } });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter initialEntries={['/chi-tra/line-1']}>
        <ServicesProvider services={services}>
          <Routes>
            <Route path="/chi-tra/:lineId" element={<PayPage />} />
          </Routes>
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
}

describe('PayPage', { timeout: 20_000 }, () => {
  test('a payment a supervisor imported from a broken tablet’s file says so, and by whom', async () => {
    const payment = {
      opId: 'op-file-1',
      actorId: 'u-payer-old',
      recordedAt: '2026-11-20T09:00:00+07:00',
      amount: 1_000_000,
      receiver: { kind: 'self' },
      importedBy: 'user-sup-7',
    };
    await db.paymentLines.put({
      ...paymentLineData({ beneficiaryId: 'b-1', status: 'paid' }),
      id: 'line-1',
      version: 2,
      payment,
    });
    render();
    await until(() => expect(container.querySelector('h1')?.textContent).toBe('Trần Thị Hoa'));
    await until(() =>
      expect(container.querySelector('[data-testid="imported-facts"]')?.textContent).toBe(
        'Lần chi trả: nhập từ tệp bởi user-sup-7',
      ),
    );
  });
});
