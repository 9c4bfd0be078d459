import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { Role } from '../../domain/vocabulary';
import type { Provider } from '../../protocol/batches';
import type { OpenedAccountsReview } from '../../protocol/opened-accounts';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { OpenedAccountsPage } from './opened-accounts-page';
import type { OpenedAccountsCalls } from './use-opened-accounts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const agribank: Provider = {
  id: 'p-agr',
  code: 'AGR',
  name: 'Agribank Hương Thủy',
  kind: 'bank',
  aliases: ['Agribank'],
  template: {
    fileType: 'xlsx',
    encoding: 'utf-8',
    separator: ',',
    columns: [
      { header: 'Số tài khoản', field: 'accountNumber' },
      { header: 'Số tiền', field: 'amount' },
    ],
    content: 'TGXH {month}/{year}',
    totalsRow: false,
    account: { kind: 'digits', minLength: 8, maxLength: 19 },
  },
  disabled: false,
  isExample: false,
  resultMapping: null,
  updatedAt: '2026-11-29T03:00:00.000Z',
};

const person = (id: string, fullName: string) => ({
  id,
  fullName,
  paymentMethod: 'cash-point' as const,
  bankName: null,
  account: null,
  accountStatus: 'submitted' as const,
});

const review = (patch: Partial<OpenedAccountsReview> = {}): OpenedAccountsReview => ({
  protocol: 1,
  importId: 'imp-1',
  providerId: 'p-agr',
  commune: '19960',
  fileName: 'tai khoan.xlsx',
  headerRow: 2,
  mapping: { idNumber: 'Số CCCD', fullName: 'Họ và tên', accountNumber: 'Số tài khoản' },
  counts: {
    match: 1,
    'name-differs': 1,
    'not-found': 1,
    'several-people': 0,
    'duplicate-row': 0,
    'account-invalid': 0,
    'already-set': 0,
  },
  rows: [
    {
      row: 3,
      idNumber: '046152000111',
      fullName: 'Nguyễn Văn An',
      accountNumber: '4000111222333',
      holderName: null,
      openedDate: null,
      outcome: 'match',
      message: '…',
      person: person('b-an', 'Nguyễn Văn An'),
      applied: false,
    },
    {
      row: 4,
      idNumber: '046152000222',
      fullName: 'Lê Thị Bích',
      accountNumber: '4000111222444',
      holderName: null,
      openedDate: null,
      outcome: 'name-differs',
      message: '…',
      person: person('b-binh', 'Lê Thị Bình'),
      applied: false,
    },
    {
      row: 5,
      idNumber: '046152000999',
      fullName: 'Ngô Thị Hạnh',
      accountNumber: '4000111222777',
      holderName: null,
      openedDate: null,
      outcome: 'not-found',
      message: '…',
      person: null,
      applied: false,
    },
  ],
  appliedAt: null,
  applied: 0,
  ...patch,
});

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = { listProviders: vi.fn<Transport['listProviders']>() };
const calls = { read: vi.fn<OpenedAccountsCalls['read']>(), apply: vi.fn<OpenedAccountsCalls['apply']>() };

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
  transport.listProviders.mockResolvedValue([agribank, { ...agribank, id: 'p-off', name: 'Tắt', disabled: true }]);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  transport.listProviders.mockReset();
  calls.read.mockReset();
  calls.apply.mockReset();
  await db.delete();
});

async function renderAs(role: Role) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: `u-${role}`, username: role, displayName: role, role, communes: ['19960'] },
    },
  });
  await db.communes.put({
    id: '19960',
    version: 1,
    code: '19960',
    name: 'Phường Phú Bài',
    codeVersion: '2025-07-01',
    provinceCode: '46',
    formerUnits: [],
  });
  const services = testServices(db, { transport, clock: { now: () => Date.parse('2026-11-29T03:00:00Z') } });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={services}>
        <OpenedAccountsPage calls={calls} />
      </ServicesProvider>,
    ),
  );
}

