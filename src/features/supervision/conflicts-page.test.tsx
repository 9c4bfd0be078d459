import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ConflictSide, ConflictView } from '../../protocol/conflicts';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { getKv, setKv, type KvKey } from '../../storage/kv';
import { loadSession } from '../../sync/session';
import { createRecorder } from '../../storage/outbox';
import { TransportError, type Transport } from '../../sync/transport';
import { formatDateTime } from '../../ui/format';
import { ServicesProvider, type Services } from '../../ui/services';
import { ConflictsPage } from './conflicts-page';
import { vnd } from '../../domain/money';
import { paymentLineData } from '../../../tests/builders/beneficiary';
import { untilRendered as until } from '../../../tests/builders/until';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function side(patch: Partial<ConflictSide>): ConflictSide {
  return {
    opId: null,
    userId: null,
    userName: null,
    deviceId: null,
    deviceName: null,
    recordedAt: null,
    receivedAt: null,
    kind: 'payment',
    isCurrent: false,
    ...patch,
  };
}

/** An already-paid conflict: the payer's payment counts, the officer's arrived second. */
function paidTwice(id: string, beneficiaryName: string): ConflictView {
  return {
    id,
    version: 1,
    code: 'already-paid',
    status: 'open',
    communeCode: '19960',
    communeName: 'Phường Phú Bài',
    subject: { entity: 'payment-line', id: `line-${id}` },
    beneficiaryId: `b-${id}`,
    beneficiaryName,
    periodId: '2025-07',
    opId: `op-incoming-${id}`,
    detectedAt: '2025-07-10T03:00:00.000Z',
    fields: [],
    earlier: side({
      opId: `op-earlier-${id}`,
      userName: 'Nguyễn Văn Chi',
      deviceName: 'Máy tính bảng 1',
      recordedAt: '2025-07-10T08:15:00+07:00',
      receivedAt: '2025-07-10T02:00:00.000Z',
      isCurrent: true,
      amount: vnd(500_000),
      receiver: { kind: 'self' },
    }),
    incoming: side({
      opId: `op-incoming-${id}`,
      userName: 'Trần Thị Hoa',
      deviceName: 'Máy tính bảng 2',
      recordedAt: '2025-07-10T09:40:00+07:00',
      receivedAt: '2025-07-10T03:00:00.000Z',
      amount: vnd(500_000),
      receiver: { kind: 'guardian', fullName: 'Lê Văn Cường' },
    }),
    resolution: null,
  };
}

let db: AppDb;
let container: HTMLDivElement;
let root: Root;
let online = true;
const listConflicts = vi.fn<Transport['listConflicts']>();
const notifyNewOp = vi.fn();

function setOnline(value: boolean) {
  online = value;
  act(() => {
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  });
}

function render() {
  let n = 0;
  const services = {
    db,
    transport: { listConflicts },
    engine: { notifyNewOp },
    clock: { now: () => Date.parse('2025-07-10T04:00:00Z') },
    makeId: () => `op-${++n}`,
    kv: { get: (key: KvKey) => getKv(db, key), set: (key: KvKey, value: unknown) => setKv(db, key, value) },
    loadSession: () => loadSession(db),
    recorder: createRecorder(db),
  };
  root = createRoot(container);
  act(() =>
    root.render(
      <ServicesProvider services={services as unknown as Services}>
        <ConflictsPage />
      </ServicesProvider>,
    ),
  );
}

const text = () => container.textContent ?? '';
const cards = () => [...container.querySelectorAll('[data-testid="conflict"]')];
/** A button by its text, once enabled (the resolve buttons wait for the signed-in user and device). */
async function enabledButton(name: string): Promise<HTMLButtonElement> {
  await until(() => expect(button(name).disabled).toBe(false));
  return button(name);
}
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ??
  expect.unreachable(`no button "${name}"`);

