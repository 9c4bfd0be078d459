import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import { vnd } from '../../domain/money';
import type { Role } from '../../domain/vocabulary';
import type { ClosingLine, ClosingResponse } from '../../protocol/month-close';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { MonthClosing } from './month-closing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
  getClosing: vi.fn<Transport['getClosing']>(),
  closeMonth: vi.fn<Transport['closeMonth']>(),
};

const line = (lineId: string, fullName: string, status: ClosingLine['status'], amount: number): ClosingLine => ({
  lineId,
  beneficiaryId: `b-${lineId}`,
  fullName,
  code: null,
  village: 'Thôn 1',
  status,
  amount: vnd(amount),
  months: 1,
  outcome: null,
  reason: null,
  note: null,
});
const tally = (count: number, amount: number) => ({ count, amount: vnd(amount) });
const paying: ClosingResponse = {
  protocol: 1,
  period: '2026-11',
  communeCode: '19960',
  status: 'paying',
  closedAt: null,
  closedByName: null,
  summary: {
    due: tally(3, 2_250_000),
    paid: tally(1, 500_000),
    carried: tally(2, 1_750_000),
    ended: tally(0, 0),
    withdrawn: tally(0, 0),
  },
  lines: [line('hoa', 'Trần Thị Hoa', 'due', 750_000), line('binh', 'Nguyễn Văn Bình', 'unpaid', 1_000_000)],
  carryTo: '2026-12',
};

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  for (const fn of Object.values(transport)) fn.mockReset();
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
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={testServices(db, { transport })}>
        <MonthClosing commune="19960" communeName="Phường Phú Bài" period="2026-11" />
      </ServicesProvider>,
    ),
  );
  await until(() => expect(transport.getClosing).toHaveBeenCalledWith('tok', '19960', '2026-11'));
}

/** Text with the no-break spaces of money formatting read as plain spaces. */
const plain = (selector: string) => container.querySelector(selector)?.textContent?.replace(/\s/gu, ' ');
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button ${name}`);
const field = <E extends HTMLElement>(label: string) =>
  container.querySelector<E>(`[aria-label="${label}"]`) ?? expect.unreachable(`no field ${label}`);

function change(element: HTMLSelectElement | HTMLInputElement, value: string) {
  // React tracks the value it last set: go through the native setter so the change is seen.
  const proto = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
  act(() => {
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

describe('MonthClosing', { timeout: 20_000 }, () => {
  test('a supervisor decides each unpaid line, sees the equation follow, confirms, and gets the closing record', async () => {
    transport.getClosing.mockResolvedValue(paying);
    await renderAs('supervisor');
    await until(() =>
      expect(plain('[data-testid="closing-equation"]')).toBe(
        'Số tiền cân đối đến từng đồng: Phải trả 2.250.000 ₫ = Đã trả 500.000 ₫ + Chuyển sang tháng 12/2026 1.750.000 ₫ + Kết thúc 0 ₫',
      ),
    );
    await until(() => expect(button('Khóa sổ tháng').disabled).toBe(false));

    // Bình ends with "other": the note is needed before the close is offered.
    change(field<HTMLSelectElement>('Quyết định: Nguyễn Văn Bình'), 'other');
    expect(plain('[data-testid="closing-equation"]')).toContain(
      'Chuyển sang tháng 12/2026 750.000 ₫ + Kết thúc 1.000.000 ₫',
    );
    expect(container.textContent).toContain('Lý do “Khác” cần ghi chú.');
    expect(button('Khóa sổ tháng').disabled).toBe(true);
    change(field<HTMLInputElement>('Ghi chú: Nguyễn Văn Bình'), 'Con nhận thay, đã ký ở UBND');
    expect(plain('[data-testid="closing-equation"]')).toContain(
      'Phải trả 2.250.000 ₫ = Đã trả 500.000 ₫ + Chuyển sang tháng 12/2026 750.000 ₫ + Kết thúc 1.000.000 ₫',
    );

    // Two steps: the close is confirmed before it is sent.
    act(() => button('Khóa sổ tháng').click());
    expect(transport.closeMonth).not.toHaveBeenCalled();
    const closed: ClosingResponse = {
      ...paying,
      status: 'closed',
      closedAt: '2026-12-01T02:00:00.000Z',
      closedByName: 'Trần Quốc Bảo',
      summary: { ...paying.summary, carried: tally(1, 750_000), ended: tally(1, 1_000_000) },
      lines: [
        { ...line('hoa', 'Trần Thị Hoa', 'due', 750_000), outcome: 'carry' },
        {
          ...line('binh', 'Nguyễn Văn Bình', 'unpaid', 1_000_000),
          outcome: 'end',
          reason: 'other',
          note: 'Con nhận thay, đã ký ở UBND',
        },
      ],
    };
    transport.closeMonth.mockResolvedValue(closed);
    transport.getClosing.mockResolvedValue(closed);
    act(() => button('Xác nhận khóa sổ tháng 11/2026').click());
    await until(() => expect(container.textContent).toContain('Đã khóa sổ lúc'));
    expect(transport.closeMonth).toHaveBeenCalledWith('tok', '19960', '2026-11', [
      { lineId: 'hoa', outcome: 'carry' },
      { lineId: 'binh', outcome: 'end', reason: 'other', note: 'Con nhận thay, đã ký ở UBND' },
    ]);
    expect(container.textContent).toContain('Trần Quốc Bảo');
    expect(plain('[data-testid="closing-lines"] tbody tr:last-child')).toContain(
      'Kết thúc: Khác (ghi rõ) (Con nhận thay, đã ký ở UBND)',
    );
    expect(button('In biên bản khóa sổ')).toBeDefined();
  });

  test('an officer sees the lines and the equation but cannot close', async () => {
    transport.getClosing.mockResolvedValue(paying);
    await renderAs('officer');
    await until(() => expect(container.textContent).toContain('Chỉ cán bộ tỉnh (giám sát) được khóa sổ.'));
    expect(field<HTMLSelectElement>('Quyết định: Trần Thị Hoa').disabled).toBe(true);
    expect(() => button('Khóa sổ tháng')).toThrow();
  });

  test('a refused close says why in Vietnamese and keeps the decisions', async () => {
    transport.getClosing.mockResolvedValue(paying);
    transport.closeMonth.mockRejectedValue(new TransportError('period-closed', 'closed', 409));
    await renderAs('supervisor');
    await until(() => expect(button('Khóa sổ tháng').disabled).toBe(false));
    change(field<HTMLSelectElement>('Quyết định: Trần Thị Hoa'), 'deceased');
    act(() => button('Khóa sổ tháng').click());
    act(() => button('Xác nhận khóa sổ tháng 11/2026').click());
    await until(() => expect(container.textContent).toContain('Tháng này của xã đã khóa sổ: không thay đổi được nữa.'));
    expect(field<HTMLSelectElement>('Quyết định: Trần Thị Hoa').value).toBe('deceased');
  });

  test('a month with no lines says there is nothing to close', async () => {
    transport.getClosing.mockRejectedValue(new TransportError('not-found', 'no', 404));
    await renderAs('supervisor');
    await until(() => expect(container.textContent).toContain('chưa có dòng chi trả nào để khóa sổ'));
  });
});
