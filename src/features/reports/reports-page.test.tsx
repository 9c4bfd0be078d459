import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { FunnelRow, MethodRow, Progress, Quality } from '../../protocol/reports';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { ReportsPage } from './reports-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom draws no canvas: uPlot only records what it was asked to draw.
const drawn = vi.hoisted(() => [] as { series: { label?: string }[]; data: (number | null)[][] }[]);
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { stepped: () => () => null };
    constructor(options: { series: { label?: string }[] }, data: (number | null)[][]) {
      drawn.push({ series: options.series, data });
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});
const downloads = vi.hoisted(() => [] as { fileName: string; content: Uint8Array }[]);
vi.mock('../../ui/download', () => ({
  downloadFile: (fileName: string, content: Uint8Array) => downloads.push({ fileName, content }),
}));

// Phú Bài (19960) and Thanh Thủy (19969) are both in the former Hương Thủy (479).
const methods: MethodRow[] = [
  {
    period: '2026-11',
    commune: '19960',
    method: 'bank',
    lines: 3,
    amount: 1_500_000,
    paidLines: 2,
    paidAmount: 1_000_000,
  },
  {
    period: '2026-11',
    commune: '19960',
    method: 'cash-point',
    lines: 6,
    amount: 3_000_000,
    paidLines: 5,
    paidAmount: 2_500_000,
  },
  {
    period: '2026-11',
    commune: '19969',
    method: 'mobile-money',
    lines: 1,
    amount: 500_000,
    paidLines: 1,
    paidAmount: 500_000,
  },
  {
    period: '2026-10',
    commune: '19960',
    method: 'cash-point',
    lines: 4,
    amount: 2_000_000,
    paidLines: 4,
    paidAmount: 2_000_000,
  },
];
const funnel: FunnelRow[] = [
  {
    commune: '19960',
    people: 100,
    choseAccount: 40,
    ready: 30,
    submitted: 25,
    opened: 20,
    cardHandedOver: 18,
    firstNonCashPaid: 15,
    cohortThreeMonths: 10,
    stillNonCash: 8,
  },
  {
    commune: '19969',
    people: 50,
    choseAccount: 10,
    ready: 10,
    submitted: 6,
    opened: 5,
    cardHandedOver: 5,
    firstNonCashPaid: 5,
    cohortThreeMonths: 4,
    stillNonCash: 4,
  },
];
const progress: Progress = {
  byDay: [
    { commune: '19960', day: '2026-11-03', lines: 4, amount: 2_000_000 },
    { commune: '19969', day: '2026-11-05', lines: 1, amount: 500_000 },
  ],
  byStatus: [
    { commune: '19960', status: 'paid', reason: null, lines: 7, amount: 3_500_000 },
    { commune: '19960', status: 'unpaid', reason: 'absent', lines: 2, amount: 1_000_000 },
  ],
  failedTransfers: [{ commune: '19969', lines: 1, amount: 500_000 }],
  homeDeliveriesByPayer: [{ commune: '19960', payerId: 'u-p', payerName: 'Lê Văn Chi', lines: 3, amount: 1_500_000 }],
};
const quality: Quality = {
  idChecks: [{ commune: '19960', method: 'not-possible', reason: 'no-card', checks: 2 }],
  receivers: [{ commune: '19960', kind: 'guardian', lines: 1 }],
  disputes: [{ commune: '19960', conflicts: 1, voids: 3 }],
  records: [
    { commune: '19960', people: 120, badIdNumber: 3, noIdNumber: 2, badPhone: 7 },
    { commune: '19969', people: 80, badIdNumber: 1, noIdNumber: 0, badPhone: 4 },
  ],
};

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
  reportMethods: vi.fn<Transport['reportMethods']>(),
  reportFunnel: vi.fn<Transport['reportFunnel']>(),
  reportProgress: vi.fn<Transport['reportProgress']>(),
  reportQuality: vi.fn<Transport['reportQuality']>(),
  reportCost: vi.fn<Transport['reportCost']>(),
};

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
  transport.reportMethods.mockResolvedValue(methods);
  transport.reportFunnel.mockResolvedValue(funnel);
  transport.reportProgress.mockResolvedValue(progress);
  transport.reportQuality.mockResolvedValue(quality);
  transport.reportCost.mockResolvedValue([]);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  for (const fn of Object.values(transport)) fn.mockReset();
  drawn.length = 0;
  downloads.length = 0;
  await db.delete();
});

async function render(address = '/bao-cao?period=2026-11') {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: {
        id: 'u-s',
        username: 'supervisor',
        displayName: 'Giám Sát',
        role: 'supervisor',
        communes: ['19960', '19969'],
      },
    },
  });
  const services = testServices(db, { transport });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={services}>
        <MemoryRouter initialEntries={[address]}>
          <ReportsPage />
        </MemoryRouter>
      </ServicesProvider>,
    ),
  );
}

const table = (id: string) => container.querySelector(`table#${id}`) ?? expect.unreachable(`no table ${id}`);
const rowTexts = (id: string) =>
  [...table(id).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));

