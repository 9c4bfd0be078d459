import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { Role } from '../../domain/vocabulary';
import type { ListDetail, ListImportResponse, ListSummary } from '../../protocol/lists';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { ListsPage } from './lists-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
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

const money = {
  previous: 2_350_000,
  increases: 500_000,
  decreases: 600_000,
  adjustments: 1_000_000,
  current: 3_250_000,
};
const summary = (patch: Partial<ListSummary> = {}): ListSummary => ({
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
const detail = (patch: Partial<ListSummary> = {}): ListDetail => ({
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

async function renderAs(role: Role, id = `u-${role}`) {
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

const text = () => container.textContent ?? '';
/** Text with the no-break spaces of money formatting read as plain spaces. */
const plain = (selector: string) => container.querySelector(selector)?.textContent?.replace(/\s/gu, ' ');
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button ${name}`);

async function chooseFileAndUpload() {
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

describe('ListsPage', { timeout: 20_000 }, () => {
  test('a refused file shows its findings by row and column, and keeps nothing', async () => {
    const refused: ListImportResponse = {
      protocol: 1,
      listId: null,
      status: null,
      duplicate: false,
      findings: [{ row: 6, column: 'D', code: 'not-a-real-date', severity: 'error', message: 'Ngày không có thật.' }],
      diff: { increases: 0, decreases: 0, adjustments: 0, unchanged: 0, money: { ...money, current: 0 } },
    };
    transport.importList.mockResolvedValue(refused);
    await renderAs('officer');
    await chooseFileAndUpload();
    await until(() => expect(text()).toContain('Tệp có 1 lỗi: danh sách chưa được lưu.'));
    const row = container.querySelector('[data-testid="list-findings"] tbody tr')?.textContent;
    expect(row).toBe('6DLỗiNgày không có thật.');
    expect(transport.importList).toHaveBeenCalledWith(
      'tok',
      expect.objectContaining({ commune: '19960', period: '2026-12', fileName: 'Tháng 12.xlsx', kind: 'month' }),
    );
    expect(transport.getList).not.toHaveBeenCalled();
    expect(container.querySelector('[data-testid="correction-notice"]')).toBeNull();

    // The file comes back with a column of findings, offered as a download.
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    transport.findingsFile.mockResolvedValue({
      blob: new Blob(['xlsx'], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      fileName: 'Tháng 12 - kết quả kiểm tra.xlsx',
    });
    act(() => button('Tải tệp kèm cột kết quả kiểm tra').click());
    await until(() => expect(clicked).toEqual(['Tháng 12 - kết quả kiểm tra.xlsx']));
    expect(transport.findingsFile).toHaveBeenCalledWith(
      'tok',
      expect.objectContaining({ commune: '19960', period: '2026-12', fileName: 'Tháng 12.xlsx' }),
    );
    click.mockRestore();
  });

  test('a column the import could not place is fixed on the mapping panel, saved, and the file read again', async () => {
    const reading = {
      sourceKey: 'ho va ten|nam sinh|so tien duoc huong',
      headerRow: 1,
      columns: [
        { letter: 'A', header: 'Họ và tên', field: 'fullName' as const, samples: ['Trần Thị Hoa'] },
        { letter: 'B', header: 'Năm sinh', field: 'birthDate' as const, samples: ['1952'] },
        { letter: 'C', header: 'Số tiền được hưởng', field: null, samples: ['750000'] },
      ],
    };
    transport.importList.mockResolvedValueOnce({
      protocol: 1,
      listId: null,
      status: null,
      duplicate: false,
      findings: [{ row: null, column: null, code: 'missing-column', severity: 'error', message: 'Thiếu cột.' }],
      diff: { increases: 0, decreases: 0, adjustments: 0, unchanged: 0, money: { ...money, current: 0 } },
      reading,
    });
    await renderAs('officer');
    await chooseFileAndUpload();
    // Open at once: a column the list needs was not found.
    await until(() => expect(container.querySelector('[data-testid="column-mapping"]')).not.toBeNull());
    expect(container.textContent).toContain('Số tiền được hưởng750000');
    const select =
      container.querySelector<HTMLSelectElement>('select[aria-label="Thông tin: Cột C"]') ??
      expect.unreachable('no select for C');
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, 'monthlyAmount');
    act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    transport.saveListMapping.mockResolvedValue();
    transport.importList.mockResolvedValueOnce({
      protocol: 1,
      listId: 'list-2',
      status: 'draft',
      duplicate: false,
      findings: [],
      diff: detail().diff,
      reading: { ...reading, columns: reading.columns.map((c) => ({ ...c, field: c.field ?? 'monthlyAmount' })) },
    });
    transport.getList.mockResolvedValue(detail());
    act(() => button('Lưu cách đọc và đọc lại tệp').click());
    await until(() => expect(transport.importList).toHaveBeenCalledTimes(2));
    expect(transport.saveListMapping).toHaveBeenCalledWith('tok', {
      commune: '19960',
      sourceKey: reading.sourceKey,
      fields: { fullName: 'A', birthDate: 'B', monthlyAmount: 'C' },
    });
    await until(() => expect(container.querySelector('[data-testid="list-detail"]')).not.toBeNull());
    // Kept: the panel closes to its button, to fix the reading again if needed.
    expect(container.querySelector('[data-testid="column-mapping"]')).toBeNull();
    expect(button('Sửa cách đọc cột')).toBeDefined();
  });

  test('a kept list opens with its money equation, lines, who left and its steps; its preparer may submit it', async () => {
    transport.importList.mockResolvedValue({
      ...detail(),
      listId: 'list-1',
      status: 'draft',
      duplicate: false,
      findings: [],
      diff: detail().diff,
    });
    transport.getList.mockResolvedValue(detail());
    await renderAs('officer', 'u-officer');
    await chooseFileAndUpload();
    await until(() => expect(container.querySelector('[data-testid="list-detail"]')).not.toBeNull());
    expect(plain('[data-testid="list-equation"]')).toBe(
      'Số tiền cân đối đến từng đồng: Tháng trước 2.350.000 ₫ + Tăng 500.000 ₫ − Giảm 600.000 ₫ + Điều chỉnh 1.000.000 ₫ = Tháng này 3.250.000 ₫',
    );
    expect(plain('[data-testid="list-left"]')).toContain('Lê Thị Cúc (BT-03) · 600.000 ₫ · Thực địa ghi nhận: Đã chết');
    expect(text()).toContain('Trần Thị Hoa');
    // An adjustment shows what changed, field by field, old → new.
    expect(plain('[data-testid="list-lines"]')).toContain(
      'Điều chỉnh: Tổng tiền 1.000.000 ₫ → 2.000.000 ₫; Hình thức Tiền mặt tại điểm chi trả → Tài khoản ngân hàng',
    );
    // Cúc leaves without a reason: submitting waits for one.
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(true));
    expect(text()).toContain('Còn 1 việc cần làm trước khi gửi');
    const reason =
      container.querySelector<HTMLSelectElement>('select[aria-label="Lý do: Lê Thị Cúc"]') ??
      expect.unreachable('no reason select');
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(reason, 'deceased');
    act(() => {
      reason.dispatchEvent(new Event('change', { bubbles: true }));
    });
    transport.setDecreaseReasons.mockResolvedValue({ missing: 0 });
    transport.getList.mockResolvedValue({
      ...detail(),
      decreases: detail().decreases.map((d) => ({ ...d, reason: 'deceased' as const })),
    });
    act(() => button('Lưu lý do').click());
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(false));
    expect(transport.setDecreaseReasons).toHaveBeenCalledWith('tok', 'list-1', [
      { beneficiaryId: 'b-cuc', reason: 'deceased', note: null },
    ]);
    // The preparer submits; approving is not offered to them (four eyes).
    expect(() => button('Phê duyệt')).toThrow();
    transport.listStep.mockResolvedValue({ protocol: 1, listId: 'list-1', status: 'submitted' });
    act(() => button('Gửi phê duyệt').click());
    await until(() => expect(text()).toContain('Đã gửi phê duyệt.'));
    expect(transport.listStep).toHaveBeenCalledWith('tok', 'list-1', 'submit', undefined);
  });

  test('once the month is published, an upload is a correction list, said so, and shown as one', async () => {
    transport.listLists.mockResolvedValue([summary({ status: 'published' })]);
    const correction = { ...detail({ kind: 'correction', listId: 'list-2', fileName: 'Điều chỉnh.xlsx' }) };
    transport.importList.mockResolvedValue({
      ...correction,
      listId: 'list-2',
      status: 'draft',
      duplicate: false,
      findings: [],
      diff: correction.diff,
    });
    transport.getList.mockResolvedValue(correction);
    await renderAs('officer', 'u-officer');
    await until(() => expect(container.querySelector('[data-testid="correction-notice"]')).not.toBeNull());
    expect(text()).toContain('tệp tải lên là danh sách điều chỉnh bổ sung');
    await chooseFileAndUpload();
    await until(() => expect(container.querySelector('[data-testid="list-detail"]')).not.toBeNull());
    expect(transport.importList).toHaveBeenCalledWith('tok', expect.objectContaining({ kind: 'correction' }));
    expect(text()).toContain('Danh sách điều chỉnh bổ sung: Điều chỉnh.xlsx');
    expect(plain('[data-testid="list-equation"]')).toContain('Trước điều chỉnh 2.350.000 ₫');
    expect(plain('[data-testid="list-equation"]')).toContain('= Sau điều chỉnh 3.250.000 ₫');
  });

  test('a row matched by name only is asked: the preparer says "the same person" before submitting', async () => {
    const hoaMatch = {
      beneficiaryId: 'b-hoa',
      row: 5,
      fullName: 'Trần Thị Hoa',
      birthDate: '1950',
      village: 'Thôn 1',
      previousCode: 'BT-01',
      same: null,
    };
    const asked: ListDetail = { ...detail(), decreases: [], matches: [hoaMatch] };
    transport.listLists.mockResolvedValue([summary()]);
    transport.getList.mockResolvedValue(asked);
    await renderAs('officer', 'u-officer');
    await until(() => expect(container.querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(container.querySelector('[data-testid="list-matches"]')).not.toBeNull());
    expect(plain('[data-testid="list-matches"]')).toContain(
      'Dòng 5: Trần Thị Hoa, 1950, Thôn 1 — tháng trước: BT-01 · Chưa xác nhận',
    );
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(true));
    expect(text()).toContain('Còn 1 việc cần làm trước khi gửi');
    transport.setMatches.mockResolvedValue({ undecided: 0 });
    transport.getList.mockResolvedValue({ ...asked, matches: [{ ...hoaMatch, same: true }] });
    act(() => button('Là cùng một người').click());
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(false));
    expect(transport.setMatches).toHaveBeenCalledWith('tok', 'list-1', [
      { beneficiaryId: 'b-hoa', row: 5, same: true },
    ]);
    expect(plain('[data-testid="list-matches"]')).toContain('Cùng một người');
    expect(button('Là cùng một người').disabled).toBe(true);
  });

  test('the field proposes suspending someone still on the list: the preparer keeps paying them, saying why', async () => {
    const daoProposal = {
      beneficiaryId: 'b-dao',
      row: 7,
      fullName: 'Hồ Văn Đào',
      code: 'BT-07',
      total: 500_000,
      suggested: 'missed-payments' as const,
      accepted: null,
      note: null,
    };
    const asked: ListDetail = { ...detail(), decreases: [], fieldOutcomes: [daoProposal] };
    transport.listLists.mockResolvedValue([summary()]);
    transport.getList.mockResolvedValue(asked);
    await renderAs('officer', 'u-officer');
    await until(() => expect(container.querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(container.querySelector('[data-testid="list-field-outcomes"]')).not.toBeNull());
    expect(plain('[data-testid="list-field-outcomes"]')).toContain(
      'Hồ Văn Đào (BT-07) · 500.000 ₫ · Thực địa ghi nhận: Tạm dừng: 3 tháng liền không nhận · Chưa trả lời',
    );
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(true));
    expect(button('Đồng ý tạm dừng').disabled).toBe(false);
    // Keeping them on needs a reason.
    expect(button('Vẫn chi trả').disabled).toBe(true);
    const note =
      container.querySelector<HTMLInputElement>('input[aria-label="Lý do vẫn chi trả: Hồ Văn Đào"]') ??
      expect.unreachable('no note input');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
      note,
      'Ông nằm viện, con đã nhận thay',
    );
    act(() => {
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => expect(button('Vẫn chi trả').disabled).toBe(false));
    transport.setFieldOutcomes.mockResolvedValue({ undecided: 0 });
    transport.getList.mockResolvedValue({
      ...asked,
      fieldOutcomes: [{ ...daoProposal, accepted: false, note: 'Ông nằm viện, con đã nhận thay' }],
    });
    act(() => button('Vẫn chi trả').click());
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(false));
    expect(transport.setFieldOutcomes).toHaveBeenCalledWith('tok', 'list-1', [
      { beneficiaryId: 'b-dao', accept: false, note: 'Ông nằm viện, con đã nhận thay' },
    ]);
    expect(plain('[data-testid="list-field-outcomes"]')).toContain('Vẫn chi trả: Ông nằm viện, con đã nhận thay');
  });

  test('an approver sees the answers to name-only matches but cannot change them', async () => {
    transport.listLists.mockResolvedValue([summary({ status: 'submitted' })]);
    transport.getList.mockResolvedValue({
      ...detail({ status: 'submitted' }),
      matches: [
        {
          beneficiaryId: 'b-hoa',
          row: 5,
          fullName: 'Trần Thị Hoa',
          birthDate: '1950',
          village: null,
          previousCode: null,
          same: false,
        },
      ],
    });
    await renderAs('approver');
    await until(() => expect(container.querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(container.querySelector('[data-testid="list-matches"]')).not.toBeNull());
    expect(plain('[data-testid="list-matches"]')).toContain('tháng trước: không mã · Hai người khác nhau');
    expect(() => button('Là cùng một người')).toThrow();
  });

  test('an approver approves or returns a submitted list, a return needing its reason; an approver sees no upload', async () => {
    transport.listLists.mockResolvedValue([summary({ status: 'submitted' })]);
    transport.getList.mockResolvedValue(detail({ status: 'submitted' }));
    await renderAs('approver');
    expect(container.querySelector('input[type="file"]')).toBeNull();
    await until(() => expect(container.querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() =>
      expect(container.querySelector('[data-testid="list-status"]')?.textContent).toBe('Chờ phê duyệt'),
    );
    // The step buttons appear once the approver's rights are known.
    await until(() => expect(button('Trả lại')).toBeDefined());
    act(() => button('Trả lại').click());
    await until(() => expect(text()).toContain('Hãy ghi lý do trả lại.'));
    expect(transport.listStep).not.toHaveBeenCalled();
    transport.listStep.mockResolvedValue({ protocol: 1, listId: 'list-1', status: 'approved' });
    transport.getList.mockResolvedValue(detail({ status: 'approved', approverName: 'approver' }));
    act(() => button('Phê duyệt').click());
    await until(() => expect(text()).toContain('Đã phê duyệt.'));
    expect(transport.listStep).toHaveBeenCalledWith('tok', 'list-1', 'approve', undefined);
    // The list refreshes as approved; publishing sends its lines to the commune's tablets.
    await until(() => expect(plain('[data-testid="list-status"]')).toBe('Đã phê duyệt'));
    expect(() => button('Phê duyệt')).toThrow();
    // The approved list can be taken away as .xlsx in its own columns.
    const downloads: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    transport.exportList.mockResolvedValue({ blob: new Blob(['x']), fileName: 'Danh sách (đã duyệt).xlsx' });
    act(() => button('Tải danh sách đã duyệt (.xlsx)').click());
    await until(() => expect(downloads).toEqual(['Danh sách (đã duyệt).xlsx']));
    expect(transport.exportList).toHaveBeenCalledWith('tok', 'list-1');
    click.mockRestore();
    transport.listStep.mockResolvedValue({ protocol: 1, listId: 'list-1', status: 'published' });
    act(() => button('Công bố cho các máy tính bảng').click());
    await until(() => expect(text()).toContain('Đã công bố: các máy tính bảng của xã sẽ nhận danh sách khi đồng bộ.'));
    expect(transport.listStep).toHaveBeenLastCalledWith('tok', 'list-1', 'publish', undefined);
  });
});
