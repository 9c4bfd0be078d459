/**
 * A stored row sealed at rest (issue 13, "Lock and encryption at rest"; docs/protocol.md "Device
 * trust"): the row's whole value, serialised and encrypted with AES-GCM under the device's data
 * key, the table and primary key bound as additional data so that a sealed row copied onto
 * another key does not open there.
 *
 * Synchronous on purpose: rows are sealed and opened inside IndexedDB transactions
 * (sealed-tables.ts), and a transaction ends when it waits on anything but IndexedDB, WebCrypto
 * included. So rows use @noble/ciphers' AES-GCM (audited, no dependencies); the roster's pages,
 * large and written outside transactions, use WebCrypto (roster-pages.ts). Both produce standard
 * AES-GCM: IV (12 bytes) then ciphertext and tag.
 *
 * Serialisation: JSON of the value, with every ArrayBuffer or Uint8Array (a signature's or
 * photo's bytes) taken out and appended raw: `u32 JSON length, JSON, (u32 length, bytes)*`.
 */
import { gcm } from '@noble/ciphers/aes.js';

const IV_BYTES = 12;
const BIN = '\u0000bin';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type BinRef = { [BIN]: number; kind: 'ab' | 'u8' };

const tagOf = (v: unknown) => Object.prototype.toString.call(v);

export function encodeValue(value: unknown): Uint8Array {
  const parts: Uint8Array[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    const tag = tagOf(v);
    if (tag === '[object ArrayBuffer]') {
      parts.push(new Uint8Array(v as ArrayBuffer));
      return { [BIN]: parts.length - 1, kind: 'ab' } satisfies BinRef;
    }
    if (tag === '[object Uint8Array]') {
      parts.push(v as Uint8Array);
      return { [BIN]: parts.length - 1, kind: 'u8' } satisfies BinRef;
    }
    return v;
  });
  const text = encoder.encode(json);
  const out = new Uint8Array(4 + text.length + parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, text.length);
  out.set(text, 4);
  let at = 4 + text.length;
  for (const part of parts) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

export function decodeValue(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const textLength = view.getUint32(0);
  const parts: Uint8Array[] = [];
  for (let at = 4 + textLength; at < bytes.length;) {
    const length = view.getUint32(at);
    parts.push(bytes.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return JSON.parse(decoder.decode(bytes.subarray(4, 4 + textLength)), (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !(BIN in v)) return v;
    const { [BIN]: index, kind } = v as BinRef;
    const part = parts[index] ?? new Uint8Array(0);
    return kind === 'ab' ? part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength) : part;
  });
}

/** What a sealed row is bound to: its table and primary key. */
export function rowContext(table: string, primaryKey: unknown): Uint8Array {
  return encoder.encode(`${table}\n${JSON.stringify(primaryKey)}`);
}

export function sealRow(rawKey: Uint8Array, table: string, primaryKey: unknown, value: unknown): Uint8Array {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = gcm(rawKey, iv, rowContext(table, primaryKey)).encrypt(encodeValue(value));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return out;
}

/** The row's value; throws when the key, table or primary key is not the one it was sealed with. */
export function openRow(rawKey: Uint8Array, table: string, primaryKey: unknown, sealed: Uint8Array): unknown {
  const plain = gcm(rawKey, sealed.subarray(0, IV_BYTES), rowContext(table, primaryKey)).decrypt(
    sealed.subarray(IV_BYTES),
  );
  return decodeValue(plain);
}
