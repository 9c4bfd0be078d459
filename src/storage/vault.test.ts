import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAppDb, type AppDb } from './app-db';
import { checkPin, createVault, MAX_PIN_TRIES, readVault, unlockWithPassword, unlockWithPin } from './vault';
import { openBytes, sealBytes } from './vault-keys';

/** Few iterations: the tests are about the logic, not the cost of guessing. */
const fast = { iterations: 1_000 };

let db: AppDb;
beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const plain = new TextEncoder().encode('Trần Thị Hoa 046152999001');
const opensWith = async (key: CryptoKey, sealed: Uint8Array<ArrayBuffer>) => {
  const opened = await openBytes(key, sealed, 'rosterPages/1');
  return opened.ok ? new TextDecoder().decode(opened.value) : opened.error;
};

describe('vault', () => {
  test.each([
    ['12345', 'pin-format'],
    ['12a456', 'pin-format'],
    ['111111', 'pin-too-simple'],
    ['123456', 'pin-too-simple'],
    ['987654', 'pin-too-simple'],
    ['246810', null],
    ['280419', null],
  ])('PIN %s: %s', (pin, problem) => {
    expect(checkPin(pin)).toBe(problem);
  });

  test('the PIN and the password each open the same data key; nothing of either is stored', async () => {
    const created = await createVault(db, { password: 'mat-khau-dai-1', pin: '280419' }, fast);
    if (!created.ok) throw new Error(created.error);
    const sealed = await sealBytes(created.value, plain, 'rosterPages/1');
    const byPin = await unlockWithPin(db, '280419');
    if (!byPin.ok) throw new Error(byPin.error.code);
    expect(await opensWith(byPin.value, sealed)).toBe('Trần Thị Hoa 046152999001');
    const stored = JSON.stringify(await readVault(db));
    expect(stored).not.toContain('280419');
    expect(stored).not.toContain('mat-khau-dai-1');
    // Bound to its place: the same bytes under another name do not open.
    expect(await openBytes(byPin.value, sealed, 'rosterPages/2')).toEqual({ ok: false, error: 'cannot-open' });
  });

  test(`${MAX_PIN_TRIES} wrong PINs erase the PIN's copy; the password then opens it and sets a new PIN`, async () => {
    const created = await createVault(db, { password: 'mat-khau-dai-1', pin: '280419' }, fast);
    if (!created.ok) throw new Error(created.error);
    const sealed = await sealBytes(created.value, plain, 'rosterPages/1');
    for (let left = MAX_PIN_TRIES - 1; left >= 1; left--) {
      expect(await unlockWithPin(db, '000001')).toEqual({ ok: false, error: { code: 'wrong-pin', triesLeft: left } });
    }
    expect(await unlockWithPin(db, '000001')).toEqual({ ok: false, error: { code: 'password-needed' } });
    // Even the right PIN no longer opens it.
    expect(await unlockWithPin(db, '280419')).toEqual({ ok: false, error: { code: 'password-needed' } });
    expect(await unlockWithPassword(db, { password: 'sai-mat-khau', newPin: '135790' }, fast)).toEqual({
      ok: false,
      error: 'wrong-password',
    });
    const back = await unlockWithPassword(db, { password: 'mat-khau-dai-1', newPin: '135790' }, fast);
    if (!back.ok) throw new Error(back.error);
    expect(await opensWith(back.value, sealed)).toBe('Trần Thị Hoa 046152999001');
    const byNewPin = await unlockWithPin(db, '135790');
    expect(byNewPin.ok).toBe(true);
    expect((await readVault(db))?.wrongPins).toBe(0);
  });

  test('a real vault uses the full iteration count', async () => {
    await createVault(db, { password: 'mat-khau-dai-1', pin: '280419' });
    const vault = await readVault(db);
    expect([vault?.byPassword.iterations, vault?.byPin?.iterations]).toEqual([600_000, 600_000]);
  });

  test('a right PIN resets the count of wrong ones', async () => {
    await createVault(db, { password: 'mat-khau-dai-1', pin: '280419' }, fast);
    await unlockWithPin(db, '000001');
    await unlockWithPin(db, '000001');
    expect((await unlockWithPin(db, '280419')).ok).toBe(true);
    expect(await unlockWithPin(db, '000001')).toEqual({
      ok: false,
      error: { code: 'wrong-pin', triesLeft: MAX_PIN_TRIES - 1 },
    });
  });
});
