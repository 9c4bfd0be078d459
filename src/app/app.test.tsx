import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testServices } from '../../tests/builders/services';
import { untilRendered as until } from '../../tests/builders/until';
import type { Role } from '../domain/vocabulary';
import { systemClock } from '../lib/clock';
import { createAppDb, type AppDb } from '../storage/app-db';
import type { SyncState } from '../sync/sync-engine';
import type { Transport } from '../sync/transport';
import { ServicesProvider } from '../ui/services';
import { App } from './app';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
vi.mock('uplot', () => ({
  default: class {
    static paths = { stepped: () => () => null };
    setSize() {}
    destroy() {}
  },
}));

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
let path = '';
const transport = {
  reportMethods: vi.fn<Transport['reportMethods']>(() => Promise.resolve([])),
  reportFunnel: vi.fn<Transport['reportFunnel']>(() => Promise.resolve([])),
  reportProgress: vi.fn<Transport['reportProgress']>(() =>
    Promise.resolve({ byDay: [], byStatus: [], failedTransfers: [], homeDeliveriesByPayer: [] }),
  ),
  reportQuality: vi.fn<Transport['reportQuality']>(() =>
    Promise.resolve({ idChecks: [], receivers: [], disputes: [], records: [] }),
  ),
};

function Where() {
  path = useLocation().pathname;
  return null;
}

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

async function renderAs(role: Role, address: string) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-1', username: role, displayName: 'Người Dùng', role, communes: ['19960'] },
    },
  });
  const state: SyncState = {
    status: 'idle',
    pendingCount: 0,
    lastSyncAt: null,
    progress: null,
    errorCode: null,
    retryAt: null,
  };
  const engine = { subscribe: () => () => undefined, getState: () => state, syncNow: () => Promise.resolve() };
  const services = testServices(db, { transport, engine, clock: systemClock });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={services}>
        <MemoryRouter initialEntries={[address]}>
          <App />
          <Where />
        </MemoryRouter>
      </ServicesProvider>,
    ),
  );
}

const navLinks = () => [...container.querySelectorAll('nav[aria-label="Chính"] a')].map((a) => a.textContent ?? '');

test('a monitoring user lands on the reports, and the navigation offers no roster or payment screen', async () => {
  await renderAs('monitoring', '/');
  await until(() => expect(path).toBe('/bao-cao'));
  await until(() => expect(container.querySelector('h1')?.textContent).toBe('Báo cáo thí điểm chi trả'));
  expect(navLinks()).toEqual(['Báo cáo', 'Cài đặt']);
});

test('a monitoring user who types a payment screen’s address is sent to the reports', async () => {
  await renderAs('monitoring', '/chi-tra');
  await until(() => expect(path).toBe('/bao-cao'));
});

test('other roles keep the roster and payment screens in the navigation', async () => {
  await renderAs('supervisor', '/bao-cao');
  await until(() => expect(navLinks()).toContain('Báo cáo'));
  expect(navLinks().slice(0, 4)).toEqual(['Danh sách', 'Chi trả', 'Mở tài khoản', 'Cần xử lý']);
  expect(path).toBe('/bao-cao');
});
