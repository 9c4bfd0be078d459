/**
 * Records a roster op from a form: the optimistic change and the outbox op in one transaction
 * (storage/outbox.ts), then a nudge to the sync engine. A storage failure (quota, closed
 * database) is reported to the app's banner and answered `false`: nothing was recorded.
 */
import { useCallback } from 'react';
import { recordOp, type NewOp } from '../../storage/outbox';
import { toStorageErrorCode } from '../../storage/storage-errors';
import { useServices } from '../../ui/services';
import { reportStorageError } from '../../ui/storage-alert';
import { useOpContext } from '../../ui/use-op-context';

export type SaveOp = {
  /** False until the session and the device id are known. */
  isReady: boolean;
  save: (op: NewOp) => Promise<boolean>;
};

export function useSaveOp(): SaveOp {
  const { db, engine } = useServices();
  const ctx = useOpContext();
  const save = useCallback(
    async (op: NewOp) => {
      if (!ctx) return false;
      try {
        await recordOp(db, ctx, op);
      } catch (e) {
        if (reportStorageError(toStorageErrorCode(e)) === null) throw e;
        return false;
      }
      engine.notifyNewOp();
      return true;
    },
    [db, engine, ctx],
  );
  return { isReady: ctx !== undefined, save };
}