beforeEach(async () => {
  online = true;
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await setKv(db, 'deviceId', 'dev-sup');
  await setKv(db, 'session', {
    token: 'tok-sup',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'u-sup', username: 'supervisor', displayName: 'Giám sát', role: 'supervisor', communes: ['19960'] },
  });
  await db.beneficiaries.put({
    id: 'b-srv',
    communeCode: '19960',
    fullName: 'Hoàng Thị Sen',
    village: 'Tổ 5',
    searchTokens: [],
    sortKey: 'sen',
  });
  // The line of the server's conflict, as pulled: paid by the payer, the officer's payment uncounted.
  const fact = (opId: string) => ({
    opId,
    actorId: 'u-x',
    recordedAt: '2025-07-10T08:15:00+07:00',
    amount: 500_000,
    receiver: { kind: 'self' },
  });
  await db.paymentLines.put({
    ...paymentLineData({ amount: 500_000, status: 'paid' }),
    id: 'line-srv',
    version: 3,
    payment: fact('op-earlier-srv'),
    conflicts: [{ code: 'already-paid', kind: 'payment', counted: false, fact: fact('op-incoming-srv') }],
  });
  // Pulled earlier into this device; the server has resolved it since.
  await db.conflicts.put(paidTwice('local', 'Phan Văn Cũ'));
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  listConflicts.mockReset();
  notifyNewOp.mockReset();
  await db.delete();
});

