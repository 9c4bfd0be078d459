/** What a screen says when an op was not recorded: the same words on every screen. */
import { t } from './messages';
import type { RecordOpError } from './use-record-op';

export function recordErrorMessage(error: RecordOpError): string {
  if (error.code === 'storage-failed') return t.record.storageFailed;
  if (error.code === 'not-ready') return t.record.notReady;
  return t.record.refused(t.opResults[error.code]);
}
