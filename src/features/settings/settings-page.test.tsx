import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { recordOk } from '../../../tests/builders/record';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { getKv, setKv } from '../../storage/kv';
import type { OutboxExport } from '../../storage/outbox-export';
import { openSealed } from '../../storage/outbox-seal';
import { ServicesProvider } from '../../ui/services';
import { SettingsPage } from './settings-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let container: HTMLDivElement;
let downloads: { name: string; blob: Blob }[];
let lastBlob: Blob | null;
const logout = vi.fn((_token: string) => Promise.resolve());
let n = 0;
const ctx = {
  deviceId: 'dev-tablet-1',
  actorId: 'user-1',
  now: () => 0,
  makeId: () => `op-${++n}`,
  utcOffsetMinutes: 420,
};
const signature = {
  hash: 'c'.repeat(64),
  type: 'image/png',
  bytes: new Uint8Array([1, 2, 3]).buffer,
  uploaded: 0 as const,
};

beforeEach(async () => {
  n = 0;
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await setKv(db, 'deviceId', 'dev-tablet-1');
  await setKv(db, 'session', {
    token: 'tok-officer',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'user-1', username: 'officer', displayName: 'Cán bộ Một', role: 'officer', communes: ['19960'] },
  });
  await db.paymentLines.put({ ...paymentLineData(), id: 'line-1', version: 1 });
  await recordOk(db, ctx, 'payment.unpaid', 'line-1', { reason: 'absent' });
  await db.blobs.put(signature);
  downloads = [];
  lastBlob = null;
  // jsdom has no object URLs: keep the blob, and the name the link gave it, instead.
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (b: Blob) => ((lastBlob = b), 'blob:x'),
      revokeObjectURL: () => undefined,
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (lastBlob) downloads.push({ name: this.download, blob: lastBlob });
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const services = testServices(db, { transport: { logout }, clock: { now: () => Date.UTC(2026, 10, 29, 9) } });
  act(() =>
    root.render(
      <MemoryRouter>
        <ServicesProvider services={services}>
          <SettingsPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
  await until(() => expect(text()).toContain('Còn 1 thao tác chưa gửi'));
});
afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  logout.mockClear();
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

const text = () => container.textContent ?? '';
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button "${name}"`);
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? null;
const field = (id: string) => container.querySelector<HTMLInputElement>(`#${id}`) ?? expect.unreachable(`no #${id}`);

function type(id: string, value: string) {
  act(() => {
    // React tracks the value it set: go through the prototype's setter, as typing does.
    Reflect.set(HTMLInputElement.prototype, 'value', value, field(id));
    field(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Enter in a field of the form: the browser submits it. */
async function pressEnter() {
  await act(() => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return Promise.resolve();
  });
}

function openForm() {
  act(() => button('Xuất tệp mã hóa rồi đăng xuất').click());
  expect(document.activeElement).toBe(field('seal-password'));
}

async function tablesLeft(): Promise<string[]> {
  const left: string[] = [];
  for (const table of db.tables) if ((await table.count()) > 0) left.push(table.name);
  return left.sort();
}

describe('signing out with work unsent: a sealed file, then the wipe', { timeout: 20_000 }, () => {
  test('warns that only the password opens the file and a supervisor must import it', () => {
    openForm();
    expect(text()).toContain('Không có mật khẩu thì không ai đọc được tệp');
    expect(text()).toContain('cán bộ giám sát nhập tệp ở màn hình "Thiết bị"');
    expect(container.querySelector('label[for="seal-password"]')?.textContent).toBe('Mật khẩu cho tệp');
    expect(container.querySelector('label[for="seal-repeat"]')?.textContent).toBe('Nhập lại mật khẩu');
  });

  test('a short or mismatched password is refused with a clear message; nothing leaves, nothing is erased', async () => {
    openForm();
    type('seal-password', 'ngắn');
    type('seal-repeat', 'ngắn');
    await pressEnter();
    expect(alertText()).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    type('seal-password', 'mật khẩu dài');
    type('seal-repeat', 'mật khẩu dai');
    await pressEnter();
    expect(alertText()).toBe('Hai lần nhập mật khẩu không giống nhau.');
    expect(downloads).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
    expect(logout).not.toHaveBeenCalled();
  });

  test('the file is downloaded sealed; the device is wiped only once the user says it is saved', async () => {
    openForm();
    type('seal-password', 'mật khẩu dài');
    type('seal-repeat', 'mật khẩu dài');
    await pressEnter();
    await until(() => expect(downloads).toHaveLength(1));
    const [file] = downloads;
    expect(file?.name).toBe('thao-tac-chua-gui-ma-hoa-2026-11-29-dev-tabl.json');
    const sealed = await readBlob(file?.blob ?? new Blob());
    expect(sealed).not.toContain('op-1');
    expect(sealed).not.toContain('dev-tablet-1');
    const opened = await openSealed(sealed, 'mật khẩu dài');
    if (!opened.ok) expect.unreachable(opened.error);
    const plain = JSON.parse(opened.value) as OutboxExport;
    expect(plain).toMatchObject({ format: 'chitra-outbox', deviceId: 'dev-tablet-1' });
    expect(plain.ops.map((o) => o['id'])).toEqual(['op-1']);
    expect(plain.blobs.map((b) => b.hash)).toEqual([signature.hash]);

    // Made, not yet wiped: the user checks the file first, and may download it again.
    await until(() => expect(container.querySelector('[role="status"]')?.textContent).toContain(file?.name));
    expect(await db.outbox.count()).toBe(1);
    act(() => button('Tải lại tệp').click());
    expect(downloads.map((d) => d.name)).toEqual([file?.name, file?.name]);
    expect(logout).not.toHaveBeenCalled();

    act(() => button('Đã lưu tệp: xóa dữ liệu và đăng xuất').click());
    await until(() => expect(logout).toHaveBeenCalledWith('tok-officer'));
    expect(await tablesLeft()).toEqual(['kv']);
    expect(await getKv(db, 'wipedReason')).toBe('signed-out-exported');
  });

  test('an op recorded meanwhile (another tab) stops the wipe; the user is asked to export again', async () => {
    openForm();
    type('seal-password', 'mật khẩu dài');
    type('seal-repeat', 'mật khẩu dài');
    await pressEnter();
    await until(() => expect(downloads).toHaveLength(1));
    await recordOk(db, ctx, 'payment.unpaid', 'line-1', { reason: 'moved' });

    act(() => button('Đã lưu tệp: xóa dữ liệu và đăng xuất').click());
    await until(() => expect(alertText()).toContain('Có thao tác mới được ghi trong lúc xuất tệp'));
    expect(await db.outbox.count()).toBe(2);
    expect(await db.paymentLines.count()).toBe(1);
    expect(await getKv(db, 'session')).toBeDefined();
    expect(logout).not.toHaveBeenCalled();
    // Back to the form, to make a file with both ops.
    expect(field('seal-password').value).toBe('mật khẩu dài');
    await pressEnter();
    await until(() => expect(downloads).toHaveLength(2));
    const opened = await openSealed(await readBlob(downloads[1]?.blob ?? new Blob()), 'mật khẩu dài');
    if (!opened.ok) expect.unreachable(opened.error);
    expect((JSON.parse(opened.value) as OutboxExport).ops).toHaveLength(2);
  });

  test('Escape closes the form and forgets the password', () => {
    openForm();
    type('seal-password', 'mật khẩu dài');
    act(() => {
      field('seal-password').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(container.querySelector('#seal-password')).toBeNull();
    act(() => button('Xuất tệp mã hóa rồi đăng xuất').click());
    expect(field('seal-password').value).toBe('');
  });
});