const text = () => container.textContent ?? '';
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button ${name}`);

async function chooseFileAndRead() {
  await until(() => expect(container.querySelector('select option[value="p-agr"]')).not.toBeNull());
  const input = container.querySelector<HTMLInputElement>('input[type="file"]') ?? expect.unreachable('no file input');
  const file = new File([new Uint8Array([1, 2, 3])], 'tai khoan.xlsx', { type: 'application/vnd.ms-excel' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await until(() => expect(button('Đọc và đối chiếu tệp').disabled).toBe(false));
  act(() => button('Đọc và đối chiếu tệp').click());
}

describe('OpenedAccountsPage', { timeout: 20_000 }, () => {
  test('a file is reviewed row by row; a differing name applies only once confirmed', async () => {
    calls.read.mockResolvedValue(review());
    await renderAs('supervisor');
    // Disabled providers are not offered.
    await until(() => expect(container.querySelectorAll('select option').length).toBe(2));
    await chooseFileAndRead();
    await until(() => expect(container.querySelector('[data-testid="opened-accounts-review"]')).not.toBeNull());
    expect(calls.read).toHaveBeenCalledWith(
      'tok',
      expect.objectContaining({ providerId: 'p-agr', commune: '19960', fileName: 'tai khoan.xlsx' }),
    );
    expect(container.querySelector('[data-testid="opened-accounts-counts"]')?.textContent).toBe(
      'Khớp: 1Họ tên khác: 1Không tìm thấy: 1',
    );
    const rows = [...container.querySelectorAll('[data-testid="opened-accounts-rows"] tbody tr')];
    expect(rows[1]?.textContent).toContain('Lê Thị BíchLê Thị Bình046152000222');
    expect(rows[1]?.textContent).toContain('Họ tên khác');
    expect(rows[2]?.textContent).toContain('Không có đối tượng nào của xã mang số CCCD/CMND này');
    // Only a differing name is asked.
    expect(container.querySelectorAll('input[type="checkbox"]')).toHaveLength(1);
    expect(text()).toContain('Sẽ ghi nhận 1 tài khoản đã mở');

    const accept =
      container.querySelector<HTMLInputElement>('input[aria-label="Xác nhận đúng người: dòng 4, Lê Thị Bích"]') ??
      expect.unreachable('no accept box');
    act(() => accept.click());
    await until(() => expect(text()).toContain('Sẽ ghi nhận 2 tài khoản đã mở'));
    const done = review({ appliedAt: '2026-11-29T03:05:00.000Z', applied: 2 });
    done.rows = done.rows.map((r) => ({ ...r, applied: r.row !== 5 }));
    calls.apply.mockResolvedValue(done);
    act(() => button('Ghi nhận tài khoản đã mở').click());
    await until(() => expect(text()).toContain('Đã ghi nhận 2 tài khoản đã mở.'));
    expect(calls.apply).toHaveBeenCalledWith('tok', { providerId: 'p-agr', importId: 'imp-1', accept: [4] });
    expect(container.querySelectorAll('[data-testid="opened-accounts-rows"] tbody tr')[0]?.textContent).toContain(
      'Đã ghi nhận',
    );
    expect(() => button('Ghi nhận tài khoản đã mở')).toThrow();
  });

  test('a file whose columns cannot be found says which headers it needs; a refused apply says why', async () => {
    calls.read.mockRejectedValueOnce(new TransportError('result-mapping-needed', 'x', 422));
    await renderAs('supervisor');
    await chooseFileAndRead();
    await until(() => expect(text()).toContain('Không tìm thấy dòng tiêu đề có các cột số CCCD/CMND'));
    expect(container.querySelector('[data-testid="opened-accounts-review"]')).toBeNull();

    calls.read.mockResolvedValue(review());
    act(() => button('Đọc và đối chiếu tệp').click());
    await until(() => expect(container.querySelector('[data-testid="opened-accounts-review"]')).not.toBeNull());
    calls.apply.mockRejectedValue(new TransportError('batch-step-out-of-order', 'x', 409));
    act(() => button('Ghi nhận tài khoản đã mở').click());
    await until(() => expect(container.querySelector('p.error')).not.toBeNull());
    expect(button('Ghi nhận tài khoản đã mở').disabled).toBe(false);
  });

  test('a payer is told who imports, and offered no file', async () => {
    await renderAs('payer');
    await until(() => expect(text()).toContain('Chỉ cán bộ giám sát được nhập danh sách tài khoản đã mở.'));
    expect(container.querySelector('input[type="file"]')).toBeNull();
  });
});
