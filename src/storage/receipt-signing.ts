/**
 * Hashing and signing receipts (issue 16; the canonical text is domain/receipt-chain.ts): each
 * device has an ECDSA P-256 key pair made at enrolment, its public key registered with the server.
 * A receipt's QR carries the canonical text and its signature, so anyone with the device's public
 * key verifies it offline. WebCrypto only.
 */
import {
  canonicalReceipt,
  parseCanonical,
  receiptFactsOfOp,
  RECEIPT_QR_PREFIX,
  type ReceiptFacts,
} from '../domain/receipt-chain';
import type { PaymentRecordPayload } from '../protocol/payloads-payment';
import { err, ok, type Result } from '../lib/result';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

const toB64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/gu, '-')
    .replace(/\//gu, '_')
    .replace(/=+$/u, '');
function fromB64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/u.test(text)) return null;
  const padded = text.replace(/-/gu, '+').replace(/_/gu, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  // Only the canonical spelling: a last character whose unused low bits differ decodes to the
  // same bytes, and "one character changed" must never verify.
  return toB64Url(bytes) === text ? bytes : null;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device's key pair; the private key cannot be exported. */
export function newDeviceKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
}

/** The public key as registered with the server (SPKI, base64url). */
export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toB64Url(new Uint8Array(await crypto.subtle.exportKey('spki', key)));
}

export async function importPublicKey(spki: string): Promise<CryptoKey | null> {
  const bytes = fromB64Url(spki);
  if (!bytes) return null;
  try {
    return await crypto.subtle.importKey('spki', bytes, ECDSA, false, ['verify']);
  } catch {
    return null;
  }
}

/**
 * The QR text of a signed receipt, its hash (the next receipt's `previous`) and the signature
 * alone (base64url), as a payment op carries it.
 */
export async function signReceipt(
  privateKey: CryptoKey,
  facts: ReceiptFacts,
): Promise<{ qr: string; hash: string; signature: string }> {
  const canonical = canonicalReceipt(facts);
  const signature = toB64Url(new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, encoder.encode(canonical))));
  return { qr: receiptQrText(facts, signature), hash: await sha256Hex(canonical), signature };
}

const RECEIVER_LETTERS = { self: 's', guardian: 'g', authorized: 'a' } as const;
const SEP = '|';

/**
 * What the receipt's QR holds: `CTTGXH1|device|number|line|person|amount|YYYYMMDD|s/g/a|previous|signature`,
 * the previous hash and the signature in base64url. The values only, not the canonical text: a
 * receipt's QR is then about 280 characters (version 12 at level M, 65 modules) instead of about
 * 460 for the canonical text in base64 (version 17), which a tablet's scanner reads at its box's
 * size far less reliably. The verifier rebuilds the canonical text (what was signed) from the values.
 */
export function receiptQrText(facts: ReceiptFacts, signature: string): string {
  const previous = facts.previous === null ? '' : toB64Url(hexBytes(facts.previous));
  return [
    RECEIPT_QR_PREFIX,
    facts.deviceId,
    String(facts.number),
    facts.lineId,
    facts.beneficiaryId,
    String(facts.amount),
    facts.date.replace(/-/gu, ''),
    RECEIVER_LETTERS[facts.receiver],
    previous,
    signature,
  ].join(SEP);
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../gu) ?? [], (pair) => parseInt(pair, 16));
}

/** The facts a QR names, or null when it is not exactly what `receiptQrText` writes. */
function readQrFacts(parts: readonly string[]): { facts: ReceiptFacts; signature: string } | null {
  const [
    ,
    deviceId = '',
    number = '',
    lineId = '',
    beneficiaryId = '',
    amount = '',
    day = '',
    letter = '',
    previous = '',
    signature = '',
  ] = parts;
  const receiver = (Object.keys(RECEIVER_LETTERS) as ReceiptFacts['receiver'][]).find(
    (kind) => RECEIVER_LETTERS[kind] === letter,
  );
  const previousBytes = previous === '' ? null : fromB64Url(previous);
  if (!receiver || (previous !== '' && previousBytes?.length !== 32) || !/^\d{8}$/u.test(day)) return null;
  const canonical = parseCanonical(
    canonicalReceipt({
      deviceId,
      number: Number(number),
      lineId,
      beneficiaryId,
      amount: Number(amount),
      date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`,
      receiver,
      previous: previousBytes ? [...previousBytes].map((b) => b.toString(16).padStart(2, '0')).join('') : null,
    }),
  );
  if (!canonical.ok) return null;
  // Only the one spelling `receiptQrText` writes (no `007` for 7): one character changed never verifies.
  return receiptQrText(canonical.value, signature) === parts.join(SEP) ? { facts: canonical.value, signature } : null;
}

/**
 * A recorded payment's receipt, rebuilt from its op (the QR is not stored: the op holds the
 * number, the link and the signature, the line the person). Null for an op without a receipt.
 */
export async function receiptOfOp(
  envelope: Record<string, unknown>,
  beneficiaryId: string,
): Promise<{ qr: string; hash: string; number: number } | null> {
  const payload = envelope['payload'] as PaymentRecordPayload | undefined;
  const stamp = payload?.receipt;
  if (!payload || !stamp) return null;
  const facts = receiptFactsOfOp(
    {
      deviceId: String(envelope['deviceId']),
      entityId: String(envelope['entityId']),
      recordedAt: String(envelope['recordedAt']),
      payload,
    },
    stamp,
    beneficiaryId,
  );
  if (!facts) return null;
  const canonical = canonicalReceipt(facts);
  return { qr: receiptQrText(facts, stamp.signature), hash: await sha256Hex(canonical), number: stamp.number };
}

export type VerifyProblem = 'not-a-receipt' | 'altered' | 'unknown-device';

/**
 * Reads a scanned QR and checks its signature with the public key of the device it names
 * (`publicKeyOf`, from what the app has synced). Another system's QR is `not-a-receipt`; one
 * character changed anywhere is `altered`.
 */
export async function verifyReceiptQr(
  qr: string,
  publicKeyOf: (deviceId: string) => Promise<CryptoKey | null>,
): Promise<Result<ReceiptFacts & { hash: string }, VerifyProblem>> {
  const parts = qr.trim().split(SEP);
  if (parts[0] !== RECEIPT_QR_PREFIX) return err('not-a-receipt');
  if (parts.length !== 10) return err('altered');
  const read = readQrFacts(parts);
  const signature = read ? fromB64Url(read.signature) : null;
  if (!read || !signature) return err('altered');
  const canonical = canonicalReceipt(read.facts);
  const key = await publicKeyOf(read.facts.deviceId);
  if (!key) return err('unknown-device');
  const valid = await crypto.subtle.verify(SIGN, key, signature, encoder.encode(canonical));
  const facts = { value: read.facts };
  return valid ? ok({ ...facts.value, hash: await sha256Hex(canonical) }) : err('altered');
}
