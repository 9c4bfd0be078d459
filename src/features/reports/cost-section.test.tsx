import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { Role } from '../../domain/vocabulary';
import type { CostRow, MethodRow } from '../../protocol/reports';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { CostSection } from './cost-section';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
vi.mock('uplot', () => ({
  default: class {
    static paths = { stepped: () => () => null };
    setSize() {}
    destroy() {}
  },
}));

const methods: MethodRow[] = [
  {
    period: '2026-11',
    commune: '19960',
    method: 'bank',
    lines: 2,
    amount: 1_000_000,
    paidLines: 2,
    paidAmount: 1_000_000,
  },
  {
    period: '2026-11',
    commune: '19960',
    method: 'cash-point',
    lines: 6,
    amount: 3_000_000,
    paidLines: 6,
    paidAmount: 3_000_000,
  },
];
const row = (over: Partial<CostRow> & Pick<CostRow, 'method'>): CostRow => ({
  period: '2026-11',
  fee: null,
  note: null,
  paidLines: 0,
  paidLinesInScope: 0,
  costPerPayment: null,
  ...over,
});
const cashPoint = row({
  method: 'cash-point',
  fee: 1_200_000,
  paidLines: 400,
  paidLinesInScope: 6,
  costPerPayment: 3_000,
});
const before = [row({ method: 'bank', paidLines: 100, paidLinesInScope: 2 }), cashPoint];
const after = [
  row({ method: 'bank', fee: 250_000, paidLines: 100, paidLinesInScope: 2, costPerPayment: 2_500 }),
  cashPoint,
];

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
  reportCost: vi.fn<Transport['reportCost']>(),
  saveFees: vi.fn<Transport['saveFees']>(),
};

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
  transport.reportCost.mockResolvedValue(before);
  transport.saveFees.mockResolvedValue(undefined);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  for (const fn of Object.values(transport)) fn.mockReset();
  await db.delete();
});

async function render(role: Role) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-1', username: role, displayName: 'Người Dùng', role, communes: ['19960'] },
    },
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={testServices(db, { transport })}>
        <MemoryRouter>
          <CostSection methods={methods} scope="commune:19960" period="2026-11" />
        </MemoryRouter>
      </ServicesProvider>,
    ),
  );
  await until(() => expect(container.querySelector('table#report-cost')).not.toBeNull());
}

const november = () =>
  [...container.querySelectorAll('table#report-cost tbody tr')].at(-1)?.querySelectorAll('th, td') ?? [];
const cells = () => [...november()].map((c) => c.textContent);
const input = (label: string) => {
  const found = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  return container.querySelector<HTMLInputElement>(`#${found?.htmlFor ?? 'none'}`) ?? expect.unreachable(`no ${label}`);
};
function type(el: HTMLInputElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const save = () =>
  act(() =>
    (
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Lưu phí') ??
      expect.unreachable('no save button')
    ).click(),
  );

test('the cost of one payment by method sits beside the scope’s non-cash share', async () => {
  await render('supervisor');
  expect(transport.reportCost).toHaveBeenCalledWith('tok', '2026-11');
  // Bank has no fee yet; cash point 3.000 đồng; the scope paid 1 of 4 million without cash.
  expect(cells()).toEqual(['Tháng 11/2026', '—', '—', '3.000', '—', '3.000', '—', '25,0 %']);
  expect(container.querySelector('table#report-cost tbody')?.children).toHaveLength(12);
  // Only admins enter fees.
  expect(container.querySelector('form')).toBeNull();
});

test('an admin enters a month’s fee: refused when not whole đồng, then saved and the cost reloads', async () => {
  await render('admin');
  expect(input('Tiền mặt tại điểm chi trả: phí cả tháng (đồng)').value).toBe('1.200.000');
  const bank = input('Tài khoản ngân hàng: phí cả tháng (đồng)');
  type(bank, '250000,5');
  save();
  expect(bank.getAttribute('aria-invalid')).toBe('true');
  expect(container.querySelector(`#${bank.getAttribute('aria-describedby') ?? ''}`)?.textContent).toBe(
    'Phí phải là số đồng nguyên (ví dụ 1.500.000), không có dấu phẩy hay chữ.',
  );
  expect(transport.saveFees).not.toHaveBeenCalled();

  transport.reportCost.mockResolvedValue(after);
  type(bank, '250.000');
  save();
  await until(() => expect(container.querySelector('[role="status"]')?.textContent).toBe('Đã lưu phí tháng 11/2026.'));
  expect(transport.saveFees).toHaveBeenCalledWith('tok', '2026-11', [
    { method: 'bank', amount: 250_000 },
    { method: 'cash-point', amount: 1_200_000 },
  ]);
  await until(() => expect(cells()).toEqual(['Tháng 11/2026', '2.500', '—', '3.000', '—', '3.000', '2.500', '25,0 %']));
  expect(transport.reportCost).toHaveBeenCalledTimes(2);
});

test('nothing typed, or the server refuses: said in Vietnamese', async () => {
  transport.reportCost.mockResolvedValue([row({ method: 'bank', paidLines: 3 })]);
  await render('admin');
  save();
  expect(container.querySelector('[role="alert"]')?.textContent).toBe('Hãy nhập phí của ít nhất một hình thức.');
  transport.saveFees.mockRejectedValueOnce(new TransportError('forbidden', 'no', 403));
  type(input('Ví Mobile Money: phí cả tháng (đồng)'), '90 000');
  save();
  await until(() => expect(container.querySelector('[role="status"]')?.textContent).toMatch(/^Không lưu được phí: /u));
  expect(transport.saveFees).toHaveBeenCalledWith('tok', '2026-11', [{ method: 'mobile-money', amount: 90_000 }]);
});
