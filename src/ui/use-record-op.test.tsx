import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { must } from '../lib/assert';
import { freshTestDb, testServices } from '../../tests/builders/services';
import type { AppDb } from '../storage/app-db';
import { ServicesProvider } from './services';
import { onStorageError } from './storage-alert';
import { useRecordOp, type RecordOp } from './use-record-op';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let latest: { isReady: boolean; record: RecordOp } | undefined;
const notifyNewOp = vi.fn();

function Harness() {
  latest = useRecordOp();
  return null;
}

beforeEach(async () => {
  db = freshTestDb();
  await db.kv.put({ key: 'deviceId', value: 'dev-1' });
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-officer', username: 'officer', displayName: 'Officer', role: 'officer', communes: ['19960'] },
    },
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

const enrolment = {
  communeCode: '19960',
  fullName: 'Phùng Thị Mận',
  birthDate: '1950',
  gender: 'female',
  category: 'k5c',
} as const;
const enrol = () => must(latest, 'rendered').record('beneficiary.create', 'b-new', enrolment);

describe('useRecordOp', () => {
  test('records the op with its optimistic row, as the signed-in user on this device, and wakes the sync engine', async () => {
    const recorded = await enrol();
    expect(recorded.ok).toBe(true);
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ type: 'beneficiary.create', entityId: 'b-new', state: 'pending' });
    expect(op?.envelope).toMatchObject({ deviceId: 'dev-1', actorId: 'u-officer' });
    expect((await db.beneficiaries.get('b-new'))?.fullName).toBe('Phùng Thị Mận');
    expect(notifyNewOp).toHaveBeenCalledTimes(1);
  });

  test("a payload the registry's schema refuses is answered invalid-payload, with nothing recorded", async () => {
    const bad = { ...enrolment, birthDate: '12/03/1950' };
    const recorded = await must(latest, 'rendered').record('beneficiary.create', 'b-new', bad);
    expect(recorded.ok ? 'recorded' : recorded.error.code).toBe('invalid-payload');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.beneficiaries.count()).toBe(0);
    expect(notifyNewOp).not.toHaveBeenCalled();
  });

  test("an op the family's reducer refuses here (a person this device does not hold yet) is still recorded", async () => {
    const recorded = await must(latest, 'rendered').record('beneficiary.update', 'nobody', { phone: '0912345678' });
    expect(recorded.ok).toBe(true);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.beneficiaries.get('nobody')).toBeUndefined();
  });

  test('an op the role may not send (an officer voiding a payment) is refused forbidden, unrecorded', async () => {
    const recorded = await must(latest, 'rendered').record('payment.void', 'line-1', {
      target: 'line',
      reason: 'other',
    });
    expect(recorded.ok ? 'recorded' : recorded.error.code).toBe('forbidden');
    expect(await db.outbox.count()).toBe(0);
    expect(notifyNewOp).not.toHaveBeenCalled();
  });

  test('a storage failure is reported to the banner and answered storage-failed, with nothing recorded', async () => {
    const reported: string[] = [];
    const stop = onStorageError(
      (code) => reported.push(code),
      () => null,
    );
    db.close();
    const recorded = await enrol();
    stop();
    expect(recorded.ok ? 'recorded' : recorded.error.code).toBe('storage-failed');
    expect(reported).toEqual(['db-closed']);
    expect(notifyNewOp).not.toHaveBeenCalled();
    await db.open();
    expect(await db.outbox.count()).toBe(0);
  });
});