test('tables show the scope’s figures, summed over the district’s communes by default', async () => {
  await render();
  await until(() => expect(container.querySelector('table#report-methods')).not.toBeNull());
  expect(transport.reportMethods).toHaveBeenCalledWith('tok', '2026-11');
  const scope = container.querySelector('select') ?? expect.unreachable('no scope');
  expect([...scope.options].map((o) => o.textContent)).toEqual([
    'Toàn tỉnh: Tỉnh Huế',
    'Huyện/thị xã cũ: Thị xã Hương Thủy',
    'Xã/phường: Phường Phú Bài',
    'Xã/phường: Phường Thanh Thủy',
  ]);
  // November: bank 2 / 1.000.000, mobile money 1 / 500.000, cash point 5 / 2.500.000; non-cash 1,5 of 4 million.
  const nov = rowTexts('report-methods').at(-1);
  expect(nov).toEqual([
    'Tháng 11/2026',
    '2',
    '1.000.000',
    '1',
    '500.000',
    '5',
    '2.500.000',
    '0',
    '0',
    '8',
    '4.000.000',
    '37,5 %',
    '37,5 %',
  ]);
  expect(table('report-methods').querySelector('caption')?.textContent).toBe(
    'Số người và số tiền đã chi theo hình thức, 12 tháng',
  );
  expect(table('report-methods').querySelector('thead th')?.getAttribute('scope')).toBe('col');
  // The printed report of the same month and scope is one link away.
  expect(container.querySelector('a[href^="/bao-cao/in"]')?.getAttribute('href')).toMatch(
    /^\/bao-cao\/in\?period=2026-11&scope=province%3A\d+$/u,
  );
  expect(rowTexts('report-funnel').slice(0, 3)).toEqual([
    ['Người đang hưởng', '150', '100,0 %', '0'],
    ['Đã chọn nhận qua tài khoản', '50', '33,3 %', '100'],
    ['Đủ hồ sơ', '40', '26,7 %', '10'],
  ]);
  expect(rowTexts('report-days')).toEqual([
    ['03/11', '4', '4', '2.000.000'],
    ['05/11', '1', '5', '2.500.000'],
  ]);
  expect(rowTexts('report-statuses')).toContainEqual(['Chưa nhận được', 'Vắng nhà', '2', '1.000.000']);
  expect(rowTexts('report-home')).toEqual([['Lê Văn Chi', '3', '1.500.000']]);
  // The cost section, beside the methods: no fee entered yet, and no fee form for a supervisor.
  await until(() => expect(container.textContent).toContain('Chưa có phí nào được nhập trong 12 tháng này.'));
  expect(container.querySelector('form')).toBeNull();
  expect(rowTexts('report-records').map((r) => r[1])).toEqual(['200', '4', '2', '11']);
  expect(rowTexts('report-disputes')).toEqual([
    ['Dòng có xung đột', '1'],
    ['Dòng bị hủy', '3'],
  ]);
  // Each chart is described by its table; the methods chart got the 12 months.
  const figure = container.querySelector('figure[aria-describedby="report-methods"]');
  expect(figure?.querySelector('figcaption')).not.toBeNull();
  await until(() => expect(drawn.length).toBe(2));
  expect(drawn[0]?.data[0]).toHaveLength(12);
  expect(drawn[0]?.series.at(-1)?.label).toBe('Tỉ lệ tiền chi không dùng tiền mặt');
  expect(drawn[0]?.data.at(-1)?.at(-1)).toBe(37.5);
});

test('a commune chosen shows only its rows', async () => {
  await render('/bao-cao?period=2026-11&scope=commune:19969');
  await until(() => expect(container.querySelector('table#report-methods')).not.toBeNull());
  expect(rowTexts('report-records')).toEqual([
    ['Người đang hưởng', '80'],
    ['Số CCCD sai dạng hoặc không khớp năm sinh, giới tính', '1'],
    ['Chưa có số CCCD/CMND', '0'],
    ['Số điện thoại không gọi được', '4'],
  ]);
  expect(rowTexts('report-methods').at(-1)?.slice(-4)).toEqual(['1', '500.000', '100,0 %', '100,0 %']);
  expect(rowTexts('report-home')).toEqual([]);
});

test('the export button writes the table as a workbook that reads back with the same figures', async () => {
  await render();
  await until(() => expect(container.querySelector('table#report-funnel')).not.toBeNull());
  const button =
    container.querySelector<HTMLButtonElement>(
      'button[aria-label="Xuất bảng “Số người ở từng bước, và số người dừng lại trước bước đó” ra tệp .xlsx"]',
    ) ?? expect.unreachable('no export button');
  act(() => button.click());
  await until(() => expect(downloads).toHaveLength(1), 15_000);
  expect(downloads[0]?.fileName).toBe('bao-cao-chuyen-doi-2026-11.xlsx');
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.read(downloads[0]?.content, { type: 'array' });
  const sheet = book.Sheets[book.SheetNames[0] ?? ''] ?? expect.unreachable('no sheet');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  expect(rows[1]).toEqual(['Bước', 'Số người', 'Tỉ lệ trên người đang hưởng', 'Dừng lại trước bước này']);
  expect(rows[3]).toEqual(['Đã chọn nhận qua tài khoản', 50, 0.333, 100]);
});

test('a refusal is said in Vietnamese, and a retry loads again', async () => {
  transport.reportMethods.mockRejectedValueOnce(new TransportError('forbidden', 'no', 403));
  await render();
  await until(() =>
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Tài khoản này không được xem báo cáo.'),
  );
  const retry =
    [...container.querySelectorAll('button')].find((b) => b.textContent === 'Thử lại') ??
    expect.unreachable('no retry');
  act(() => retry.click());
  await until(() => expect(container.querySelector('table#report-methods')).not.toBeNull());
});
