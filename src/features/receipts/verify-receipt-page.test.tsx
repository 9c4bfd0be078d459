import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { ReceiptFacts } from '../../domain/receipt-chain';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { exportPublicKey, newDeviceKeyPair, signReceipt } from '../../storage/receipt-signing';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { ServicesProvider } from '../../ui/services';
import { VerifyReceiptPage } from './verify-receipt-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
let qr: string;

const facts: ReceiptFacts = {
  deviceId: 'dev-payer',
  number: 4,
  lineId: '2026-11:b-1',
  beneficiaryId: 'b-1',
  amount: 1_080_000,
  date: '2026-11-12',
  receiver: 'authorized',
  previous: 'a'.repeat(64),
};

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.put(toBeneficiaryRow('b-1', 1, beneficiaryData({ fullName: 'Trần Thị Hoa' })));
  const pair = await newDeviceKeyPair();
  await db.kv.put({
    key: 'receiptKeys',
    value: [
      {
        deviceId: 'dev-payer',
        deviceName: 'Máy tính bảng 3',
        userName: 'Lê Văn Chi',
        publicKey: await exportPublicKey(pair.publicKey),
      },
    ],
  });
  qr = (await signReceipt(pair.privateKey, facts)).qr;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter>
        <ServicesProvider services={testServices(db)}>
          <VerifyReceiptPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
  await until(() => expect(container.textContent).toContain('khóa của 1 thiết bị'));
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

function paste(text: string) {
  const input = container.querySelector<HTMLInputElement>('form input') ?? expect.unreachable('no input');
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const verdict = () => container.querySelector('[data-testid="receipt-verdict"]');

describe('VerifyReceiptPage', { timeout: 20_000 }, () => {
  test('a pasted receipt verifies offline: device, person from the roster, amount, date, receiver, code', async () => {
    paste(qr);
    await until(() => expect(verdict()?.textContent).toContain('Biên nhận hợp lệ'));
    // The person's name comes from the roster on this device.
    await until(() => expect(verdict()?.textContent).toContain('Trần Thị Hoa'));
    expect(verdict()?.getAttribute('role')).toBe('status');
    const text = verdict()?.textContent ?? '';
    expect(text).toContain('Máy tính bảng 3 (Lê Văn Chi)');
    expect(text).toContain('12/11/2026');
    expect(text).toMatch(/1\.080\.000/u);
    expect(text).toContain('Người được ủy quyền');
    expect(container.querySelector('[data-testid="verdict-code"]')?.textContent).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/u);
  });

  test.each([
    [
      'altered by one character',
      (q: string) => `${q.slice(0, 40)}${q[40] === 'A' ? 'B' : 'A'}${q.slice(41)}`,
      'đã bị sửa',
    ],
    ['from another system', () => 'https://dichvucong.gov.vn/p/123', 'không phải mã QR biên nhận'],
  ])('a receipt %s is refused with a clear message', async (_name, change, message) => {
    paste(change(qr));
    await until(() => expect(verdict()?.textContent).toContain(message));
    expect(verdict()?.getAttribute('role')).toBe('alert');
  });

  test('a receipt of a device whose key is not kept says to sync when online', async () => {
    await db.kv.put({ key: 'receiptKeys', value: [] });
    await until(() => expect(container.textContent).toContain('chưa tải khóa'));
    paste(qr);
    await until(() => expect(verdict()?.textContent).toContain('Hãy đồng bộ khi có mạng'));
  });
});