describe('ConflictsPage (supervisors)', { timeout: 20_000 }, () => {
  test('online: loads the server list, with both sides, who, when and where', async () => {
    let answer!: (rows: ConflictView[]) => void;
    listConflicts.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    render();
    expect(text()).toContain('Đang tải danh sách xung đột từ máy chủ…');
    await until(() => expect(listConflicts).toHaveBeenCalledWith('tok-sup', 'open'));
    expect(text()).toContain('Đang tải danh sách xung đột từ máy chủ…');
    expect(cards()).toHaveLength(0);

    act(() => answer([paidTwice('srv', 'Hoàng Thị Sen')]));
    await until(() => expect(cards()).toHaveLength(1));
    const card = cards()[0]?.textContent ?? '';
    // The server's conflict, not the stale one pulled into the device.
    expect(card).toContain('Hoàng Thị Sen · Phường Phú Bài');
    expect(text()).not.toContain('Phan Văn Cũ');
    await until(() => expect(cards()[0]?.textContent).toContain('Thôn/tổ: Tổ 5'));
    expect(card).toContain('Dòng chi trả này đã được chi trước đó.');
    expect(card).toContain('Ghi nhận trước (đang được tính)');
    expect(card).toContain('Nguyễn Văn Chi · Máy tính bảng 1');
    expect(card).toContain('Trần Thị Hoa · Máy tính bảng 2');
    expect(card).toContain('Người giám hộ: Lê Văn Cường');
    expect(card).toContain(`Ghi trên máy lúc: ${formatDateTime(Date.parse('2025-07-10T09:40:00+07:00'))}`);
    expect(card).toContain(`Máy chủ nhận lúc: ${formatDateTime(Date.parse('2025-07-10T03:00:00.000Z'))}`);
    expect(text()).toContain('Danh sách từ máy chủ, cập nhật lúc');
    expect(text()).not.toContain('ngoại tuyến');
    expect(button('Hủy khoản chi trước')).toBeDefined();
    expect(button('Hủy khoản chi sau')).toBeDefined();
  });

  test('offline: shows the conflicts pulled into the device, marked as possibly out of date', async () => {
    online = false;
    render();
    await until(() => expect(cards()).toHaveLength(1));
    expect(cards()[0]?.textContent).toContain('Phan Văn Cũ · Phường Phú Bài');
    expect(container.querySelector('[data-testid="conflicts-source"]')?.textContent).toBe(
      'Đang ngoại tuyến: danh sách có thể chưa mới nhất.',
    );
    expect(listConflicts).not.toHaveBeenCalled();

    // Back online, the server's list replaces it.
    listConflicts.mockResolvedValueOnce([paidTwice('srv', 'Hoàng Thị Sen')]);
    setOnline(true);
    await until(() => expect(cards()[0]?.textContent).toContain('Hoàng Thị Sen'));
    expect(text()).not.toContain('Phan Văn Cũ');
    expect(text()).not.toContain('ngoại tuyến');
  });

  test('a failed load says why in Vietnamese, keeps the pulled list meanwhile, and retries', async () => {
    listConflicts.mockRejectedValueOnce(new TransportError('network', 'offline', 0));
    render();
    await until(() => expect(container.querySelector('[role="alert"]')).not.toBeNull());
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'Không tải được danh sách xung đột từ máy chủ. Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    );
    await until(() => expect(cards()[0]?.textContent).toContain('Phan Văn Cũ'));
    expect(text()).toContain('Đang hiển thị các xung đột đã tải về máy: danh sách có thể chưa mới nhất.');

    let answer!: (rows: ConflictView[]) => void;
    listConflicts.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    act(() => button('Thử lại').click());
    expect(text()).toContain('Đang tải danh sách xung đột từ máy chủ…');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    act(() => answer([paidTwice('srv', 'Hoàng Thị Sen')]));
    await until(() => expect(cards()[0]?.textContent).toContain('Hoàng Thị Sen'));
    expect(listConflicts).toHaveBeenCalledTimes(2);
    expect(text()).not.toContain('Phan Văn Cũ');
  });

  test('voiding the uncounted payment records an op, and the list is asked again once the server answered it', async () => {
    listConflicts.mockResolvedValueOnce([paidTwice('srv', 'Hoàng Thị Sen')]);
    render();
    await until(() => expect(cards()).toHaveLength(1));
    // The actions appear once the signed-in supervisor is known (protocol/permissions.ts `can`).
    await until(() => expect(container.querySelector('select')).not.toBeNull());
    const select = container.querySelector('select') ?? expect.unreachable('no reason select');
    act(() => {
      select.value = 'wrong-person';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const voidLater = await enabledButton('Hủy khoản chi sau');
    act(() => voidLater.click());
    await until(() => expect(text()).toContain('Đã ghi nhận cách xử lý; sẽ gửi lên máy chủ khi đồng bộ.'));
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ type: 'payment.void', entityId: 'line-srv', state: 'pending' });
    expect(op?.envelope).toMatchObject({
      deviceId: 'dev-sup',
      actorId: 'u-sup',
      payload: { target: 'payment', reason: 'wrong-person', paymentOpId: 'op-incoming-srv', conflictId: 'srv' },
    });
    expect(notifyNewOp).toHaveBeenCalledTimes(1);
    expect(listConflicts).toHaveBeenCalledTimes(1);

    // The sync engine sends it and the server applies it: the refreshed list no longer has it.
    listConflicts.mockResolvedValueOnce([]);
    await act(() => db.outbox.update(op?.seq ?? 0, { state: 'done', result: { status: 'applied' } }));
    await until(() => expect(text()).toContain('Không có xung đột đang mở.'));
    expect(listConflicts).toHaveBeenCalledTimes(2);
    expect(cards()).toHaveLength(0);
  });

  test('a rejected resolution shows the actions again, with why', async () => {
    listConflicts.mockResolvedValue([paidTwice('srv', 'Hoàng Thị Sen')]);
    render();
    await until(() => expect(cards()).toHaveLength(1));
    const voidLater = await enabledButton('Hủy khoản chi sau');
    act(() => voidLater.click());
    await until(() => expect(text()).toContain('Đã ghi nhận cách xử lý'));
    const [op] = await db.outbox.toArray();
    await act(() =>
      db.outbox.update(op?.seq ?? 0, {
        state: 'rejected',
        result: { status: 'rejected', code: 'forbidden' },
      }),
    );
    await until(() => expect(text()).toContain('Máy chủ không nhận cách xử lý trước'));
    expect(button('Hủy khoản chi sau')).toBeDefined();
    expect(listConflicts).toHaveBeenCalledTimes(2);
  });
});
