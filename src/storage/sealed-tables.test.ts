import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { lockDevice, readKeyringState, setUpVault, unlockByPin } from './device-unlock';
import { DeviceLockedError } from './keyring';
import { recordOp, type OpContext } from './outbox';
import { hashEvidence } from './payments';
import { loadRoster, readPerson } from './roster-pages';
import { SEALED } from './sealed-tables';

const FAST = { iterations: 1000 };
const NAME = 'Nguyễn Thị Hoà';
const ID_NUMBER = '046152999001';

let db: AppDb;
let n = 0;
const ctx: OpContext = {
  deviceId: 'dev-1',
  actorId: 'u1',
  now: () => 0,
  makeId: () => `0a1b2c3d-${++n}`,
  utcOffsetMinutes: 420,
};

/** The rows of a store as IndexedDB holds them: a plain connection, no middleware. */
async function rawRows(store: string): Promise<unknown[]> {
  const raw = new Dexie(db.name);
  await raw.open();
  try {
    return (await raw.table(store).toArray()) as unknown[];
  } finally {
    raw.close();
  }
}

const plainText = (rows: unknown[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array || v instanceof ArrayBuffer ? '<bytes>' : v));

async function pullPersonAndLine(): Promise<void> {
  await applyPullPage(
    db,
    [
      change('beneficiary', 'b-1', beneficiaryData({ fullName: NAME, idNumber: ID_NUMBER })),
      change('payment-line', 'l1', paymentLineData({ amount: 750_000 })),
    ],
    'c1',
    2,
  );
}

