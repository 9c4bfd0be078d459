import { useState } from 'react';
import { MIN_SEAL_PASSWORD_LENGTH } from '../../storage/outbox-seal';
import { makeSealedExport, type SealedExport } from '../../storage/sealed-export';
import { wipeAfterExport } from '../../storage/wipe';
import { downloadFile } from '../../ui/download';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

/** The sealed file made, kept until the user says it is saved (or downloads it again). */
export type MadeFile = SealedExport;

/**
 * Signing out with work unsent (issue 13): the unsent ops and evidence leave as a file sealed
 * with a password (storage/outbox-seal.ts), then, once the user says the file is saved, the
 * device is wiped (`wipeAfterExport`, which refuses if anything was recorded since) and the
 * token ended. `signOut` is the plain sign-out, for when everything was sent meanwhile.
 */
export function useSealedSignOut(signOut: () => Promise<void>) {
  const { db, transport, clock } = useServices();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<MadeFile | null>(null);

  async function make(password: string, repeat: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const sealed = await makeSealedExport(db, clock.now(), password, repeat);
      if (!sealed.ok) {
        // Everything was sent while the form was open: no file is needed.
        if (sealed.error === 'nothing-unsent') await signOut();
        else
          setError(
            sealed.error === 'too-short'
              ? t.sealedSignOut.tooShort(MIN_SEAL_PASSWORD_LENGTH)
              : t.sealedSignOut.mismatch,
          );
        return;
      }
      downloadFile(sealed.value.fileName, sealed.value.content, 'application/json');
      setMade(sealed.value);
    } catch {
      setError(t.sealedSignOut.failed);
    } finally {
      setBusy(false);
    }
  }

  function downloadAgain(): void {
    if (made) downloadFile(made.fileName, made.content, 'application/json');
  }

  async function wipeAndSignOut(): Promise<void> {
    if (!made) return;
    const token = session?.token;
    setBusy(true);
    try {
      if (!(await wipeAfterExport(db, made.exported))) {
        setMade(null);
        setError(t.sealedSignOut.changed);
        return;
      }
      // The device is wiped (this screen goes with the session); end the token when reachable.
      if (token) await transport.logout(token).catch(() => undefined);
    } catch {
      setError(t.sealedSignOut.wipeFailed);
    } finally {
      setBusy(false);
    }
  }

  function reset(): void {
    setMade(null);
    setError(null);
  }

  return { busy, error, made, make, downloadAgain, wipeAndSignOut, reset };
}
