import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { CommuneLease, LeasesResponse } from '../../protocol/leases';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { formatDateTime } from '../../ui/format';
import { LeasesPage, parseLeaseDays } from './leases-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const phuBai: CommuneLease = {
  commune: '19960',
  communeName: 'Phường Phú Bài',
  days: 7,
  isDefault: true,
  setBy: null,
  setAt: null,
};
const locAn: CommuneLease = {
  commune: '20140',
  communeName: 'Xã Lộc An',
  days: 14,
  isDefault: false,
  setBy: { id: 'user-admin', name: 'Trần Quản Trị' },
  setAt: '2026-11-20T02:30:00.000Z',
};
const answer = (...leases: CommuneLease[]): LeasesResponse => ({ protocol: 1, defaultDays: 7, leases });

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = { listLeases: vi.fn<Transport['listLeases']>(), setLease: vi.fn<Transport['setLease']>() };

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  transport.listLeases.mockReset();
  transport.setLease.mockReset();
  await db.delete();
});

async function render() {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'user-admin', username: 'admin', displayName: 'Trần Quản Trị', role: 'admin', communes: [] },
    },
  });
  const services = testServices(db, { transport });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={services}>
        <LeasesPage />
      </ServicesProvider>,
    ),
  );
}

const text = () => container.textContent ?? '';
const row = (commune: string) =>
  container.querySelector<HTMLTableRowElement>(`tr[data-commune="${commune}"]`) ?? expect.unreachable(`no ${commune}`);
const daysField = (name: string) =>
  container.querySelector<HTMLInputElement>(`input[aria-label="Số ngày làm việc ngoại tuyến của ${name}"]`) ??
  expect.unreachable(`no field for ${name}`);
const saveButton = (name: string) =>
  container.querySelector<HTMLButtonElement>(`button[aria-label="Lưu thời hạn của ${name}"]`) ??
  expect.unreachable(`no save for ${name}`);

function type(el: HTMLInputElement, value: string) {
  act(() => {
    // React tracks the value it set: go through the native setter so the change is seen.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('LeasesPage', { timeout: 20_000 }, () => {
  test('lists each commune with its days, who set it and when, and says what the lease does', async () => {
    transport.listLeases.mockResolvedValue(answer(phuBai, locAn));
    await render();
    await until(() => expect(container.querySelector('[data-testid="leases"]')).not.toBeNull());
    expect(transport.listLeases).toHaveBeenCalledWith('tok');
    expect(text()).toContain('Quá thời hạn, máy bị khóa cho đến khi đồng bộ lại');
    expect(text()).toContain('Xã chưa đặt thời hạn dùng mặc định 7 ngày.');
    expect(daysField('Phường Phú Bài').value).toBe('7');
    expect(row('19960').textContent).toContain('Mặc định (chưa đặt)');
    expect(daysField('Xã Lộc An').value).toBe('14');
    expect(row('20140').textContent).toContain(
      `Trần Quản Trị, ${formatDateTime(Date.parse('2026-11-20T02:30:00.000Z'))}`,
    );
  });

  test('a saved lease is sent, confirmed and shown as the server now has it', async () => {
    transport.listLeases.mockResolvedValue(answer(phuBai, locAn));
    transport.setLease.mockResolvedValue({ protocol: 1, commune: '19960', days: 3 });
    await render();
    await until(() => expect(daysField('Phường Phú Bài')).toBeTruthy());
    transport.listLeases.mockResolvedValue(
      answer({ ...phuBai, days: 3, isDefault: false, setBy: locAn.setBy, setAt: '2026-11-29T03:00:00.000Z' }, locAn),
    );
    type(daysField('Phường Phú Bài'), '3');
    act(() => saveButton('Phường Phú Bài').click());
    await until(() => expect(text()).toContain('Đã lưu: Phường Phú Bài được làm việc ngoại tuyến 3 ngày.'));
    expect(transport.setLease).toHaveBeenCalledExactlyOnceWith('tok', '19960', 3);
    await until(() => expect(row('19960').textContent).toContain('Trần Quản Trị'));
    expect(transport.listLeases).toHaveBeenCalledTimes(2);
    expect(daysField('Phường Phú Bài').value).toBe('3');
  });

  test('Enter in the field saves it, from the keyboard alone', async () => {
    transport.listLeases.mockResolvedValue(answer(phuBai, locAn));
    transport.setLease.mockResolvedValue({ protocol: 1, commune: '20140', days: 30 });
    await render();
    await until(() => expect(daysField('Xã Lộc An')).toBeTruthy());
    type(daysField('Xã Lộc An'), '30');
    act(() => {
      daysField('Xã Lộc An').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await until(() => expect(transport.setLease).toHaveBeenCalledWith('tok', '20140', 30));
  });

  test.each(['0', '91', '2.5', '', '-3'])(
    '"%s" days is refused in Vietnamese before anything is sent',
    async (typed) => {
      transport.listLeases.mockResolvedValue(answer(phuBai));
      await render();
      await until(() => expect(daysField('Phường Phú Bài')).toBeTruthy());
      type(daysField('Phường Phú Bài'), typed);
      act(() => saveButton('Phường Phú Bài').click());
      await until(() =>
        expect(row('19960').querySelector('[role="alert"]')?.textContent).toBe(
          'Số ngày phải là số nguyên từ 1 đến 90.',
        ),
      );
      expect(daysField('Phường Phú Bài').getAttribute('aria-invalid')).toBe('true');
      expect(transport.setLease).not.toHaveBeenCalled();
    },
  );

  test('a refusal by the server is said by its code, in Vietnamese, on its row', async () => {
    transport.listLeases.mockResolvedValue(answer(phuBai, locAn));
    transport.setLease.mockRejectedValue(new TransportError('lease-days-invalid', 'x', 400));
    await render();
    await until(() => expect(daysField('Xã Lộc An')).toBeTruthy());
    type(daysField('Xã Lộc An'), '20');
    act(() => saveButton('Xã Lộc An').click());
    await until(() =>
      expect(row('20140').querySelector('[role="alert"]')?.textContent).toBe(
        'Số ngày làm việc ngoại tuyến phải là số nguyên từ 1 đến 90.',
      ),
    );
    expect(row('19960').querySelector('[role="alert"]')).toBeNull();
    expect(saveButton('Xã Lộc An').disabled).toBe(false);
    expect(transport.listLeases).toHaveBeenCalledTimes(1);
  });

  test('a list that cannot be loaded says why and offers to try again', async () => {
    transport.listLeases.mockRejectedValueOnce(new TransportError('network', 'x', 0));
    await render();
    await until(() => expect(text()).toContain('Không kết nối được máy chủ.'));
    transport.listLeases.mockResolvedValue(answer(phuBai));
    const retry = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Thử lại');
    act(() => retry?.click());
    await until(() => expect(daysField('Phường Phú Bài').value).toBe('7'));
  });
});

describe('parseLeaseDays', () => {
  test.each([
    ['1', 1],
    [' 90 ', 90],
    ['07', 7],
    ['0', null],
    ['91', null],
    ['1e1', null],
    ['3.0', null],
    ['', null],
  ])('%j reads as %j', (typed, days) => {
    expect(parseLeaseDays(typed)).toBe(days);
  });
});
