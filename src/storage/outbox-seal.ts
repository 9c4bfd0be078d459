/**
 * A password-sealed outbox export (issue 13): what a tablet has not sent leaves it, at sign-out,
 * as a file nobody can read without the password its user chose. PBKDF2-SHA-256 derives an
 * AES-GCM 256 key from the password and a random salt; AES-GCM authenticates what it encrypts,
 * so a wrong password or a changed byte is refused, never read as garbage. WebCrypto only: the
 * browser, Node 20 (`globalThis.crypto.subtle`) and the test environments all have it.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result';
import { base64Length, fromBase64, STRICT_BASE64, toBase64 } from './base64';

export const SEALED_FORMAT = 'chitra-outbox-sealed';
/** OWASP's figure for PBKDF2-HMAC-SHA-256 (2023); about a second on a low-end tablet. */
export const SEAL_ITERATIONS = 600_000;
/** Fewer is refused when opening (a weak file), more too (a file that would hang the page). */
export const MIN_SEAL_ITERATIONS = 310_000;
export const MAX_SEAL_ITERATIONS = 5_000_000;
/** Characters (code points, after NFC) a password needs. */
export const MIN_SEAL_PASSWORD_LENGTH = 8;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bound to the ciphertext: a file relabelled as another format or version does not open. */
const ADDITIONAL_DATA = new TextEncoder().encode(`${SEALED_FORMAT}/1`);

const base64Of = (bytes: number) =>
  z
    .string()
    .regex(STRICT_BASE64)
    .refine((s) => base64Length(s) === bytes);

export const sealedEnvelopeSchema = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  version: z.literal(1),
  kdf: z.strictObject({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(MIN_SEAL_ITERATIONS).max(MAX_SEAL_ITERATIONS),
    salt: base64Of(SALT_BYTES),
  }),
  iv: base64Of(IV_BYTES),
  ciphertext: z
    .string()
    .regex(STRICT_BASE64)
    .refine((s) => base64Length(s) >= TAG_BYTES),
});
export type SealedEnvelope = z.infer<typeof sealedEnvelopeSchema>;

export type PasswordProblem = 'too-short' | 'mismatch';
/**
 * - `not-sealed`: not a sealed file at all (another format, or not JSON);
 * - `bad-envelope`: says it is one, but a field is missing, extra or malformed;
 * - `wrong-password`: the password does not open it, or the file was changed (AES-GCM cannot
 *   tell the two apart).
 */
export type OpenProblem = 'not-sealed' | 'bad-envelope' | 'wrong-password';

/** NFC: the same Vietnamese password typed on two keyboards can arrive composed or decomposed. */
const passwordBytes = (password: string) => new TextEncoder().encode(password.normalize('NFC'));

/** Why a chosen password (typed twice when `repeat` is given) cannot seal a file, or null. */
export function checkSealPassword(password: string, repeat?: string): PasswordProblem | null {
  if ([...password.normalize('NFC')].length < MIN_SEAL_PASSWORD_LENGTH) return 'too-short';
  if (repeat !== undefined && repeat.normalize('NFC') !== password.normalize('NFC')) return 'mismatch';
  return null;
}

/** Whether parsed JSON claims to be a sealed file (to ask for its password before opening it). */
export function isSealedFile(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'format' in json && json.format === SEALED_FORMAT;
}

async function deriveKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number, use: KeyUsage) {
  const material = await crypto.subtle.importKey('raw', passwordBytes(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [use],
  );
}

/** Seals `plain` (the export's JSON) with `password`; a fresh random salt and IV every time. */
export async function sealText(plain: string, password: string): Promise<Result<SealedEnvelope, 'too-short'>> {
  const iterations = SEAL_ITERATIONS;
  if (checkSealPassword(password) === 'too-short') return err('too-short');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(password, salt, iterations, 'encrypt');
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: ADDITIONAL_DATA },
    key,
    new TextEncoder().encode(plain),
  );
  return ok({
    format: SEALED_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    iv: toBase64(iv),
    ciphertext: toBase64(ciphertext),
  });
}

/** The text sealed in `file` (a file's text or its parsed JSON), or why it cannot be had. */
export async function openSealed(file: unknown, password: string): Promise<Result<string, OpenProblem>> {
  let json = file;
  if (typeof file === 'string') {
    try {
      json = JSON.parse(file);
    } catch {
      return err('not-sealed');
    }
  }
  if (!isSealedFile(json)) return err('not-sealed');
  const parsed = sealedEnvelopeSchema.safeParse(json);
  if (!parsed.success) return err('bad-envelope');
  const { kdf, iv, ciphertext } = parsed.data;
  const key = await deriveKey(password, fromBase64(kdf.salt), kdf.iterations, 'decrypt');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv), additionalData: ADDITIONAL_DATA },
      key,
      fromBase64(ciphertext),
    );
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    // OperationError: the tag does not match (wrong key or changed bytes); nothing was decrypted.
    return err('wrong-password');
  }
}
