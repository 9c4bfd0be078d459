import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { setKv } from '../../storage/kv';
import { toStorageErrorCode } from '../../storage/storage-errors';
import { testServices } from '../../../tests/builders/services';
import { ServicesProvider } from '../../ui/services';
import { onStorageError } from '../../ui/storage-alert';
import { useSaveOp, type SaveOp } from './use-save-op';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let latest: SaveOp | undefined;
const notifyNewOp = vi.fn();

function Harness() {
  latest = useSaveOp();
  return null;
}

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await setKv(db, 'deviceId', 'dev-1');
  await setKv(db, 'session', {
    token: 't',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'u-officer', username: 'officer', displayName: 'Officer', role: 'officer', communes: ['19960'] },
  });
  let n = 0;
  const services = testServices(db, { engine: { notifyNewOp }, clock: { now: () => 0 }, makeId: () => `op-${++n}` });
  root = createRoot(document.createElement('div'));
  act(() =>
    root.render(
      <ServicesProvider services={services}>
        <Harness />
      </ServicesProvider>,
    ),
  );
  await vi.waitFor(() => expect(latest?.isReady).toBe(true));
});
afterEach(async () => {
  act(() => root.unmount());
  notifyNewOp.mockReset();
  await db.delete();
});

const enrol = {
  type: 'beneficiary.create',
  entityId: 'b-new',
  payload: { communeCode: '19960', fullName: 'Phùng Thị Mận', birthDate: '1950', gender: 'female', category: 'k5c' },
};

describe('useSaveOp', () => {
  test('records the op with its optimistic row, as the signed-in user on this device, and wakes the sync engine', async () => {
    expect(await latest?.save(enrol)).toBe(true);
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ type: 'beneficiary.create', entityId: 'b-new', state: 'pending' });
    expect(op?.envelope).toMatchObject({ deviceId: 'dev-1', actorId: 'u-officer' });
    expect((await db.beneficiaries.get('b-new'))?.fullName).toBe('Phùng Thị Mận');
    expect(notifyNewOp).toHaveBeenCalledTimes(1);
  });

  test('a storage failure is reported to the banner and answered false, with nothing recorded', async () => {
    const reported: string[] = [];
    const stop = onStorageError((code) => reported.push(code), toStorageErrorCode);
    db.close();
    expect(await latest?.save(enrol)).toBe(false);
    stop();
    expect(reported).toEqual(['db-closed']);
    expect(notifyNewOp).not.toHaveBeenCalled();
    await db.open();
    expect(await db.outbox.count()).toBe(0);
  });
});
