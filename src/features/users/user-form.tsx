/**
 * Creating or editing a user (admins): username (on creation only), full name, role and scope —
 * some communes, a whole former district or the province. Checked here as the server checks it,
 * so the admin hears why before anything is sent; the server's refusal is shown as it comes.
 */
import { useId, useState, type FormEvent } from 'react';
import { roles, type Role } from '../../domain/vocabulary';
import { usernameSchema, type ScopeUnit, type UserScope, type UserSummary } from '../../protocol/users';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';
import { formerDistricts } from './scope-text';

export type Saved = { user: UserSummary; temporaryPassword?: string | undefined; created: boolean };

type Props = {
  token: string;
  units: readonly ScopeUnit[];
  /** The user being edited, or undefined for a new one. */
  user?: UserSummary | undefined;
  onSaved: (saved: Saved) => void;
  onCancel: () => void;
};

type ScopeKind = UserScope['kind'];

export function UserForm({ token, units, user, onSaved, onCancel }: Props) {
  const m = t.users.form;
  const { transport } = useServices();
  const ids = useId();
  const districts = formerDistricts(units);
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'officer');
  const [kind, setKind] = useState<ScopeKind>(user?.scope.kind ?? 'communes');
  const [codes, setCodes] = useState<string[]>(user?.scope.kind === 'communes' ? [...user.scope.codes] : []);
  const [district, setDistrict] = useState(
    user?.scope.kind === 'former-district' ? user.scope.code : (districts[0]?.code ?? ''),
  );
  const province = units[0]?.provinceCode ?? '46';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const scope = (): UserScope =>
    kind === 'communes'
      ? { kind, codes }
      : kind === 'former-district'
        ? { kind, code: district }
        : { kind, code: province };

  const problem = (): string | null => {
    if (!user && !usernameSchema.safeParse(username).success) return m.errors.username;
    if (!displayName.trim()) return m.errors.displayName;
    if (kind === 'communes' && codes.length === 0 && role !== 'admin') return m.errors.communes;
    if (kind === 'former-district' && !district) return m.errors.district;
    return null;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = problem();
    setError(found);
    if (found) return;
    setBusy(true);
    runAsync(
      async () => {
        const answer = user
          ? await transport.updateUser(token, user.id, { displayName, role, scope: scope() })
          : await transport.createUser(token, { username, displayName, role, scope: scope() });
        onSaved({ user: answer.user, temporaryPassword: answer.temporaryPassword, created: !user });
      },
      (failure) => {
        setBusy(false);
        setError(errorMessage((failure as { code?: string }).code ?? 'unexpected'));
      },
    );
  };

  const toggle = (code: string) =>
    setCodes((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code].sort()));

  return (
    <form className="card user-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{user ? m.editTitle(user.displayName) : m.createTitle}</h2>
      {!user && (
        <>
          <label htmlFor={`${ids}-username`}>{m.username}</label>
          <input
            id={`${ids}-username`}
            autoCapitalize="none"
            autoComplete="off"
            value={username}
            aria-describedby={`${ids}-hint`}
            onChange={(e) => setUsername(e.target.value)}
          />
          <p id={`${ids}-hint`} className="muted">
            {m.usernameHint}
          </p>
        </>
      )}
      <label htmlFor={`${ids}-name`}>{m.displayName}</label>
      <input id={`${ids}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <label htmlFor={`${ids}-role`}>{m.role}</label>
      <select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t.roles[r]}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{m.scope}</legend>
        {(['communes', 'former-district', 'province'] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`${ids}-kind`} checked={kind === k} onChange={() => setKind(k)} />{' '}
            {m.scopeKinds[k]}
          </label>
        ))}
      </fieldset>
      {kind === 'communes' && (
        <fieldset className="commune-choices">
          <legend>{m.communes}</legend>
          {units.map((u) => (
            <label key={u.code} className="choice">
              <input type="checkbox" checked={codes.includes(u.code)} onChange={() => toggle(u.code)} /> {u.name}{' '}
              <span className="muted">({u.code})</span>
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'former-district' && (
        <>
          <label htmlFor={`${ids}-district`}>{m.district}</label>
          <select id={`${ids}-district`} value={district} onChange={(e) => setDistrict(e.target.value)}>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
        </>
      )}
      {kind === 'province' && <p className="muted">{m.provinceName}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {user ? m.save : m.create}
        </button>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
