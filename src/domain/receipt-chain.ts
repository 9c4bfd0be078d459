/**
 * Verifiable receipts (issue 16, "Verifiable receipts"): each device numbers its receipts, and
 * each receipt carries the hash of the one before, so a missing, altered or reordered receipt
 * shows. This module is the pure part: the canonical text that is hashed and signed, the short
 * code printed on the receipt, the QR text, and the chain's checks. Hashing and signing (WebCrypto)
 * are in storage/receipt-signing.ts.
 */
import { vietnamDate } from '../lib/clock';
import { err, ok, type Result } from '../lib/result';

export const RECEIPT_QR_PREFIX = 'CTTGXH1';

export type ReceiptFacts = {
  deviceId: string;
  /** 1, 2, 3 … per device, never reused. */
  number: number;
  lineId: string;
  beneficiaryId: string;
  /** Whole đồng. */
  amount: number;
  /** Calendar day of the payment, `YYYY-MM-DD`. */
  date: string;
  receiver: 'self' | 'guardian' | 'authorized';
  /** SHA-256 hex of the previous receipt's canonical text; null for the device's first. */
  previous: string | null;
};

const FIELDS = ['deviceId', 'number', 'lineId', 'beneficiaryId', 'amount', 'date', 'receiver', 'previous'] as const;

/** One line per field, in a fixed order: the bytes hashed and signed. Fields never hold a newline. */
export function canonicalReceipt(r: ReceiptFacts): string {
  return FIELDS.map((f) => `${f}=${String(r[f] ?? '')}`).join('\n');
}

export type ReceiptProblem = 'not-a-receipt' | 'bad-field';

/** Reads a canonical text back; anything not made by `canonicalReceipt` is refused. */
export function parseCanonical(text: string): Result<ReceiptFacts, ReceiptProblem> {
  const lines = text.split('\n');
  if (lines.length !== FIELDS.length) return err('not-a-receipt');
  const values: Record<string, string> = {};
  for (const [i, field] of FIELDS.entries()) {
    const prefix = `${field}=`;
    const line = lines[i] ?? '';
    if (!line.startsWith(prefix)) return err('not-a-receipt');
    values[field] = line.slice(prefix.length);
  }
  const number = Number(values['number']);
  const amount = Number(values['amount']);
  const receiver = values['receiver'];
  const previous = values['previous'] ?? '';
  if (
    !Number.isSafeInteger(number) ||
    number < 1 ||
    !Number.isSafeInteger(amount) ||
    amount <= 0 ||
    !/^\d{4}-\d{2}-\d{2}$/u.test(values['date'] ?? '') ||
    (receiver !== 'self' && receiver !== 'guardian' && receiver !== 'authorized') ||
    (previous !== '' && !/^[0-9a-f]{64}$/u.test(previous)) ||
    !values['deviceId'] ||
    !values['lineId'] ||
    !values['beneficiaryId']
  )
    return err('bad-field');
  const facts: ReceiptFacts = {
    deviceId: values['deviceId'],
    number,
    lineId: values['lineId'],
    beneficiaryId: values['beneficiaryId'],
    amount,
    date: values['date'] ?? '',
    receiver,
    previous: previous === '' ? null : previous,
  };
  // Exactly what the canonical form would be: no second spelling of the same receipt.
  return canonicalReceipt(facts) === text ? ok(facts) : err('bad-field');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten characters of the receipt's hash (50 bits, Crockford base32), as `ABCDE-FGHJK`: read aloud or typed. */
export function shortCode(hashHex: string): string {
  let bits = '';
  for (const ch of hashHex.slice(0, 13)) bits += parseInt(ch, 16).toString(2).padStart(4, '0');
  let code = '';
  for (let i = 0; i < 50; i += 5) code += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)] ?? '0';
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type ChainIssue =
  | { code: 'gap'; after: number; next: number }
  | { code: 'broken-link'; number: number }
  | { code: 'repeated-number'; number: number };

/**
 * Checks one device's receipts (with each one's hash): numbered 1, 2, 3 … without a gap or a
 * repeat, each naming the previous one's hash. An empty list is a clean chain.
 */
export function checkChain(receipts: readonly (ReceiptFacts & { hash: string })[]): ChainIssue[] {
  const issues: ChainIssue[] = [];
  const sorted = [...receipts].sort((a, b) => a.number - b.number);
  for (const [i, r] of sorted.entries()) {
    const before = sorted[i - 1];
    if (!before) {
      if (r.number !== 1) issues.push({ code: 'gap', after: 0, next: r.number });
      else if (r.previous !== null) issues.push({ code: 'broken-link', number: r.number });
      continue;
    }
    if (r.number === before.number) issues.push({ code: 'repeated-number', number: r.number });
    else if (r.number !== before.number + 1) issues.push({ code: 'gap', after: before.number, next: r.number });
    else if (r.previous !== before.hash) issues.push({ code: 'broken-link', number: r.number });
  }
  return issues;
}

/** What a `payment.record` op carries about its receipt (docs/protocol.md `payment.record` `receipt`). */
export type ReceiptStamp = { number: number; previous: string | null; signature: string };

/**
 * The receipt facts of a payment op, as the device signed them and as the server recomputes them:
 * the line is the op's entity, the person comes from the line, the date is the Vietnamese
 * calendar day of `recordedAt` (not the instant: a receipt names a day). Null when the op's time
 * cannot be read.
 */
export function receiptFactsOfOp(
  op: {
    deviceId: string;
    entityId: string;
    recordedAt: string;
    payload: { amount: number; receiver: { kind: ReceiptFacts['receiver'] } };
  },
  stamp: Pick<ReceiptStamp, 'number' | 'previous'>,
  beneficiaryId: string,
): ReceiptFacts | null {
  const at = Date.parse(op.recordedAt);
  if (Number.isNaN(at)) return null;
  return {
    deviceId: op.deviceId,
    number: stamp.number,
    lineId: op.entityId,
    beneficiaryId,
    amount: op.payload.amount,
    date: vietnamDate(at),
    receiver: op.payload.receiver.kind,
    previous: stamp.previous,
  };
}
