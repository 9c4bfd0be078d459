/**
 * Payment evidence on the device: a signature or photo gets its content address before it is
 * recorded with its `payment.record` op in one strict transaction (storage/outbox.ts
 * `recordOp`, docs/protocol.md "Blobs"), and the receipt gets a short code.
 */
import type { Evidence } from './outbox';

/** A signature or photo as the screen has it, before it is hashed. */
export type EvidenceInput = { bytes: ArrayBuffer; type: Evidence['type'] };

/** Lower-case hex SHA-256: the blob's content address (docs/protocol.md "Blobs"). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A signature or photo with its content address, ready to be stored with its op. */
export async function hashEvidence(input: EvidenceInput): Promise<Evidence> {
  return { hash: await sha256Hex(input.bytes), ...input };
}

/** A short code printed on the receipt, derived from the op id (unique per payment). */
export function receiptCode(opId: string): string {
  return opId
    .replace(/[^0-9a-z]/giu, '')
    .slice(0, 8)
    .toUpperCase();
}
