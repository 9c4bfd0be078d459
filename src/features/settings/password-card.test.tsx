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
import { PasswordCard } from './password-card';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const user: User = { id: 'u-1', username: 'officer', displayName: 'Cán bộ Một', role: 'officer', communes: ['19960'] };
let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const changePassword = vi.fn<Transport['changePassword']>();

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.kv.put({ key: 'session', value: { token: 'tok', expiresAt: '2099-01-01T00:00:00Z', user } });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <ServicesProvider services={testServices(db, { transport: { changePassword } })}>
        <PasswordCard />
      </ServicesProvider>,
    ),
  );
  await until(() => expect(container.querySelector('form')).not.toBeNull());
});
afterEach(async () => {
  act(() => root?.unmount());
  container.remove();
  changePassword.mockReset();
  await db.delete();
});

function type(key: string, value: string) {
  const el = container.querySelector<HTMLInputElement>(`[data-field="${key}"]`) ?? expect.unreachable(key);
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const submit = () =>
  act(() => {
    container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });

describe('Settings: change password', { timeout: 20_000 }, () => {
  test('sends the current and new password, then says it is done and keeps the session', async () => {
    changePassword.mockResolvedValue(user);
    expect(container.textContent).toContain('Đổi mật khẩu');
    type('current', 'mat-khau-cu-1');
    type('next', 'mat-khau-moi-dai');
    type('again', 'mat-khau-moi-dai');
    submit();
    await until(() => expect(container.textContent).toContain('Đã đổi mật khẩu.'));
    expect(changePassword).toHaveBeenCalledExactlyOnceWith('tok', {
      currentPassword: 'mat-khau-cu-1',
      newPassword: 'mat-khau-moi-dai',
    });
    expect((await loadSession(db))?.token).toBe('tok');
  });

  test('a wrong current password is said, and nothing is marked done', async () => {
    changePassword.mockRejectedValue(new TransportError('wrong-password', 'x', 400));
    type('current', 'sai');
    type('next', 'mat-khau-moi-dai');
    type('again', 'mat-khau-moi-dai');
    submit();
    await until(() => expect(container.textContent).toContain('Mật khẩu hiện tại không đúng.'));
    expect(container.textContent).not.toContain('Đã đổi mật khẩu.');
  });
});