async function payWithSignature() {
  const signature = await hashEvidence({ bytes: new TextEncoder().encode('png-bytes').buffer, type: 'image/png' });
  const receiver = { kind: 'guardian', fullName: 'Trần Văn Giám', idNumber: '046078999012' } as const;
  return recordOp(
    db,
    ctx,
    'payment.record',
    'l1',
    { amount: 750_000, receiver, signature: signature.hash },
    {
      evidence: [signature],
    },
  );
}

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('encryption at rest', () => {
  test('with a vault, IndexedDB holds no name, ID number or signature; the app reads them back', async () => {
    expect((await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST)).ok).toBe(true);
    await pullPersonAndLine();
    expect((await payWithSignature()).ok).toBe(true);
    await db.kv.put({ key: 'draft:identity:b-1', value: { idNumber: ID_NUMBER } });

    for (const store of [
      'rosterPages',
      'beneficiaries',
      'shadows',
      'outbox',
      'paymentLines',
      'idChecks',
      'blobs',
      'kv',
    ]) {
      const text = plainText(await rawRows(store));
      expect(text, store).not.toContain('Nguy');
      expect(text, store).not.toContain(ID_NUMBER);
      expect(text, store).not.toContain('046078999012');
      expect(text, store).not.toContain('Gi\u00e1m');
    }
    const rawOutbox = (await rawRows('outbox')) as Record<string, unknown>[];
    expect(Object.keys(rawOutbox[0] ?? {}).sort()).toEqual([SEALED, 'entityId', 'id', 'seq', 'state'].sort());
    expect(((await rawRows('blobs')) as Record<string, unknown>[])[0]).not.toHaveProperty('bytes');

    expect((await readPerson(db, 'b-1'))?.fullName).toBe(NAME);
    const op = (await db.outbox.toArray())[0];
    expect(op?.envelope['payload']).toMatchObject({ receiver: { fullName: 'Trần Văn Giám' } });
    const blob = (await db.blobs.toArray())[0];
    expect(new TextDecoder().decode(blob?.bytes)).toBe('png-bytes');
    expect(await db.kv.get('draft:identity:b-1')).toEqual({
      key: 'draft:identity:b-1',
      value: { idNumber: ID_NUMBER },
    });
    // What the lock screen needs before an unlock stays readable.
    expect(((await rawRows('kv')) as { key: string }[]).map((r) => r.key)).toContain('vault');
  });

  test('locked, nothing sealed opens or is written; the PIN opens it again', async () => {
    await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST);
    await pullPersonAndLine();
    lockDevice(db);
    await expect(db.outbox.toArray()).resolves.toEqual([]);
    await expect(db.paymentLines.get('l1')).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(readPerson(db, 'b-1')).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(db.kv.put({ key: 'draft:x', value: 1 })).rejects.toThrow();
    await expect(payWithSignature()).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await rawRows('outbox')).toEqual([]);

    expect((await unlockByPin(db, '111111')).ok).toBe(false);
    expect((await unlockByPin(db, '258013')).ok).toBe(true);
    // Unlocked after a lock, no page is in memory: the payment's transaction decrypts the
    // person's page while Dexie keeps it alive.
    expect((await payWithSignature()).ok).toBe(true);
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
  });

  test('cursors, filters and modify see plain rows and write sealed ones', async () => {
    await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST);
    await pullPersonAndLine();
    expect((await payWithSignature()).ok).toBe(true);
    const seen: string[] = [];
    await db.outbox.each((op) => void seen.push(op.type));
    expect(seen).toEqual(['payment.record']);
    const hash = (await db.blobs.toCollection().primaryKeys())[0] ?? '';
    const changed = await db.blobs
      .where('hash')
      .anyOf([hash])
      .filter((b) => b.type === 'image/png')
      .modify({ uploaded: 1 });
    expect(changed).toBe(1);
    expect((await db.blobs.get(hash))?.uploaded).toBe(1);
    expect(new TextDecoder().decode((await db.blobs.get(hash))?.bytes)).toBe('png-bytes');
    expect(plainText(await rawRows('blobs'))).not.toContain('image/png');
    expect(await db.paymentLines.where('status').equals('paid').count()).toBe(1);
  });

  test('a second tab setting a PIN after the first keeps the first vault and locks', async () => {
    const other = createAppDb(db.name);
    await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST);
    await pullPersonAndLine();
    const second = await setUpVault(other, { password: 'mật khẩu dài', pin: '470258' }, FAST);
    expect(second).toEqual({ ok: false, error: 'vault-exists' });
    expect(other.keyring.state).toBe('locked');
    expect((await unlockByPin(other, '258013')).ok).toBe(true);
    expect((await other.paymentLines.get('l1'))?.amount).toBe(750_000);
    other.close();
  });

  test('a sealed row copied under another key does not open', async () => {
    await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST);
    await pullPersonAndLine();
    const raw = new Dexie(db.name);
    await raw.open();
    const line = (await raw.table('paymentLines').get('l1')) as Record<string, unknown>;
    await raw.table('paymentLines').put({ ...line, id: 'l2' });
    raw.close();
    await expect(db.paymentLines.get('l2')).rejects.toThrow();
    expect((await db.paymentLines.get('l1'))?.amount).toBe(750_000);
  });

  test('a device without a vault is sealed whole at the PIN step, and reads the same', async () => {
    await pullPersonAndLine();
    expect((await payWithSignature()).ok).toBe(true);
    const before = { roster: [...(await loadRoster(db)).values()], outbox: await db.outbox.toArray() };
    expect(plainText(await rawRows('outbox'))).toContain('Gi\u00e1m');

    await setUpVault(db, { password: 'mật khẩu dài', pin: '258013' }, FAST);
    for (const store of ['rosterPages', 'beneficiaries', 'shadows', 'outbox', 'paymentLines', 'blobs'])
      expect(plainText(await rawRows(store)), store).not.toContain('Nguy');
    expect([...(await loadRoster(db)).values()]).toEqual(before.roster);
    expect(await db.outbox.toArray()).toEqual(before.outbox);

    // The next start is locked, and the PIN opens it.
    const again = createAppDb(db.name, 'unknown');
    await readKeyringState(again);
    expect(again.keyring.state).toBe('locked');
    await expect(again.outbox.toArray()).rejects.toBeInstanceOf(DeviceLockedError);
    await unlockByPin(again, '258013');
    expect(await again.outbox.toArray()).toEqual(before.outbox);
    again.close();
  });
});
