/**
 * One user on the users screen: role, scope, status, last sign-in and devices, with edit, disable
 * or enable, and reset. Disable, enable and reset ask for a confirmation in the row (a tap or a key
 * away, no browser dialog), then go to the server.
 */
import { useState } from 'react';
import type { ScopeUnit, UserSummary } from '../../protocol/users';
import type { UserStep } from '../../sync/user-transport';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';
import { scopeText } from './scope-text';

type Props = {
  user: UserSummary;
  token: string;
  units: readonly ScopeUnit[];
  onEdit: () => void;
  onDone: (step: UserStep, user: UserSummary, temporaryPassword?: string) => void;
};

const when = (iso: string | null) => (iso === null ? t.users.never : formatDateTime(Date.parse(iso)));

export function UserRow({ user, token, units, onEdit, onDone }: Props) {
  const m = t.users;
  const { transport } = useServices();
  const [asking, setAsking] = useState<UserStep | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${user.displayName} (${user.username})`;

  const confirm = (step: UserStep) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    runAsync(
      async () => {
        const answer = await transport.userStep(token, user.id, step);
        setBusy(false);
        setAsking(null);
        onDone(step, answer.user, answer.temporaryPassword);
      },
      (failure) => {
        setBusy(false);
        setError(errorMessage((failure as { code?: string }).code ?? 'unexpected'));
      },
    );
  };

  const status = user.disabled ? m.disabled : user.mustChangePassword ? m.mustChange : m.active;
  return (
    <tr data-user={user.username} className={user.disabled ? 'muted' : undefined}>
      <th scope="row">
        {user.displayName}
        <br />
        <span className="muted">{user.username}</span>
      </th>
      <td>{t.roles[user.role]}</td>
      <td>{scopeText(user.scope, units)}</td>
      <td>{status}</td>
      <td>
        {when(user.lastSignInAt)}
        {user.activeSessions > 0 && <div className="muted">{m.sessions(user.activeSessions)}</div>}
      </td>
      <td>
        {user.devices.length === 0 ? (
          m.devicesCount(0)
        ) : (
          <details>
            <summary aria-label={m.showDevices(user.displayName)}>{m.devicesCount(user.devices.length)}</summary>
            <ul>
              {user.devices.map((d) => (
                <li key={d.id}>{m.device(d.name, m.deviceStatus[d.status], when(d.lastSeenAt))}</li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td>
        {asking === null ? (
          <div className="actions">
            <button type="button" aria-label={m.editLabel(name)} onClick={onEdit}>
              {m.edit}
            </button>
            <button type="button" onClick={() => setAsking(user.disabled ? 'enable' : 'disable')}>
              {user.disabled ? m.enable : m.disable}
            </button>
            {!user.disabled && (
              <button type="button" onClick={() => setAsking('reset-password')}>
                {m.reset}
              </button>
            )}
          </div>
        ) : (
          <div role="group" aria-label={m.confirm[asking](name)}>
            <p>{m.confirm[asking](name)}</p>
            <button type="button" className="primary" disabled={busy} onClick={() => confirm(asking)}>
              {m.confirmYes}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {m.cancel}
            </button>
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
