import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { recordOk } from '../../../tests/builders/record';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import { outboxFileSchema } from '../../protocol/import';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { setKv } from '../../storage/kv';
import { exportUnsentOps, type OutboxExport } from '../../storage/outbox-export';
import { sealText } from '../../storage/outbox-seal';
import type { Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { DevicesPage } from './devices-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PASSWORD = 'mật khẩu dài';
let db: AppDb;
let root: Root;
let container: HTMLDivElement;
let exported: OutboxExport;
const importOps = vi.fn<Transport['importOps']>();
const listDevices = vi.fn<Transport['listDevices']>();
const listReceiptFlags = vi.fn<Transport['listReceiptFlags']>();

/** The officer's tablet: one op waiting, exported as at sign-out. */
async function tabletExport(): Promise<OutboxExport> {
  const tablet = createAppDb(`t-${crypto.randomUUID()}`);
  try {
    await setKv(tablet, 'deviceId', 'dev-tablet-1');
    await tablet.paymentLines.put({ ...paymentLineData(), id: 'line-1', version: 1 });
    const ctx = {
      deviceId: 'dev-tablet-1',
      actorId: 'u-off',
      now: () => 0,
      makeId: () => 'op-1',
      utcOffsetMinutes: 420,
    };
    await recordOk(tablet, ctx, 'payment.unpaid', 'line-1', { reason: 'absent' });
    return await exportUnsentOps(tablet, Date.UTC(2026, 10, 29));
  } finally {
    await tablet.delete();
  }
}

async function sealedOf(text: string): Promise<string> {
  const sealed = await sealText(text, PASSWORD);
  if (!sealed.ok) throw new Error(sealed.error);
  return JSON.stringify(sealed.value);
}

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await setKv(db, 'session', {
    token: 'tok-sup',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'u-sup', username: 'supervisor', displayName: 'Giám sát', role: 'supervisor', communes: ['19960'] },
  });
  exported = await tabletExport();
  listDevices.mockResolvedValue([]);
  listReceiptFlags.mockResolvedValue([]);
  importOps.mockImplementation((_token, file) =>
    Promise.resolve({
      protocol: 1,
      serverTime: '2026-11-29T02:00:00.000Z',
      results: file.ops.map((op) => ({ id: String(op['id']), status: 'applied' as const, version: 2 })),
    }),
  );
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const services = testServices(db, { transport: { importOps, listDevices, listReceiptFlags } });
  act(() =>
    root.render(
      <ServicesProvider services={services}>
        <DevicesPage />
      </ServicesProvider>,
    ),
  );
  await until(() => expect(listDevices).toHaveBeenCalled());
  await until(() => expect(fileInput()).not.toBeNull());
});
afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  importOps.mockReset();
  listDevices.mockReset();
  await db.delete();
});

