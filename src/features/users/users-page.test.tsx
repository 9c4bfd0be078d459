import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { ScopeUnit, UserSummary, UsersResponse } from '../../protocol/users';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { UsersPage } from './users-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const units: ScopeUnit[] = [
  {
    code: '19960',
    name: 'Phường Phú Bài',
    formerDistrictCode: '479',
    formerDistrict: 'Thị xã Hương Thủy',
    provinceCode: '46',
  },
  { code: '20140', name: 'Xã Lộc An', formerDistrictCode: '482', formerDistrict: 'Huyện Phú Lộc', provinceCode: '46' },
  { code: '20150', name: 'Xã Phú Lộc', formerDistrictCode: '482', formerDistrict: 'Huyện Phú Lộc', provinceCode: '46' },
];
const lan: UserSummary = {
  id: 'u-lan',
  username: 'lan',
  displayName: 'Trần Thị Lan',
  role: 'officer',
  scope: { kind: 'communes', codes: ['19960'] },
  communes: ['19960'],
  disabled: false,
  mustChangePassword: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  lastSignInAt: '2026-11-20T02:30:00.000Z',
  activeSessions: 1,
  devices: [
    {
      id: 'd-1',
      name: 'Android 2026-11-20',
      status: 'active',
      lastSeenAt: '2026-11-20T02:30:00.000Z',
      lastSignInAt: '2026-11-20T02:30:00.000Z',
    },
  ],
};
const answer = (...users: UserSummary[]): UsersResponse => ({ protocol: 1, users, communes: units });

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = {
  listUsers: vi.fn<Transport['listUsers']>(),
  createUser: vi.fn<Transport['createUser']>(),
  updateUser: vi.fn<Transport['updateUser']>(),
  userStep: vi.fn<Transport['userStep']>(),
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

async function render() {
  await db.kv.put({
    key: 'session',
    value: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'user-admin', username: 'admin', displayName: 'Quản trị', role: 'admin', communes: [] },
    },
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={testServices(db, { transport })}>
        <UsersPage />
      </ServicesProvider>,
    ),
  );
  await until(() => expect(container.querySelector('[data-testid="users"]')).not.toBeNull());
}

const text = () => container.textContent ?? '';
const button = (label: string, within: ParentNode = container) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent === label || b.ariaLabel === label) ??
  expect.unreachable(`no button ${label}`);
