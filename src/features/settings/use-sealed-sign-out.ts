import { useState } from 'react';
import { exportUnsent, type ExportedSet, type OutboxExport } from '../../storage/outbox-export';
import { checkSealPassword, MIN_SEAL_PASSWORD_LENGTH, sealText } from '../../storage/outbox-seal';
import { wipeAfterExport } from '../../storage/wipe';
import { downloadFile } from '../../ui/download';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

/** The sealed file made, kept until the user says it is saved (or downloads it again). */
export type MadeFile = { fileName: string; content: string; ops: number; exported: ExportedSet };

/** `thao-tac-chua-gui-ma-hoa-<date>-<device>.json`: a supervisor given several tells them apart. */
export function sealedFileName(file: OutboxExport): string {
  const device = (file.deviceId ?? 'khong-ro').replace(/[^A-Za-z0-9-]/g, '').slice(0, 8);
  return `thao-tac-chua-gui-ma-hoa-${file.exportedAt.slice(0, 10)}-${device}.json`;
}

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
    const problem = checkSealPassword(password, repeat);
    if (problem) {
      setError(problem === 'too-short' ? t.sealedSignOut.tooShort(MIN_SEAL_PASSWORD_LENGTH) : t.sealedSignOut.mismatch);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { file, exported } = await exportUnsent(db, clock.now());
      if (file.ops.length === 0 && file.blobs.length === 0) {
        // Everything was sent while the form was open: no file is needed.
        await signOut();
        return;
      }
      const sealed = await sealText(JSON.stringify(file), password);
      if (!sealed.ok) throw new Error(sealed.error);
      const fileName = sealedFileName(file);
      const content = JSON.stringify(sealed.value);
      downloadFile(fileName, content, 'application/json');
      setMade({ fileName, content, ops: file.ops.length, exported });
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
