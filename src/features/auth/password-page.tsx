/**
 * "Đặt mật khẩu mới" (issue 14): a user an admin created or reset signs in with a temporary
 * password, and the server lets that token do nothing but set a new one (docs/protocol.md "Auth").
 * The app shows this before anything else; once the server takes the password, the stored session
 * loses its flag and the app opens as usual.
 */
import { clearSession, saveSession } from '../../sync/session';
import { rewrapForUser } from '../../storage/device-unlock';
import { holdPassword } from '../../ui/held-password';
import { t } from '../../ui/messages';
import { PasswordForm } from '../../ui/password-form';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

export function PasswordPage() {
  const m = t.password;
  const { db, transport, engine } = useServices();
  const session = useSession();
  if (!session) return null;

  const signOut = () => {
    // Nothing was recorded with this token: the session simply ends (best effort on the server).
    void transport.logout(session.token).catch(() => undefined);
    void clearSession(db);
  };

  return (
    <main className="login">
      <section className="card login-card" aria-labelledby="password-title">
        <h1 id="password-title">{m.title}</h1>
        <p className="muted">{m.intro}</p>
        <p>
          <strong>{session.user.displayName}</strong> ({session.user.username})
        </p>
        <PasswordForm
          token={session.token}
          username={session.user.username}
          currentLabel={m.current}
          onChanged={async (user, password) => {
            if (!(await rewrapForUser(db, password))) holdPassword(password);
            await saveSession(db, { ...session, user });
            void engine.syncNow();
          }}
        >
          <button type="button" onClick={signOut}>
            {m.signOut}
          </button>
        </PasswordForm>
      </section>
    </main>
  );
}
