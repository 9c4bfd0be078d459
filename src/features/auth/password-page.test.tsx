import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { User } from '../../protocol/auth';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { loadSession } from '../../sync/session';
import { TransportError, type Transport } from '../../sync/transport';
import { ServicesProvider } from '../../ui/services';
import { PasswordPage } from './password-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const lan: User = {
  id: 'u-lan',
  username: 'tran.thi.lan',
  displayName: 'Trần Thị Lan',
  role: 'officer',
  communes: ['19960'],
  mustChangePassword: true,
};

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const transport = { changePassword: vi.fn<Transport['changePassword']>(), logout: vi.fn<Transport['logout']>() };
const engine = { syncNow: vi.fn(() => Promise.resolve()) };

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  transport.changePassword.mockReset();
  transport.logout.mockReset();
  engine.syncNow.mockClear();
  await db.delete();
});

async function render() {
  await db.kv.put({ key: 'session', value: { token: 'tok', expiresAt: '2099-01-01T00:00:00Z', user: lan } });
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={testServices(db, { transport, engine })}>
        <PasswordPage />
      </ServicesProvider>,
    ),
  );
  await until(() => expect(container.querySelector('form')).not.toBeNull());
}

const input = (id: string) =>
  container.querySelector<HTMLInputElement>(`[data-field="${id}"]`) ?? expect.unreachable(`no field ${id}`);
function type(id: string, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input(id), value);
    input(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const submit = () =>
  act(() => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
const fill = (current: string, next: string, again = next) => {
  type('current', current);
  type('next', next);
  type('again', again);
};

describe('PasswordPage (first sign-in)', { timeout: 20_000 }, () => {
  test.each([
    ['tam-thoi', 'ngan', 'ngan', 'Mật khẩu mới cần ít nhất 10 ký tự.'],
    ['tam-thoi', 'TRAN.THI.LAN', 'TRAN.THI.LAN', 'Mật khẩu mới không được trùng tên đăng nhập.'],
    ['tam-thoi', 'mat-khau-moi-1', 'mat-khau-moi-2', 'Hai lần nhập mật khẩu mới không khớp.'],
    ['', 'mat-khau-moi-1', 'mat-khau-moi-1', 'Hãy nhập mật khẩu hiện tại.'],
  ])('refuses before sending: %s / %s / %s', async (current, next, again, message) => {
    await render();
    fill(current, next, again);
    submit();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(message);
    expect(transport.changePassword).not.toHaveBeenCalled();
  });

  test('a password the server takes clears the flag in the stored session and starts a sync', async () => {
    const { mustChangePassword: _, ...plain } = lan;
    transport.changePassword.mockResolvedValue(plain);
    await render();
    expect(container.textContent).toContain('Đặt mật khẩu mới');
    fill('tam-thoi-123', 'mat-khau-rieng-dai');
    submit();
    let stored: User | undefined;
    await until(() => {
      void loadSession(db).then((s) => (stored = s?.user));
      expect(stored).toEqual(plain);
    });
    expect(transport.changePassword).toHaveBeenCalledExactlyOnceWith('tok', {
      currentPassword: 'tam-thoi-123',
      newPassword: 'mat-khau-rieng-dai',
    });
    expect(engine.syncNow).toHaveBeenCalled();
  });

  test('the server’s refusal is said in Vietnamese and the session keeps its flag', async () => {
    transport.changePassword.mockRejectedValue(new TransportError('wrong-password', 'x', 400));
    await render();
    fill('sai-roi-123', 'mat-khau-rieng-dai');
    submit();
    await until(() => expect(container.textContent).toContain('Mật khẩu hiện tại không đúng.'));
    expect((await loadSession(db))?.user.mustChangePassword).toBe(true);
  });
});