const field = (label: string) => {
  const l = [...container.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
  const input = l?.htmlFor
    ? container.querySelector<HTMLInputElement | HTMLSelectElement>(`[id="${l.htmlFor}"]`)
    : null;
  return input ?? l?.querySelector('input') ?? expect.unreachable(`no field ${label}`);
};
const row = (username: string) =>
  container.querySelector<HTMLTableRowElement>(`tr[data-user="${username}"]`) ?? expect.unreachable(`no ${username}`);

function type(el: HTMLInputElement | HTMLSelectElement, value: string) {
  act(() => {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
const click = (el: HTMLElement) => act(() => el.click());

describe('UsersPage', { timeout: 20_000 }, () => {
  test('lists users with role, scope, status, last sign-in and devices', async () => {
    const district: UserSummary = {
      ...lan,
      id: 'u-ha',
      username: 'ha',
      displayName: 'Lê Thu Hà',
      role: 'monitoring',
      scope: { kind: 'former-district', code: '482' },
      disabled: true,
      lastSignInAt: null,
      activeSessions: 0,
      devices: [],
    };
    transport.listUsers.mockResolvedValue(answer(lan, district));
    await render();
    expect(transport.listUsers).toHaveBeenCalledWith('tok');
    expect(row('lan').textContent).toContain('Cán bộ chính sách xã');
    expect(row('lan').textContent).toContain('Phường Phú Bài');
    expect(row('lan').textContent).toContain('Đang hoạt động');
    expect(row('lan').textContent).toContain('1 thiết bị');
    expect(row('lan').textContent).toContain('Android 2026-11-20 — đang dùng');
    expect(row('ha').textContent).toContain('Theo dõi (chỉ xem báo cáo)');
    expect(row('ha').textContent).toContain('Cả Huyện Phú Lộc (cũ)');
    expect(row('ha').textContent).toContain('Đã khóa');
    expect(row('ha').textContent).toContain('Chưa đăng nhập');
    expect(button('Mở khóa', row('ha'))).toBeTruthy();
  });

  test('creates a user with a former district, then shows the temporary password once with a copy button', async () => {
    transport.listUsers.mockResolvedValue(answer(lan));
    const created: UserSummary = {
      ...lan,
      id: 'u-new',
      username: 'giam-sat',
      displayName: 'Giám sát Phú Lộc',
      role: 'supervisor',
      scope: { kind: 'former-district', code: '482' },
      communes: ['20140', '20150'],
      mustChangePassword: true,
      devices: [],
    };
    transport.createUser.mockResolvedValue({ protocol: 1, user: created, temporaryPassword: 'AbcDef234567xy' });
    const writeText = vi.fn<(s: string) => Promise<void>>().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await render();
    click(button('Thêm người dùng'));
    // Refused before sending: nothing typed.
    click(button('Tạo người dùng'));
    expect(text()).toContain('Tên đăng nhập cần 3–50 ký tự');
    expect(transport.createUser).not.toHaveBeenCalled();

    type(field('Tên đăng nhập'), 'giam-sat');
    type(field('Họ và tên'), 'Giám sát Phú Lộc');
    type(field('Vai trò'), 'supervisor');
    click(field('Cả một huyện cũ') as HTMLInputElement);
    type(field('Huyện cũ'), '482');
    transport.listUsers.mockResolvedValue(answer(lan, created));
    click(button('Tạo người dùng'));
    await until(() => expect(text()).toContain('Đã tạo Giám sát Phú Lộc.'));
    expect(transport.createUser).toHaveBeenCalledExactlyOnceWith('tok', {
      username: 'giam-sat',
      displayName: 'Giám sát Phú Lộc',
      role: 'supervisor',
      scope: { kind: 'former-district', code: '482' },
    });
    expect(container.querySelector('[data-testid="temporary-password"]')?.textContent).toBe('AbcDef234567xy');
    click(button('Sao chép'));
    await until(() => expect(text()).toContain('Đã sao chép.'));
    expect(writeText).toHaveBeenCalledWith('AbcDef234567xy');
    click(button('Đã ghi lại, đóng'));
    expect(container.querySelector('[data-testid="temporary-password"]')).toBeNull();
    await until(() => expect(row('giam-sat').textContent).toContain('Chờ đặt mật khẩu mới'));
  });

  test('an officer needs a commune; communes are chosen with checkboxes and sent sorted', async () => {
    transport.listUsers.mockResolvedValue(answer(lan));
    transport.updateUser.mockResolvedValue({ protocol: 1, user: lan });
    await render();
    click(button('Sửa Trần Thị Lan (lan)'));
    click(field('Phường Phú Bài (19960)') as HTMLInputElement);
    click(button('Lưu'));
    expect(text()).toContain('Hãy chọn ít nhất một xã');
    expect(transport.updateUser).not.toHaveBeenCalled();
    click(field('Xã Phú Lộc (20150)') as HTMLInputElement);
    click(field('Xã Lộc An (20140)') as HTMLInputElement);
    click(button('Lưu'));
    await until(() => expect(transport.updateUser).toHaveBeenCalledTimes(1));
    expect(transport.updateUser).toHaveBeenCalledWith('tok', 'u-lan', {
      displayName: 'Trần Thị Lan',
      role: 'officer',
      scope: { kind: 'communes', codes: ['20140', '20150'] },
    });
  });

  test('disabling asks first, then says so; cancelling sends nothing', async () => {
    transport.listUsers.mockResolvedValue(answer(lan));
    transport.userStep.mockResolvedValue({ protocol: 1, user: { ...lan, disabled: true, activeSessions: 0 } });
    await render();
    click(button('Khóa', row('lan')));
    expect(row('lan').textContent).toContain('Mọi phiên đăng nhập của người này kết thúc ngay');
    click(button('Hủy', row('lan')));
    expect(transport.userStep).not.toHaveBeenCalled();
    click(button('Khóa', row('lan')));
    transport.listUsers.mockResolvedValue(answer({ ...lan, disabled: true, activeSessions: 0 }));
    click(button('Xác nhận', row('lan')));
    await until(() => expect(text()).toContain('Đã khóa Trần Thị Lan (lan).'));
    expect(transport.userStep).toHaveBeenCalledExactlyOnceWith('tok', 'u-lan', 'disable');
    await until(() => expect(row('lan').textContent).toContain('Đã khóa'));
  });

  test('a refusal from the server is shown in the row, in Vietnamese', async () => {
    transport.listUsers.mockResolvedValue(answer(lan));
    transport.userStep.mockRejectedValue(new TransportError('last-admin', 'x', 409));
    await render();
    click(button('Đặt lại mật khẩu', row('lan')));
    click(button('Xác nhận', row('lan')));
    await until(() => expect(row('lan').textContent).toContain('quản trị viên cuối cùng'));
  });
});
