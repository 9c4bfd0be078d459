import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createAppDb, type AppDb } from '../storage/app-db';
import { RECEIPT_KEY_ID } from '../storage/device-receipts';
import { getKv } from '../storage/kv';
import { refreshDeviceKeys, registerDeviceKey } from './device-key';
import { httpFailure } from './fake-transport';
import type { ReceiptTransport } from './receipt-transport';

let db: AppDb;
let transport: { [K in keyof ReceiptTransport]: ReturnType<typeof vi.fn<ReceiptTransport[K]>> };
beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  transport = {
    putDeviceKey: vi.fn<ReceiptTransport['putDeviceKey']>((_token, deviceId, publicKey) =>
      Promise.resolve({ deviceId, deviceName: 'Máy', userName: 'Người', publicKey }),
    ),
    listDeviceKeys: vi.fn<ReceiptTransport['listDeviceKeys']>(() => Promise.resolve([])),
    listReceiptFlags: vi.fn<ReceiptTransport['listReceiptFlags']>(),
  };
});
afterEach(async () => {
  await db.delete();
});

const row = () => db.deviceKeys.get(RECEIPT_KEY_ID);

describe('device receipt key', () => {
  test('an older install without a key makes one and registers it once', async () => {
    await registerDeviceKey(db, transport, 'tok', 'dev-1');
    const key = await row();
    expect(key).toMatchObject({ deviceId: 'dev-1', registered: 'yes', last: 0 });
    expect(transport.putDeviceKey).toHaveBeenCalledWith('tok', 'dev-1', key?.publicKey);
    await registerDeviceKey(db, transport, 'tok', 'dev-1');
    expect(transport.putDeviceKey).toHaveBeenCalledTimes(1);
  });

  test('before a push, a key that signed nothing waits; one that signed is registered first', async () => {
    await registerDeviceKey(db, transport, 'tok', 'dev-1', { whenSigned: true });
    expect(transport.putDeviceKey).not.toHaveBeenCalled();
    expect((await row())?.registered).toBe('no');
    await db.deviceKeys.update(RECEIPT_KEY_ID, { last: 1 });
    await registerDeviceKey(db, transport, 'tok', 'dev-1', { whenSigned: true });
    expect((await row())?.registered).toBe('yes');
  });

  test('a refusal for another key is noted and not tried again; no network fails the sync; other answers wait', async () => {
    transport.putDeviceKey.mockRejectedValueOnce(httpFailure('http-404', 404));
    await registerDeviceKey(db, transport, 'tok', 'dev-1');
    expect((await row())?.registered).toBe('no');
    transport.putDeviceKey.mockRejectedValueOnce(httpFailure('network', 0));
    await expect(registerDeviceKey(db, transport, 'tok', 'dev-1')).rejects.toMatchObject({ code: 'network' });
    transport.putDeviceKey.mockRejectedValueOnce(httpFailure('device-key-set', 409));
    await registerDeviceKey(db, transport, 'tok', 'dev-1');
    expect((await row())?.registered).toBe('refused');
    await registerDeviceKey(db, transport, 'tok', 'dev-1');
    expect(transport.putDeviceKey).toHaveBeenCalledTimes(3);
  });

  test('the communes’ keys are kept for offline use; a failed fetch keeps the ones kept before', async () => {
    const keys = [{ deviceId: 'dev-2', deviceName: 'Máy 2', userName: 'Chi', publicKey: 'A'.repeat(122) }];
    transport.listDeviceKeys.mockResolvedValueOnce(keys);
    await refreshDeviceKeys(db, transport, 'tok');
    expect(await getKv(db, 'receiptKeys')).toEqual(keys);
    transport.listDeviceKeys.mockRejectedValueOnce(httpFailure('network', 0));
    await refreshDeviceKeys(db, transport, 'tok');
    expect(await getKv(db, 'receiptKeys')).toEqual(keys);
  });
});
