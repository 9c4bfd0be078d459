import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { CostRow, FunnelRow, MethodRow } from '../../protocol/reports';
import { createAppDb, type AppDb } from '../../storage/app-db';
import type { Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { MonthlyReportPage } from './monthly-report-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const paid = (period: string, commune: string, method: string, lines: number, amount: number): MethodRow => ({
  period,
  commune,
  method,
  lines: lines + 1,
  amount: amount + 500_000,
  paidLines: lines,
  paidAmount: amount,
});
// Phú Bài (19960) and Thanh Thủy (19969) are in the former Hương Thủy (479); Lộc An (20140) is not.
const methods: MethodRow[] = [
  paid('2026-09', '19960', 'cash-point', 10, 5_000_000),
  paid('2026-10', '19960', 'cash-point', 8, 4_000_000),
  paid('2026-10', '19960', 'bank', 2, 1_000_000),
  paid('2026-11', '19960', 'bank', 2, 1_000_000),
  paid('2026-11', '19960', 'cash-point', 5, 2_500_000),
  paid('2026-11', '19969', 'mobile-money', 1, 1_000_000),
  paid('2026-11', '20140', 'bank', 40, 20_000_000),
];
const stage = (commune: string, people: number, chose: number, firstPaid: number): FunnelRow => ({
  commune,
  people,
  choseAccount: chose,
  ready: chose,
  submitted: chose,
  opened: firstPaid,
  cardHandedOver: firstPaid,
  firstNonCashPaid: firstPaid,
  cohortThreeMonths: 0,
  stillNonCash: 0,
});
const funnel = [stage('19960', 100, 30, 2), stage('19969', 50, 10, 1), stage('20140', 400, 300, 40)];
const cost: CostRow[] = [
  {
    period: '2026-11',
    method: 'bank',
    fee: 300_000,
    note: null,
    paidLines: 100,
    paidLinesInScope: 2,
    costPerPayment: 3_000,
  },
  {
    period: '2026-11',
    method: 'cash-point',
    fee: 1_000_000,
    note: null,
    paidLines: 400,
    paidLinesInScope: 5,
    costPerPayment: 2_500,
  },
  {
    period: '2026-11',
    method: 'mobile-money',
    fee: null,
    note: null,
    paidLines: 30,
    paidLinesInScope: 1,
    costPerPayment: null,
  },
];

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
  reportMethods: vi.fn<Transport['reportMethods']>(),
  reportFunnel: vi.fn<Transport['reportFunnel']>(),
  reportCost: vi.fn<Transport['reportCost']>(),
};

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
  transport.reportMethods.mockResolvedValue(methods);
  transport.reportFunnel.mockResolvedValue(funnel);
  transport.reportCost.mockResolvedValue(cost);
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-m', username: 'monitor', displayName: 'Theo Dõi', role: 'monitoring', communes: ['19960'] },
    },
  });
});
afterEach(async () => {
  unmount();
  container.remove();
  for (const fn of Object.values(transport)) fn.mockReset();
  vi.restoreAllMocks();
  await db.delete();
});

function unmount() {
  if (root) act(() => root?.unmount());
  root = undefined;
}

function render(address = '/bao-cao/in?period=2026-11&scope=district:479') {
  const services = testServices(db, { transport });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={services}>
        <MemoryRouter initialEntries={[address]}>
          <MonthlyReportPage />
        </MemoryRouter>
      </ServicesProvider>,
    ),
  );
}

const table = (id: string) => container.querySelector(`table#${id}`) ?? expect.unreachable(`no table ${id}`);
const rowTexts = (id: string) =>
  [...table(id).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
const headTexts = (id: string) => [...table(id).querySelectorAll('thead th')].map((th) => th.textContent);
const textarea = () => container.querySelector('textarea') ?? expect.unreachable('no notes');

function type(el: HTMLTextAreaElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

test('the month of a scope: title, key figures, funnel, comparison and cost, without other districts', async () => {
  render();
  await until(() => expect(container.querySelector('table#monthly-figures')).not.toBeNull());
  expect(transport.reportCost).toHaveBeenCalledWith('tok', '2026-11');
  expect(container.querySelector('h1')?.textContent).toBe(
    'Báo cáo thí điểm chi trả không dùng tiền mặt — Thị xã Hương Thủy, tháng 11/2026',
  );
  // November in Hương Thủy: 8 paid, 4.500.000 đồng; 3 of 8 people and 2 of 4,5 million without cash.
  expect(rowTexts('monthly-figures')).toEqual([
    ['Số người đang hưởng', '150'],
    ['Số người đã nhận', '8'],
    ['Số tiền đã chi (đồng)', '4.500.000'],
    ['Tỉ lệ người nhận không dùng tiền mặt', '37,5 %'],
    ['Tỉ lệ tiền chi không dùng tiền mặt', '44,4 %'],
  ]);
  expect(rowTexts('report-funnel').slice(0, 2)).toEqual([
    ['Người đang hưởng', '150', '100,0 %', '0'],
    ['Đã chọn nhận qua tài khoản', '40', '26,7 %', '110'],
  ]);
  expect(headTexts('monthly-comparison')).toEqual([
    'Chỉ tiêu',
    'Tháng này (11/2026)',
    'Tháng trước (10/2026)',
    'Tháng đầu thí điểm (09/2026)',
  ]);
  expect(rowTexts('monthly-comparison')).toEqual([
    ['Số người đã nhận', '8', '10', '10'],
    ['Số tiền đã chi (đồng)', '4.500.000', '5.000.000', '5.000.000'],
    ['Tỉ lệ tiền chi không dùng tiền mặt', '44,4 %', '20,0 %', '0,0 %'],
  ]);
  // Only November has fees; bank, mobile money (no fee), cash point, home (nothing); the averages; the share.
  expect(rowTexts('monthly-cost')).toEqual([['Tháng 11/2026', '3.000', '—', '2.500', '—', '2.500', '3.000', '44,4 %']]);
});

test('the preparer’s notes are kept on the device and printed as text', async () => {
  render();
  await until(() => expect(textarea().disabled).toBe(false));
  type(textarea(), 'Thanh Thủy: bưu điện nghỉ hai ngày.\nCần thêm điểm chi.');
  expect(container.querySelector('[data-testid="printed-notes"]')?.textContent).toBe(
    'Thanh Thủy: bưu điện nghỉ hai ngày.\nCần thêm điểm chi.',
  );
  await expect
    .poll(async () => (await db.kv.get('draft:monthly-report:2026-11:district:479'))?.value)
    .toBe('Thanh Thủy: bưu điện nghỉ hai ngày.\nCần thêm điểm chi.');
  unmount();
  render();
  await until(() => expect(textarea().value).toBe('Thanh Thủy: bưu điện nghỉ hai ngày.\nCần thêm điểm chi.'));
  // Another scope's report has notes of its own.
  unmount();
  render('/bao-cao/in?period=2026-11&scope=commune:19960');
  await until(() => expect(textarea().disabled).toBe(false));
  expect(textarea().value).toBe('');
});

test('“In báo cáo” asks the browser to print', async () => {
  const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
  render();
  await until(() => expect(container.querySelector('table#monthly-figures')).not.toBeNull());
  const button =
    [...container.querySelectorAll('button')].find((b) => b.textContent === 'In báo cáo') ??
    expect.unreachable('no print button');
  act(() => button.click());
  expect(print).toHaveBeenCalledTimes(1);
  expect(container.querySelector('a')?.getAttribute('href')).toBe('/bao-cao?period=2026-11&scope=district%3A479');
});
