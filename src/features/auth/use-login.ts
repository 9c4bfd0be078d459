import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getKv } from '../../storage/kv';
import { exportUnsentOps } from '../../storage/outbox-export';
import type { WipeReason } from '../../storage/wipe';
import { signIn, type SignInRefusal } from '../../sync/sign-in';
import { TransportError } from '../../sync/transport';
import { downloadFile } from '../../ui/download';
import { errorMessage, t } from '../../ui/messages';
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

/**
 * Device name shown to supervisors: the platform, so two tablets can be told apart with the id.
 * It is stored by the server as it was sent, so a plain browser is named in the signer's language.
 */
function deviceName(): string {
  const ua = navigator.userAgent;
  const kind = /Android/i.test(ua) ? 'Android' : /iPad|iPhone/i.test(ua) ? 'iOS' : t.login.browser;
  return `${kind} ${new Date().toISOString().slice(0, 10)}`;
}

export function useLogin(onSuccess: () => void) {
  const { db, transport, engine, makeId, clock } = useServices();
  const [state, setState] = useState<LoginState>({ submitting: false, error: null, blockedByPending: false });

  async function login(username: string, password: string): Promise<void> {
    if (!username.trim() || !password) {
      setState({ submitting: false, error: t.login.required, blockedByPending: false });
      return;
    }
    if (!navigator.onLine) {
      setState({ submitting: false, error: t.login.offline, blockedByPending: false });
      return;
    }
    setState({ submitting: true, error: null, blockedByPending: false });
    try {
      const result = await signIn({ db, transport, makeId }, { username, password, deviceName: deviceName() });
      if (!result.ok) {
        setState({ submitting: false, error: refusalMessage(result.error), blockedByPending: true });
        return;
      }
      setState({ submitting: false, error: null, blockedByPending: false });
      onSuccess();
      void engine.syncNow();
    } catch (e) {
      const code = e instanceof TransportError ? e.code : 'unexpected';
      setState({ submitting: false, error: errorMessage(code), blockedByPending: false });
    }
  }

  /** The unsent ops as the file a supervisor imports on another device (no sign-in needed). */
  async function exportPending(): Promise<void> {
    const file = await exportUnsentOps(db, clock.now());
    downloadFile(`thao-tac-chua-gui-${file.exportedAt.slice(0, 10)}.json`, JSON.stringify(file), 'application/json');
  }

  return { ...state, login, exportPending };
}

/** Why the device's data was erased, to tell the user on the sign-in screen. */
export function useWipedReason(): WipeReason | undefined {
  const { db } = useServices();
  return useLiveQuery(() => getKv<WipeReason>(db, 'wipedReason'), [db]);
}
