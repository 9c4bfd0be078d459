import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { untilRendered as until } from '../../../tests/builders/until';
import {
  button,
  chooseFileAndUpload,
  detail,
  listsPageWorld,
  money,
  page,
  plain,
  renderAs,
  summary,
  text,
  transport,
} from '../../../tests/builders/lists-page-world';
import type { ListImportResponse } from '../../protocol/lists';

listsPageWorld();

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
    const row = page().querySelector('[data-testid="list-findings"] tbody tr')?.textContent;
    expect(row).toBe('6DLỗiNgày không có thật.');
    expect(transport.importList).toHaveBeenCalledWith(
      'tok',
      expect.objectContaining({ commune: '19960', period: '2026-12', fileName: 'Tháng 12.xlsx', kind: 'month' }),
    );
    expect(transport.getList).not.toHaveBeenCalled();
    expect(page().querySelector('[data-testid="correction-notice"]')).toBeNull();

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
    await until(() => expect(page().querySelector('[data-testid="column-mapping"]')).not.toBeNull());
    expect(page().textContent).toContain('Số tiền được hưởng750000');
    const select =
      page().querySelector<HTMLSelectElement>('select[aria-label="Thông tin: Cột C"]') ??
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
    await until(() => expect(page().querySelector('[data-testid="list-detail"]')).not.toBeNull());
    // Kept: the panel closes to its button, to fix the reading again if needed.
    expect(page().querySelector('[data-testid="column-mapping"]')).toBeNull();
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
    await until(() => expect(page().querySelector('[data-testid="list-detail"]')).not.toBeNull());
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
      page().querySelector<HTMLSelectElement>('select[aria-label="Lý do: Lê Thị Cúc"]') ??
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
    await until(() => expect(page().querySelector('[data-testid="correction-notice"]')).not.toBeNull());
    expect(text()).toContain('tệp tải lên là danh sách điều chỉnh bổ sung');
    await chooseFileAndUpload();
    await until(() => expect(page().querySelector('[data-testid="list-detail"]')).not.toBeNull());
    expect(transport.importList).toHaveBeenCalledWith('tok', expect.objectContaining({ kind: 'correction' }));
    expect(text()).toContain('Danh sách điều chỉnh bổ sung: Điều chỉnh.xlsx');
    expect(plain('[data-testid="list-equation"]')).toContain('Trước điều chỉnh 2.350.000 ₫');
    expect(plain('[data-testid="list-equation"]')).toContain('= Sau điều chỉnh 3.250.000 ₫');
  });

  test('an approver approves or returns a submitted list, a return needing its reason; an approver sees no upload', async () => {
    transport.listLists.mockResolvedValue([summary({ status: 'submitted' })]);
    transport.getList.mockResolvedValue(detail({ status: 'submitted' }));
    await renderAs('approver');
    expect(page().querySelector('input[type="file"]')).toBeNull();
    await until(() => expect(page().querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(page().querySelector('[data-testid="list-status"]')?.textContent).toBe('Chờ phê duyệt'));
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