const text = () => container.textContent ?? '';
const fileInput = () => container.querySelector<HTMLInputElement>('input[type="file"]');
const passwordInput = () => container.querySelector<HTMLInputElement>('#sealed-password');
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? null;
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button "${name}"`);

/** Picks a file on the import input (jsdom's File has no text(): a file-like object stands in). */
async function pick(name: string, content: string) {
  const input = fileInput() ?? expect.unreachable('no file input');
  Object.defineProperty(input, 'files', {
    configurable: true,
    value: [{ name, text: () => Promise.resolve(content) }],
  });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return Promise.resolve();
  });
}

function typePassword(value: string) {
  const input = passwordInput() ?? expect.unreachable('no password field');
  act(() => {
    Reflect.set(HTMLInputElement.prototype, 'value', value, input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submitPassword() {
  await act(() => {
    passwordInput()?.form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return Promise.resolve();
  });
}

describe('DevicesPage: importing a sealed file', { timeout: 20_000 }, () => {
  test('asks for the password, decrypts here and sends the plain export; a wrong one sends nothing', async () => {
    await pick('thao-tac-chua-gui-ma-hoa-2026-11-29-dev-tabl.json', await sealedOf(JSON.stringify(exported)));
    await until(() => expect(passwordInput()).not.toBeNull());
    expect(text()).toContain('Tệp "thao-tac-chua-gui-ma-hoa-2026-11-29-dev-tabl.json" được mã hóa.');
    expect(document.activeElement).toBe(passwordInput());
    expect(button('Giải mã và gửi lên máy chủ').disabled).toBe(true);

    typePassword('mật khẩu sai');
    await submitPassword();
    await until(() => expect(alertText()).toBe('Sai mật khẩu, hoặc tệp đã bị sửa. Chưa gửi gì lên máy chủ.'));
    expect(importOps).not.toHaveBeenCalled();
    expect(passwordInput()).not.toBeNull();

    typePassword(PASSWORD);
    await submitPassword();
    await until(() => expect(importOps).toHaveBeenCalledTimes(1));
    expect(importOps).toHaveBeenCalledWith('tok-sup', outboxFileSchema.parse(exported));
    await until(() => expect(text()).toContain('Đã ghi nhận 1, trùng 0, xung đột 0, bị từ chối 0'));
    expect(passwordInput()).toBeNull();
    expect(alertText()).toBeNull();
  });

  test('a damaged sealed file is refused before any password is tried, nothing sent', async () => {
    const sealed = JSON.parse(await sealedOf(JSON.stringify(exported))) as Record<string, unknown>;
    await pick('hong.json', JSON.stringify({ ...sealed, iv: 'không phải base64' }));
    typePassword(PASSWORD);
    await submitPassword();
    await until(() => expect(alertText()).toBe('Tệp mã hóa bị hỏng hoặc sai định dạng. Chưa gửi gì lên máy chủ.'));
    expect(passwordInput()).toBeNull();
    expect(importOps).not.toHaveBeenCalled();
  });

  test('what the file holds is checked like a plain file once decrypted', async () => {
    await pick('la.json', await sealedOf(JSON.stringify({ format: 'something-else' })));
    typePassword(PASSWORD);
    await submitPassword();
    await until(() =>
      expect(alertText()).toBe('Tệp không đúng: đây không phải tệp thao tác xuất từ ứng dụng Chi trả TGXH.'),
    );
    expect(importOps).not.toHaveBeenCalled();
  });

  test('Cancel (or Escape) drops the sealed file; a plain file still goes straight to the server', async () => {
    await pick('a.json', await sealedOf(JSON.stringify(exported)));
    await until(() => expect(passwordInput()).not.toBeNull());
    act(() => {
      passwordInput()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(passwordInput()).toBeNull();

    await pick('thao-tac-chua-gui-2026-11-29.json', JSON.stringify(exported));
    await until(() => expect(importOps).toHaveBeenCalledTimes(1));
    expect(passwordInput()).toBeNull();
    expect(importOps).toHaveBeenCalledWith('tok-sup', outboxFileSchema.parse(exported));
  });
});

describe('DevicesPage: irregular receipts', { timeout: 20_000 }, () => {
  test('the flags the server raised are listed in Vietnamese, with the number the chain expected', async () => {
    listReceiptFlags.mockResolvedValue([
      {
        opId: 'op-9',
        deviceId: 'dev-payer',
        deviceName: 'Máy tính bảng 3',
        code: 'gap',
        number: 7,
        expected: 5,
        lineId: '2026-11:b-1',
        communeCode: '19960',
        detectedAt: '2026-11-29T02:00:00.000Z',
      },
    ]);
    act(() => root.unmount());
    root = createRoot(container);
    act(() =>
      root.render(
        <ServicesProvider services={testServices(db, { transport: { importOps, listDevices, listReceiptFlags } })}>
          <DevicesPage />
        </ServicesProvider>,
      ),
    );
    await until(() => expect(container.querySelector('[data-testid="receipt-flags"]')).not.toBeNull());
    const row = container.querySelector('[data-testid="receipt-flags"] tbody tr')?.textContent ?? '';
    expect(row).toContain('Máy tính bảng 3');
    expect(row).toContain('Thiếu biên nhận trước đó');
    expect(row).toContain('mong đợi số 5');
    expect(listReceiptFlags).toHaveBeenCalledWith('tok-sup');
  });
});
