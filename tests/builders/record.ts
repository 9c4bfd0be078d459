/** Recording ops in tests: `recordOp` that must succeed (a refusal fails the test with its code). */
import type { OpType, PayloadInput } from '../../src/protocol/op-registry';
import type { AppDb, OutboxRow } from '../../src/storage/app-db';
import { recordOp, type OpContext, type RecordOptions } from '../../src/storage/outbox';

export async function recordOk<T extends OpType>(
  db: AppDb,
  ctx: OpContext,
  type: T,
  entityId: string,
  payload: PayloadInput<T>,
  options?: RecordOptions,
): Promise<OutboxRow> {
  const recorded = await recordOp(db, ctx, type, entityId, payload, options);
  if (!recorded.ok) throw new Error(`${type} on ${entityId} was not recorded: ${JSON.stringify(recorded.error)}`);
  return recorded.value;
}
