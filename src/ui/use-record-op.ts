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
import { useCan } from './use-can';
import { useOpContext } from './use-op-context';

/** Not recorded: refused, storage failed, the role may not, or the session or device is not known yet. */
export type RecordOpError = RecordError | { code: 'not-ready' } | { code: 'forbidden' };

export type RecordOp = <T extends OpType>(
  type: T,
  entityId: string,
  payload: PayloadInput<T>,
  options?: RecordOptions,
) => Promise<Result<OutboxRow, RecordOpError>>;

export function useRecordOp(): { isReady: boolean; record: RecordOp } {
  const { recorder, engine } = useServices();
  const ctx = useOpContext();
  const can = useCan();
  const record: RecordOp = useCallback(
    async (type, entityId, payload, options) => {
      if (!ctx) return err({ code: 'not-ready' });
      // What the server would refuse for the role is not recorded (screens do not offer it).
      if (!can(type)) return err({ code: 'forbidden' });
      const recorded = await recorder(ctx, type, entityId, payload, options);
      if (recorded.ok) engine.notifyNewOp();
      else if (recorded.error.code === 'storage-failed') reportStorageError(recorded.error.storage);
      return recorded;
    },
    [recorder, engine, ctx, can],
  );
  return { isReady: ctx !== undefined, record };
}
