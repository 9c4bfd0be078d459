/**
 * The keys of encryption at rest (issue 13, "Lock and encryption at rest"; docs/protocol.md
 * "Device trust"). One random data key (AES-GCM 256) encrypts what the device stores; it is kept
 * only wrapped (AES-KW), once by a key derived from the user's password and once by a key derived
 * from a short PIN for daily unlock. Unwrapped, it lives in memory while the app is unlocked.
 * WebCrypto only: the browser, Node 20 and the test environments all have it.
 *
 * What the PIN protects against: someone picking up an unlocked-then-idle or locked tablet, who
 * gets a few tries (vault.ts). It does not protect against a copy of the disk: six digits are a
 * million tries offline. The password's copy is as strong as the password.
 */
import { err, ok, type Result } from '../lib/result';

export const KDF_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
const IV_BYTES = 12;

const encoder = new TextEncoder();
const bytesOf = (secret: string) => encoder.encode(secret.normalize('NFC'));

/** AES-KW key from a secret (password or PIN) and a salt, by PBKDF2-HMAC-SHA-256. */
export async function deriveWrappingKey(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations = KDF_ITERATIONS,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', bytesOf(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A new data key. Extractable only so that it can be wrapped again under a new PIN. */
export function newDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function wrapDataKey(dataKey: CryptoKey, wrappingKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, 'AES-KW'));
}

/** The data key, or `wrong-secret` when the secret that derived `wrappingKey` is not the one used. */
export async function unwrapDataKey(
  wrapped: Uint8Array<ArrayBuffer>,
  wrappingKey: CryptoKey,
): Promise<Result<CryptoKey, 'wrong-secret'>> {
  try {
    const key = await crypto.subtle.unwrapKey('raw', wrapped, wrappingKey, 'AES-KW', 'AES-GCM', true, [
      'encrypt',
      'decrypt',
    ]);
    return ok(key);
  } catch {
    // AES-KW checks its integrity value: a wrong key fails here, never yields a wrong data key.
    return err('wrong-secret');
  }
}

/**
 * Encrypts bytes with a fresh IV; `context` (e.g. the table and key of a page) is bound as
 * additional data, so a sealed value moved to another place does not open there.
 */
export async function sealBytes(
  key: CryptoKey,
  plain: Uint8Array<ArrayBuffer>,
  context: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, plain),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return out;
}

export async function openBytes(
  key: CryptoKey,
  sealed: Uint8Array<ArrayBuffer>,
  context: string,
): Promise<Result<Uint8Array<ArrayBuffer>, 'cannot-open'>> {
  if (sealed.length < IV_BYTES + 16) return err('cannot-open');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES), additionalData: encoder.encode(context) },
      key,
      sealed.subarray(IV_BYTES),
    );
    return ok(new Uint8Array(plain));
  } catch {
    return err('cannot-open');
  }
}
