/**
 * "Người dùng" (admins; issue 14, docs/protocol.md "Users"), online: every user with role, scope,
 * status, last sign-in and devices; a form to create or edit one; disable, enable and reset with a
 * confirmation; a created or reset user's temporary password shown once.
 */
import { useState } from 'react';
import type { UserSummary } from '../../protocol/users';
import { errorMessage, t } from '../../ui/messages';
import { useOnline } from '../../ui/use-online';
import { useRemote } from '../../ui/use-remote';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { TemporaryPassword } from './temporary-password';
import { UserForm, type Saved } from './user-form';
import { UserRow } from './user-row';

type Editing = { kind: 'new' } | { kind: 'edit'; user: UserSummary } | null;

export function UsersPage() {
  const m = t.users;
  const { transport } = useServices();
  const online = useOnline();
  const token = useSession()?.token;
  const [users, reload] = useRemote((token) => transport.listUsers(token), 'users');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);

  const shown = (user: UserSummary, text: string, password?: string) => {
    setNotice(text);
    setTemporary(password ? { username: user.username, password } : null);
    reload();
  };
  const saved = ({ user, temporaryPassword, created }: Saved) => {
    setEditing(null);
    shown(user, created ? m.done.create(user.displayName) : m.done.update(user.displayName), temporaryPassword);
  };

  return (
    <section className="users">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {!online && (
        <p className="warning" role="status">
          {m.online}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {temporary && (
        <TemporaryPassword
          username={temporary.username}
          password={temporary.password}
          onClose={() => setTemporary(null)}
        />
      )}
      {users.state === 'loading' && <p className="muted">{m.loading}</p>}
      {users.state === 'failed' && (
        <p className="error" role="alert">
          {errorMessage(users.code)}{' '}
          <button type="button" onClick={reload}>
            {m.retry}
          </button>
        </p>
      )}
      {users.state === 'ready' && token && (
        <>
          {editing === null ? (
            <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
              {m.add}
            </button>
          ) : (
            <UserForm
              key={editing.kind === 'edit' ? editing.user.id : 'new'}
              token={token}
              units={users.value.communes}
              user={editing.kind === 'edit' ? editing.user : undefined}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          <table className="users-table" data-testid="users">
            <thead>
              <tr>
                <th scope="col">{m.cols.user}</th>
                <th scope="col">{m.cols.role}</th>
                <th scope="col">{m.cols.scope}</th>
                <th scope="col">{m.cols.status}</th>
                <th scope="col">{m.cols.lastSignIn}</th>
                <th scope="col">{m.cols.devices}</th>
                <th scope="col">{m.cols.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.value.users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  token={token}
                  units={users.value.communes}
                  onEdit={() => setEditing({ kind: 'edit', user })}
                  onDone={(step, after, password) =>
                    shown(after, m.done[step](`${after.displayName} (${after.username})`), password)
                  }
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
