import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getKv } from '../../storage/kv';
import { MIN_SEAL_PASSWORD_LENGTH } from '../../storage/outbox-seal';
import { makeSealedExport } from '../../storage/sealed-export';
import type { WipeReason } from '../../storage/wipe';
import { loadLastUser } from '../../sync/session';
import { signIn, type SignInRefusal } from '../../sync/sign-in';
import { rewrapForUser } from '../../storage/device-unlock';
import { forgetHeldPassword, holdPassword } from '../../ui/held-password';
import { TransportError } from '../../sync/transport';
import { sealAndDownload } from '../../ui/sealed-export-form';
import { errorMessage, t } from '../../ui/messages';
import { deviceName } from '../../ui/device-name';
import { useServices } from '../../ui/services';

export type LoginState = {
  submitting: boolean;
  error: string | null;
  /** Another user's unsent ops block this sign-in: the page offers to export them. */
  blockedByPending: boolean;
};

/** Another user's ops still wait on the device: only they may sign in (sync/sign-in-guard.ts). */
function refusalMessage(refusal: SignInRefusal): string {
  const who = refusal.owner ? `${refusal.owner.displayName} (${refusal.owner.username})` : refusal.actorId;
  return t.login.otherUserPending(refusal.count, who);
}

export function useLogin(onSuccess: () => void) {
  const { db, transport, engine, makeId, clock, mode } = useServices();
  const [state, setState] = useState<LoginState>({ submitting: false, error: null, blockedByPending: false });

  async function login(username: string, password: string): Promise<void> {
    if (!username.trim() || !password) {
      setState({ submitting: false, error: t.login.required, blockedByPending: false });
      return;
    }
    // Practice signs in to the practice server inside the app: no network needed.
    if (!navigator.onLine && !mode?.practice) {
      setState({ submitting: false, error: t.login.offline, blockedByPending: false });
      return;
    }
    setState({ submitting: true, error: null, blockedByPending: false });
    try {
      const last = await loadLastUser(db);
      // Held before the session is saved: the PIN step shows as soon as it is, and wraps the data
      // key under this password without asking for it again (forgotten if the sign-in fails).
      if (db.keyring.state !== 'unlocked') holdPassword(password);
      const result = await signIn({ db, transport, makeId }, { username, password, deviceName: deviceName() });
      if (!result.ok) {
        forgetHeldPassword();
        setState({ submitting: false, error: refusalMessage(result.error), blockedByPending: true });
        return;
      }
      // The data key is wrapped under this password: at the PIN step on a device without a vault,
      // or now, since the password may have been reset since (features/lock).
      await rewrapForUser(db, password, last !== undefined && last.id !== result.value.user.id);
      setState({ submitting: false, error: null, blockedByPending: false });
      onSuccess();
      void engine.syncNow();
    } catch (e) {
      forgetHeldPassword();
      const code = e instanceof TransportError ? e.code : 'unexpected';
      setState({ submitting: false, error: errorMessage(code), blockedByPending: false });
    }
  }

  /**
   * The unsent ops as the file a supervisor imports on another device (no sign-in needed), sealed
   * with a password: it names the people paid (issue 13).
   */
  function exportPending(password: string, repeat: string) {
    return sealAndDownload(() => makeSealedExport(db, clock.now(), password, repeat), MIN_SEAL_PASSWORD_LENGTH);
  }

  return { ...state, login, exportPending };
}

/** Why the device's data was erased, to tell the user on the sign-in screen. */
export function useWipedReason(): WipeReason | undefined {
  const { db } = useServices();
  return useLiveQuery(() => getKv<WipeReason>(db, 'wipedReason'), [db]);
}
