/**
 * The one way screens record an op: `record(type, entityId, payload)` with the payload's type
 * following from the op type (op registry), as the signed-in user on this device. The op and its
 * optimistic change are one local transaction (storage/outbox.ts `recordOp`); a storage failure
 * reaches the app's banner; the sync engine is woken once the op is durable.
 */
import { useCallback } from 'react';
import { err, type Result } from '../lib/result';
import type { OpType, PayloadInput } from '../protocol/op-registry';
import type { OutboxRow } from '../storage/app-db';
import type { RecordError, RecordOptions } from '../storage/outbox';
import { useServices } from './services';
import { reportStorageError } from './storage-alert';
import { useOpContext } from './use-op-context';

/** Not recorded: refused, storage failed, or the session or device id is not known yet. */
export type RecordOpError = RecordError | { code: 'not-ready' };

export type RecordOp = <T extends OpType>(
  type: T,
  entityId: string,
  payload: PayloadInput<T>,
  options?: RecordOptions,
) => Promise<Result<OutboxRow, RecordOpError>>;

export function useRecordOp(): { isReady: boolean; record: RecordOp } {
  const { recorder, engine } = useServices();
  const ctx = useOpContext();
  const record: RecordOp = useCallback(
    async (type, entityId, payload, options) => {
      if (!ctx) return err({ code: 'not-ready' });
      const recorded = await recorder(ctx, type, entityId, payload, options);
      if (recorded.ok) engine.notifyNewOp();
      else if (recorded.error.code === 'storage-failed') reportStorageError(recorded.error.storage);
      return recorded;
    },
    [recorder, engine, ctx],
  );
  return { isReady: ctx !== undefined, record };
}
