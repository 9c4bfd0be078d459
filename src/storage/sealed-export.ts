/**
 * Unsent work leaving the tablet as a file sealed with a password (issue 13): at sign-out
 * (features/settings), from the sign-in screen when another user's ops block it, and from
 * "Cần xử lý" for a broken tablet. The plain export (outbox-export.ts) sealed as
 * outbox-seal.ts describes; a supervisor's devices screen opens it with the password.
 */
import { err, ok, type Result } from '../lib/result';
import type { AppDb } from './app-db';
import { exportUnsent, type ExportedSet, type OutboxExport } from './outbox-export';
import { checkSealPassword, sealText, type PasswordProblem } from './outbox-seal';

/** `thao-tac-chua-gui-ma-hoa-<date>-<device>.json`: a supervisor given several tells them apart. */
export function sealedFileName(file: OutboxExport): string {
  const device = (file.deviceId ?? 'khong-ro').replace(/[^A-Za-z0-9-]/g, '').slice(0, 8);
  return `thao-tac-chua-gui-ma-hoa-${file.exportedAt.slice(0, 10)}-${device}.json`;
}

export type SealedExport = { fileName: string; content: string; ops: number; exported: ExportedSet };

/** The sealed file of what is unsent now; `nothing-unsent` when everything was sent meanwhile. */
export async function makeSealedExport(
  db: AppDb,
  now: number,
  password: string,
  repeat: string,
): Promise<Result<SealedExport, PasswordProblem | 'nothing-unsent'>> {
  const problem = checkSealPassword(password, repeat);
  if (problem) return err(problem);
  const { file, exported } = await exportUnsent(db, now);
  if (file.ops.length === 0 && file.blobs.length === 0) return err('nothing-unsent');
  const sealed = await sealText(JSON.stringify(file), password);
  if (!sealed.ok) return err(sealed.error);
  return ok({ fileName: sealedFileName(file), content: JSON.stringify(sealed.value), ops: file.ops.length, exported });
}
