/**
 * The device's side of verifiable receipts (issue 16; docs/protocol.md "Verifiable receipts"): its
 * signing key (made once per device id, kept in `deviceKeys`), the chain head, and the receipt a
 * payment op carries. Signing is WebCrypto, which would end a Dexie transaction (README
 * "Gotchas"), so a receipt is signed before the payment's transaction for the head as read then;
 * the transaction checks the head has not moved and advances it with the op (`takeReceipt`).
 */
import { vietnamDate } from '../lib/clock';
import type { ReceiptStamp } from '../domain/receipt-chain';
import type { ReceiverKind } from '../domain/vocabulary';
import type { AppDb, DeviceKeyRow } from './app-db';
import { exportPublicKey, newDeviceKeyPair, signReceipt } from './receipt-signing';

export const RECEIPT_KEY_ID = 'receipts';

/** The device's key row, made now if the device has none for its id (a new install, another user). */
export async function ensureDeviceKey(db: AppDb, deviceId: string): Promise<DeviceKeyRow> {
  const existing = await db.deviceKeys.get(RECEIPT_KEY_ID);
  if (existing?.deviceId === deviceId) return existing;
  const pair = await newDeviceKeyPair();
  const row: DeviceKeyRow = {
    id: RECEIPT_KEY_ID,
    deviceId,
    privateKey: pair.privateKey,
    publicKey: await exportPublicKey(pair.publicKey),
    registered: 'no',
    last: 0,
    lastHash: null,
  };
  // Another tab may have made one meanwhile: the first one kept wins, so both tabs sign alike.
  return db.transaction('rw', db.deviceKeys, async () => {
    const again = await db.deviceKeys.get(RECEIPT_KEY_ID);
    if (again?.deviceId === deviceId) return again;
    await db.deviceKeys.put(row);
    return row;
  });
}

/** Notes the server's answer to the key's registration. */
export async function markKeyRegistered(db: AppDb, publicKey: string, registered: 'yes' | 'refused'): Promise<void> {
  await db.transaction('rw', db.deviceKeys, async () => {
    const row = await db.deviceKeys.get(RECEIPT_KEY_ID);
    if (row?.publicKey === publicKey) await db.deviceKeys.put({ ...row, registered });
  });
}

/** A receipt signed for the chain head as it was read: valid only while the head has not moved. */
export type PreparedReceipt = {
  deviceId: string;
  /** The head it follows: `number - 1`. */
  after: number;
  stamp: ReceiptStamp;
  hash: string;
};

/**
 * Signs the next receipt for a payment of `amount` on `lineId` at `now` (the op's `recordedAt`),
 * or null when the device has no key for its id yet or does not hold the line.
 */
export async function prepareReceipt(
  db: AppDb,
  input: { deviceId: string; lineId: string; amount: number; receiver: ReceiverKind; now: number },
): Promise<PreparedReceipt | null> {
  const [key, line] = await Promise.all([db.deviceKeys.get(RECEIPT_KEY_ID), db.paymentLines.get(input.lineId)]);
  if (key?.deviceId !== input.deviceId || !line) return null;
  const number = key.last + 1;
  const signed = await signReceipt(key.privateKey, {
    deviceId: input.deviceId,
    number,
    lineId: input.lineId,
    beneficiaryId: line.beneficiaryId,
    amount: input.amount,
    date: vietnamDate(input.now),
    receiver: input.receiver,
    previous: key.lastHash,
  });
  return {
    deviceId: input.deviceId,
    after: key.last,
    stamp: { number, previous: key.lastHash, signature: signed.signature },
    hash: signed.hash,
  };
}

/** The chain head moved between signing and recording (a payment in another tab): sign again. */
export class ReceiptRaceError extends Error {
  override name = 'ReceiptRaceError';
}

/**
 * Inside the payment's transaction: takes the receipt's number for good by moving the head to it,
 * or throws `ReceiptRaceError` (rolling the transaction back) when another payment took it first.
 * So a number is never used twice, and none is skipped: the op and the head commit together.
 */
export async function takeReceipt(db: AppDb, prepared: PreparedReceipt): Promise<void> {
  const head = await db.deviceKeys.get(RECEIPT_KEY_ID);
  if (head?.deviceId !== prepared.deviceId || head.last !== prepared.after) throw new ReceiptRaceError();
  await db.deviceKeys.put({ ...head, last: prepared.stamp.number, lastHash: prepared.hash });
}
