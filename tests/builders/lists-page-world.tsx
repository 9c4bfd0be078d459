/**
 * The lists page (src/features/lists/lists-page.tsx) rendered for its client tests: a signed-in
 * user of Phú Bài, the transport's list calls as mocks, a list and its detail to vary, and helpers
 * to read the page and upload a file. Call `listsPageWorld()` once at the top of a test file.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { testServices } from './services';
import { untilRendered as until } from './until';
import type { Role } from '../../src/domain/vocabulary';
import type { ListDetail, ListSummary } from '../../src/protocol/lists';
import { createAppDb, type AppDb } from '../../src/storage/app-db';
import { TransportError, type Transport } from '../../src/sync/transport';
import { ServicesProvider } from '../../src/ui/services';
import { ListsPage } from '../../src/features/lists/lists-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
export const transport = {
  listLists: vi.fn<Transport['listLists']>(),
  getList: vi.fn<Transport['getList']>(),
  importList: vi.fn<Transport['importList']>(),
  listStep: vi.fn<Transport['listStep']>(),
  getClosing: vi.fn<Transport['getClosing']>(),
  saveListMapping: vi.fn<Transport['saveListMapping']>(),
  findingsFile: vi.fn<Transport['findingsFile']>(),
  exportList: vi.fn<Transport['exportList']>(),
  setDecreaseReasons: vi.fn<Transport['setDecreaseReasons']>(),
  setMatches: vi.fn<Transport['setMatches']>(),
  setFieldOutcomes: vi.fn<Transport['setFieldOutcomes']>(),
};

export const money = {
  previous: 2_350_000,
  increases: 500_000,
  decreases: 600_000,
  adjustments: 1_000_000,
  current: 3_250_000,
};
export const summary = (patch: Partial<ListSummary> = {}): ListSummary => ({
  listId: 'list-1',
  kind: 'month',
  period: '2026-12',
  communeCode: '19960',
  status: 'draft',
  fileName: 'Tháng 12.xlsx',
  total: 3_250_000,
  lineCount: 3,
  preparerId: 'u-officer',
  preparerName: 'Lê Thị Thu Hà',
  createdAt: '2026-11-29T03:00:00.000Z',
  approverName: null,
  approvedAt: null,
  publishedAt: null,
  ...patch,
});
export const detail = (patch: Partial<ListSummary> = {}): ListDetail => ({
  protocol: 1,
  list: summary(patch),
  findings: [],
  diff: { increases: 1, decreases: 1, adjustments: 1, unchanged: 1, money },
  lines: [
    {
      row: 5,
      beneficiaryId: 'b-hoa',
      kind: 'unchanged',
      total: 750_000,
      fullName: 'Trần Thị Hoa',
      code: 'BT-01',
      changes: [],
    },
    {
      row: 6,
      beneficiaryId: 'b-binh',
      kind: 'adjustment',
      total: 2_000_000,
      fullName: 'Nguyễn Văn Bình',
      code: 'BT-02',
      changes: [
        { field: 'total', from: 1_000_000, to: 2_000_000 },
        { field: 'paymentMethod', from: 'cash-point', to: 'bank' },
      ],
    },
  ],
  decreases: [
    {
      beneficiaryId: 'b-cuc',
      fullName: 'Lê Thị Cúc',
      code: 'BT-03',
      total: 600_000,
      reason: null,
      note: null,
      suggested: 'deceased',
    },
  ],
  events: [{ at: '2026-11-29T03:00:00.000Z', userName: 'Lê Thị Thu Hà', action: 'import', comment: 'Tháng 12.xlsx' }],
  matches: [],
  fieldOutcomes: [],
});

export function listsPageWorld(): void {
  beforeEach(() => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    container = document.createElement('div');
    document.body.append(container);
    transport.listLists.mockResolvedValue([]);
    transport.getClosing.mockRejectedValue(new TransportError('not-found', 'no lines', 404));
  });
  afterEach(async () => {
    if (root) act(() => root?.unmount());
    root = undefined;
    container.remove();
    for (const fn of Object.values(transport)) fn.mockReset();
    await db.delete();
  });
}

/** The page's root element. */
export const page = (): HTMLDivElement => container;

export async function renderAs(role: Role, id = `u-${role}`) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id, username: role, displayName: role, role, communes: ['19960'] },
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
      <MemoryRouter>
        <ServicesProvider services={services}>
          <ListsPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
  await until(() => expect(transport.listLists).toHaveBeenCalledWith('tok', '19960', '2026-12'));
}

export const text = () => container.textContent ?? '';
/** Text with the no-break spaces of money formatting read as plain spaces. */
export const plain = (selector: string) => container.querySelector(selector)?.textContent?.replace(/\s/gu, ' ');
export const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button ${name}`);

export async function chooseFileAndUpload() {
  // The form appears once the signed-in user is known to prepare lists.
  await until(() => expect(container.querySelector('input[type="file"]')).not.toBeNull());
  const input = container.querySelector<HTMLInputElement>('input[type="file"]') ?? expect.unreachable('no file input');
  const file = new File([new Uint8Array([1, 2, 3])], 'Tháng 12.xlsx', { type: 'application/vnd.ms-excel' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await until(() => expect(button('Tải danh sách lên').disabled).toBe(false));
  act(() => button('Tải danh sách lên').click());
}
