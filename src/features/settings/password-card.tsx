/** "Đổi mật khẩu" in Settings (issue 14): any signed-in user sets a new password; their other sign-ins end. */
import { useState } from 'react';
import { saveSession } from '../../sync/session';
import { rewrapForUser } from '../../storage/device-unlock';
import { holdPassword } from '../../ui/held-password';
import { t } from '../../ui/messages';
import { PasswordForm } from '../../ui/password-form';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

export function PasswordCard() {
  const m = t.password;
  const { db } = useServices();
  const session = useSession();
  const [done, setDone] = useState(false);
  if (!session) return null;
  return (
    <div className="card">
      <h2>{m.settingsTitle}</h2>
      <PasswordForm
        token={session.token}
        username={session.user.username}
        currentLabel={m.currentSettings}
        onChanged={async (user, password) => {
          if (!(await rewrapForUser(db, password))) holdPassword(password);
          await saveSession(db, { ...session, user });
          setDone(true);
        }}
      />
      {done && (
        <p className="ok" role="status">
          {m.done}
        </p>
      )}
    </div>
  );
}
