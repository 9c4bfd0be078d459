import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { openSealed } from '../../storage/outbox-seal';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import type { User } from '../../protocol/auth';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { recordOk } from '../../../tests/builders/record';
import { createFakeTransport, type FakeTransport } from '../../sync/fake-transport';
import { ServicesProvider } from '../../ui/services';
import { LoginPage } from './login-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const user = (id: string, username: string): User => ({
  id,
  username,
  displayName: username === 'officer' ? 'Cán bộ Một' : 'Nhân viên Hai',
  role: 'officer',
  communes: ['19960'],
});
const officer = user('user-1', 'officer');
const payer = user('user-2', 'payer');

let db: AppDb;
let server: FakeTransport;
let root: Root;
let container: HTMLDivElement;
let downloaded: Blob[];

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  server = createFakeTransport();
  server.addUser(officer, 'mat-khau-1');
  server.addUser(payer, 'mat-khau-1');
  downloaded = [];
  // jsdom has no object URLs: keep the blob the page offers instead.
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (b: Blob) => (downloaded.push(b), 'blob:x'),
      revokeObjectURL: () => undefined,
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  container = document.createElement('div');
  root = createRoot(container);
  const services = testServices(db, {
    transport: server,
    engine: { syncNow: () => Promise.resolve() },
    makeId: () => 'device-1',
    clock: { now: () => Date.UTC(2026, 10, 29) },
  });
  act(() =>
    root.render(
      <ServicesProvider services={services}>
        <LoginPage onSuccess={() => undefined} />
      </ServicesProvider>,
    ),
  );
});
afterEach(async () => {
  act(() => root.unmount());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await db.delete();
});

/** jsdom's Blob has no text(): read it as a page would. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error('unreadable blob'));
    reader.readAsText(blob);
  });
}

async function submit(username: string) {
  const input = (id: string, value: string) => {
    const el = container.querySelector<HTMLInputElement>(`#${id}`);
    if (!el) throw new Error(`no #${id}`);
    // React tracks the value it set: go through the prototype's setter, as typing does.
    Reflect.set(HTMLInputElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  act(() => {
    input('username', username);
    input('password', 'mat-khau-1');
  });
  await act(() => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return Promise.resolve();
  });
}

test("refused because of another user's unsent ops, the sign-in screen exports them for a supervisor", async () => {
  await db.paymentLines.put({ ...paymentLineData(), id: 'line-1', version: 1 });
  const op = await recordOk(
    db,
    { deviceId: 'device-1', actorId: officer.id, now: () => 0, makeId: () => 'op-1', utcOffsetMinutes: 420 },
    'payment.unpaid',
    'line-1',
    { reason: 'absent' },
  );
  await db.kv.put({ key: 'deviceId', value: 'device-1' });
  await db.kv.put({ key: 'lastUser', value: officer });

  await submit('payer');
  await vi.waitFor(() =>
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Cán bộ Một (officer)'),
  );
  const button = [...container.querySelectorAll('button')].find(
    (b) => b.textContent === 'Xuất thao tác chưa gửi ra tệp',
  );
  expect(button).toBeDefined();

  act(() => button?.click());
  // The file names the people paid: it leaves only sealed with a password, typed twice.
  const [password, repeat] = [...container.querySelectorAll<HTMLInputElement>('input[autocomplete="new-password"]')];
  const type = (el: HTMLInputElement | undefined, value: string) => {
    if (!el) throw new Error('no password field');
    Reflect.set(HTMLInputElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const sealForm = () => container.querySelectorAll('form')[1];
  act(() => {
    type(password, 'ngan');
    type(repeat, 'ngan');
  });
  await act(() => {
    sealForm()?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return Promise.resolve();
  });
  await vi.waitFor(() => expect(sealForm()?.querySelector('[role="alert"]')?.textContent).toContain('ít nhất 8'));
  expect(downloaded).toHaveLength(0);

  act(() => {
    type(password, 'mat-khau-tep-1');
    type(repeat, 'mat-khau-tep-1');
  });
  await act(() => {
    sealForm()?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return Promise.resolve();
  });
  await vi.waitFor(() => expect(downloaded).toHaveLength(1));
  const sealed = JSON.parse(await readBlob(downloaded[0] as Blob)) as unknown;
  expect(JSON.stringify(sealed)).not.toContain(op.id);
  const opened = await openSealed(sealed, 'mat-khau-tep-1');
  if (!opened.ok) throw new Error(opened.error);
  const file = JSON.parse(opened.value) as { ops: { id: string }[]; deviceId: string };
  expect(file.ops.map((o) => o.id)).toEqual([op.id]);
  expect(file.deviceId).toBe('device-1');
  expect(sealForm()?.querySelector('[role="status"]')?.textContent).toContain('Đã tải tệp mã hóa');
});

test('a plain wrong password offers no export', async () => {
  await submit('nobody');
  await vi.waitFor(() => expect(container.querySelector('[role="alert"]')).not.toBeNull());
  expect([...container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
    'Xuất thao tác chưa gửi ra tệp',
  );
});
