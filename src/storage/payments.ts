/**
 * Recording payment outcomes on the device: the line change, its op and the evidence (signature,
 * photo) in one strict transaction (ARCHITECTURE.md: "Recording a payment is one local transaction").
 */
import { err, ok, type Result } from '../lib/result';
import {
  paymentRecordPayloadSchema,
  paymentUnpaidPayloadSchema,
  type EmbeddedIdCheck,
  type PaymentRecordPayload,
} from '../protocol/ops';
import type { AppDb, IdCheckRow, OutboxRow, PaymentLineRow } from './app-db';
import { recordOp, type OpContext } from './outbox';

export type Evidence = { bytes: ArrayBuffer; type: 'image/png' | 'image/jpeg' | 'image/webp' };

export type RecordPaymentInput = {
  lineId: string;
  amount: number;
  receiver: PaymentRecordPayload['receiver'];
  idCheckId?: string;
  /** The receiver's card checked at the door: carried by the op, kept locally as an ID check. */
  idCheck?: EmbeddedIdCheck;
  signature?: Evidence;
  photo?: Evidence;
};

export type RecordPaymentError = 'unknown-line' | 'already-paid-here' | 'amount-mismatch' | 'invalid-payload';

/** Lower-case hex SHA-256: the blob's content address (SYNC.md "Blobs"). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks what the device can check (the line exists, is not already paid here, the amount is
 * the line's amount, the payload is well formed), then records. The server decides for good.
 */
export async function recordPayment(
  db: AppDb,
  ctx: OpContext,
  input: RecordPaymentInput,
): Promise<Result<OutboxRow, RecordPaymentError>> {
  const line = await db.paymentLines.get(input.lineId);
  if (!line) return err('unknown-line');
  if (line.status === 'paid') return err('already-paid-here');
  if (line.amount !== input.amount) return err('amount-mismatch');
  const [signature, photo] = await Promise.all([
    input.signature ? sha256Hex(input.signature.bytes) : undefined,
    input.photo ? sha256Hex(input.photo.bytes) : undefined,
  ]);
  const payload = paymentRecordPayloadSchema.safeParse({
    amount: input.amount,
    receiver: input.receiver,
    ...(input.idCheckId ? { idCheckId: input.idCheckId } : {}),
    ...(input.idCheck ? { idCheck: input.idCheck } : {}),
    ...(signature ? { signature } : {}),
    ...(photo ? { photo } : {}),
  });
  if (!payload.success) return err('invalid-payload');
  const evidence = [
    ...(signature && input.signature ? [{ hash: signature, ...input.signature }] : []),
    ...(photo && input.photo ? [{ hash: photo, ...input.photo }] : []),
  ];
  const row = await recordOp(
    db,
    ctx,
    { type: 'payment.record', entityId: input.lineId, payload: payload.data },
    [db.blobs, db.idChecks],
    async (op) => {
      await db.blobs.bulkPut(
        evidence.map((e) => ({ hash: e.hash, type: e.type, bytes: e.bytes, uploaded: 0 as const })),
      );
      if (input.idCheck) await db.idChecks.put(localIdCheck(op, line, input.idCheck));
    },
  );
  return ok(row);
}

export async function recordUnpaid(
  db: AppDb,
  ctx: OpContext,
  input: { lineId: string; reason: string; note?: string; idCheck?: EmbeddedIdCheck },
): Promise<Result<OutboxRow, 'unknown-line' | 'invalid-payload'>> {
  const line = await db.paymentLines.get(input.lineId);
  if (!line) return err('unknown-line');
  const payload = paymentUnpaidPayloadSchema.safeParse({
    reason: input.reason,
    ...(input.note?.trim() ? { note: input.note } : {}),
    ...(input.idCheck ? { idCheck: input.idCheck } : {}),
  });
  if (!payload.success) return err('invalid-payload');
  const { idCheck } = input;
  return ok(
    await recordOp(
      db,
      ctx,
      { type: 'payment.unpaid', entityId: input.lineId, payload: payload.data },
      [db.idChecks],
      async (op) => {
        if (idCheck) await db.idChecks.put(localIdCheck(op, line, idCheck));
      },
    ),
  );
}

/** The local row of a check carried by a payment op, as the server will send it back (same id). */
function localIdCheck(op: OutboxRow, line: PaymentLineRow, check: EmbeddedIdCheck): IdCheckRow {
  return {
    ...check,
    id: op.id,
    recordedAt: op.envelope['recordedAt'],
    version: 0,
    beneficiaryId: line.beneficiaryId,
    lineId: line.id,
    communeCode: line.communeCode,
  };
}

/** A short code printed on the receipt, derived from the op id (unique per payment). */
export function receiptCode(opId: string): string {
  return opId
    .replace(/[^0-9a-z]/giu, '')
    .slice(0, 8)
    .toUpperCase();
}
