import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testServices } from '../../tests/builders/services';
import { untilRendered as until } from '../../tests/builders/until';
import type { Role } from '../domain/vocabulary';
import { systemClock } from '../lib/clock';
import { holdPassword } from '../ui/held-password';
import { createAppDb, type AppDb } from '../storage/app-db';
import { lockDevice, setUpVault } from '../storage/device-unlock';
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

/** A signed-in device: a vault set up (few KDF rounds, for speed) unless `vault` is false. */
async function renderAs(role: Role, address: string, vault = true) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-1', username: role, displayName: 'Người Dùng', role, communes: ['19960'] },
    },
  });
  if (vault) await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, { iterations: 1000 });
  const state: SyncState = {
    status: 'idle',
    pendingCount: 0,
    lastSyncAt: null,
    progress: null,
    errorCode: null,
    retryAt: null,
    lastContactAt: null,
    reach: 'unknown',
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
  expect(navLinks().slice(0, 5)).toEqual(['Danh sách', 'Chi trả', 'Mở tài khoản', 'Cần xử lý', 'Phân công']);
  expect(navLinks()).not.toContain('Của tôi');
  expect(path).toBe('/bao-cao');
});

test('a payer has their round and their cash first among the payment screens, and assigns nobody', async () => {
  await renderAs('payer', '/');
  await until(() => expect(navLinks()).toContain('Của tôi'));
  expect(navLinks().slice(0, 4)).toEqual(['Danh sách', 'Của tôi', 'Tiền mặt', 'Chi trả']);
  expect(navLinks()).not.toContain('Phân công');
  expect(navLinks()).not.toContain('Quỹ người chi trả');
});

function type(id: string, value: string) {
  const el = container.querySelector<HTMLInputElement>(`#${id}`);
  if (!el) throw new Error(`no #${id}`);
  // React tracks the value it set: go through the prototype's setter, as typing does.
  Reflect.set(HTMLInputElement.prototype, 'value', value, el);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}
const submit = () =>
  act(async () => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await Promise.resolve();
  });

test('a locked device shows only the lock screen; a wrong PIN counts, the right one opens the same screen', async () => {
  await renderAs('supervisor', '/bao-cao');
  await until(() => expect(navLinks()).toContain('Báo cáo'));
  act(() => lockDevice(db));
  await until(() => expect(container.querySelector('h1')?.textContent).toBe('Máy đang khóa'));
  expect(navLinks()).toEqual([]);
  act(() => type('unlock-pin', '135790'));
  await submit();
  await until(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('Còn 4 lần thử'));
  act(() => type('unlock-pin', '258013'));
  await submit();
  await until(() => expect(navLinks()).toContain('Báo cáo'));
  expect(path).toBe('/bao-cao');
});

test('signed in without a vault: the PIN step comes first, refuses a trivial PIN, then opens the app', async () => {
  holdPassword('mật khẩu dài');
  await renderAs('supervisor', '/', false);
  await until(() => expect(container.querySelector('h1')?.textContent).toBe('Đặt mã PIN cho máy này'));
  expect(container.querySelector('#pin-password')).toBeNull();
  act(() => {
    type('pin-new', '123456');
    type('pin-repeat', '123456');
  });
  await submit();
  await until(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('quá dễ đoán'));
  act(() => {
    type('pin-new', '270415');
    type('pin-repeat', '270415');
  });
  await submit();
  await until(() => expect(navLinks()).toContain('Danh sách'));
  expect(db.keyring.state).toBe('unlocked');
});
