/**
 * The device's vault (issue 13, "Lock and encryption at rest"): the data key wrapped by the
 * password and by the PIN (vault-keys.ts), kept in `kv` under `vault`, with the count of wrong PINs.
 * After `MAX_PIN_TRIES` wrong PINs in a row the PIN's copy is erased: only the password opens the
 * vault again, and the app asks for it with a connection (the server checks it first).
 */
import { err, ok, type Result } from '../lib/result';
import type { AppDb } from './app-db';
import { fromBase64, toBase64 } from './base64';
import { getKv, setKv } from './kv';
import {
  deriveWrappingKey,
  KDF_ITERATIONS,
  newDataKey,
  randomBytes,
  SALT_BYTES,
  unwrapDataKey,
  wrapDataKey,
} from './vault-keys';

export const MAX_PIN_TRIES = 5;
export const PIN_LENGTH = 6;

type Wrapped = { salt: string; iterations: number; key: string };
export type VaultRecord = {
  version: 1;
  byPassword: Wrapped;
  /** Null once too many wrong PINs were typed: the password is needed. */
  byPin: Wrapped | null;
  wrongPins: number;
};

export type PinProblem = 'pin-format' | 'pin-too-simple';

/** Six digits, not all the same and not a straight run (123456, 654321). */
export function checkPin(pin: string): PinProblem | null {
  if (!new RegExp(`^\\d{${PIN_LENGTH}}$`, 'u').test(pin)) return 'pin-format';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] ?? 0)));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 2)) return 'pin-too-simple';
  return null;
}

/** Tests pass fewer iterations; the stored record says how many each copy used. */
export type KdfOptions = { iterations?: number };

async function wrapUnder(secret: string, dataKey: CryptoKey, options: KdfOptions): Promise<Wrapped> {
  const salt = randomBytes(SALT_BYTES);
  const iterations = options.iterations ?? KDF_ITERATIONS;
  const key = await wrapDataKey(dataKey, await deriveWrappingKey(secret, salt, iterations));
  return { salt: toBase64(salt), iterations, key: toBase64(key) };
}

async function unwrapWith(secret: string, wrapped: Wrapped) {
  const wrappingKey = await deriveWrappingKey(secret, fromBase64(wrapped.salt), wrapped.iterations);
  return unwrapDataKey(fromBase64(wrapped.key), wrappingKey);
}

export const readVault = (db: AppDb) => getKv<VaultRecord>(db, 'vault');

/** A new vault for the signed-in user: a new data key under their password and their PIN. */
export async function createVault(
  db: AppDb,
  input: { password: string; pin: string },
  options: KdfOptions = {},
): Promise<Result<CryptoKey, PinProblem | 'vault-exists'>> {
  const problem = checkPin(input.pin);
  if (problem) return err(problem);
  const dataKey = await newDataKey();
  const record: VaultRecord = {
    version: 1,
    byPassword: await wrapUnder(input.password, dataKey, options),
    byPin: await wrapUnder(input.pin, dataKey, options),
    wrongPins: 0,
  };
  // Checked and written in one transaction: another tab that set a PIN meanwhile keeps its vault
  // (a second key would leave what the first sealed unreadable).
  const written = await db.transaction('rw', db.kv, async () => {
    if (await readVault(db)) return false;
    await setKv(db, 'vault', record);
    return true;
  });
  return written ? ok(dataKey) : err('vault-exists');
}

export type PinUnlockProblem = { code: 'wrong-pin'; triesLeft: number } | { code: 'password-needed' };

/** The data key by the PIN; a wrong one counts, and the last allowed one erases the PIN's copy. */
export async function unlockWithPin(db: AppDb, pin: string): Promise<Result<CryptoKey, PinUnlockProblem>> {
  const vault = await readVault(db);
  if (!vault?.byPin) return err({ code: 'password-needed' });
  const opened = await unwrapWith(pin, vault.byPin);
  if (opened.ok) {
    if (vault.wrongPins !== 0) await setKv(db, 'vault', { ...vault, wrongPins: 0 });
    return ok(opened.value);
  }
  const wrongPins = vault.wrongPins + 1;
  const exhausted = wrongPins >= MAX_PIN_TRIES;
  await setKv(db, 'vault', { ...vault, wrongPins, byPin: exhausted ? null : vault.byPin });
  return err(exhausted ? { code: 'password-needed' } : { code: 'wrong-pin', triesLeft: MAX_PIN_TRIES - wrongPins });
}

/**
 * The data key by the password (the caller has had the server check it), and a new PIN wrapped
 * in place of the old: the way back after too many wrong PINs, or a forgotten one.
 */
export async function unlockWithPassword(
  db: AppDb,
  input: { password: string; newPin: string },
  options: KdfOptions = {},
): Promise<Result<CryptoKey, PinProblem | 'wrong-password' | 'no-vault'>> {
  const problem = checkPin(input.newPin);
  if (problem) return err(problem);
  const vault = await readVault(db);
  if (!vault) return err('no-vault');
  const opened = await unwrapWith(input.password, vault.byPassword);
  if (!opened.ok) return err('wrong-password');
  await setKv(db, 'vault', { ...vault, byPin: await wrapUnder(input.newPin, opened.value, options), wrongPins: 0 });
  return ok(opened.value);
}

/** After the user changes their password (online): the data key wrapped under the new one. */
export async function rewrapPassword(
  db: AppDb,
  dataKey: CryptoKey,
  newPassword: string,
  options: KdfOptions = {},
): Promise<void> {
  const vault = await readVault(db);
  if (vault) await setKv(db, 'vault', { ...vault, byPassword: await wrapUnder(newPassword, dataKey, options) });
}

/**
 * Another person signed in on an open device: the key stays (what the last user left that the
 * server still needs is sealed under it), wrapped under the new password, and the last user's PIN
 * no longer opens it: the next unlock asks the new user's password and a PIN of their own.
 */
export async function forgetPin(db: AppDb): Promise<void> {
  const vault = await readVault(db);
  if (vault) await setKv(db, 'vault', { ...vault, byPin: null, wrongPins: 0 });
}
