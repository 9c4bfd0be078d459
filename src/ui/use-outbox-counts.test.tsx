import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { freshTestDb, testServices } from '../../tests/builders/services';
import type { AppDb, ConflictRow, OutboxRow } from '../storage/app-db';
import { ServicesProvider } from './services';
import type { OutboxCounts } from '../storage/outbox-counts';
import { useOutboxCounts } from './use-outbox-counts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let latest: OutboxCounts | undefined;

function Harness() {
  latest = useOutboxCounts();
  return null;
}

beforeEach(() => {
  db = freshTestDb();
  root = createRoot(document.createElement('div'));
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db)}>
        <Harness />
      </ServicesProvider>,
    ),
  );
});
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});

const op = (seq: number, state: OutboxRow['state']): OutboxRow => ({
  seq,
  id: `op-${seq}`,
  type: 'payment.record',
  entityId: 'line-1',
  state,
  envelope: {},
  attempts: 1,
  lastError: null,
  result: null,
});
const conflict = (id: string, opId: string, status: 'open' | 'resolved') =>
  ({ id, version: 1, opId, status }) as unknown as ConflictRow;

test('a conflict this device caused counts once, then not at all once a supervisor resolved it', async () => {
  await db.outbox.bulkPut([op(1, 'pending'), op(2, 'rejected'), op(3, 'conflict')]);
  await vi.waitFor(() => expect(latest).toEqual({ pending: 1, attention: 2 }));

  // The conflict entity of op 3 arrives open, with a new rejection: 3, not 4 — op 3 and its
  // conflict are one thing to look at.
  await db.transaction('rw', db.conflicts, db.outbox, async () => {
    await db.conflicts.put(conflict('c-3', 'op-3', 'open'));
    await db.outbox.put(op(4, 'rejected'));
  });
  await vi.waitFor(() => expect(latest).toEqual({ pending: 1, attention: 3 }));

  // Another device's conflict in the commune counts too.
  await db.conflicts.put(conflict('c-9', 'op-of-another-device', 'open'));
  await vi.waitFor(() => expect(latest).toEqual({ pending: 1, attention: 4 }));

  // A supervisor resolved op 3's conflict: nothing left to do about it on this device.
  await db.conflicts.put(conflict('c-3', 'op-3', 'resolved'));
  await vi.waitFor(() => expect(latest).toEqual({ pending: 1, attention: 3 }));
});
