import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkChain, shortCode, type ReceiptFacts } from '../domain/receipt-chain';
import {
  exportPublicKey,
  importPublicKey,
  newDeviceKeyPair,
  sha256Hex,
  signReceipt,
  verifyReceiptQr,
} from './receipt-signing';

const first: ReceiptFacts = {
  deviceId: 'dev-payer',
  number: 1,
  lineId: '2026-11:b-1',
  beneficiaryId: 'b-1',
  amount: 1_080_000,
  date: '2026-11-12',
  receiver: 'authorized',
  previous: null,
};

async function device() {
  const pair = await newDeviceKeyPair();
  const publicKey = await importPublicKey(await exportPublicKey(pair.publicKey));
  if (!publicKey) throw new Error('public key did not import');
  return { pair, keys: (id: string) => Promise.resolve(id === first.deviceId ? publicKey : null) };
}

describe('receipts', () => {
  test('a signed receipt verifies offline with the device’s public key, and gives its hash', async () => {
    const { pair, keys } = await device();
    const { qr, hash } = await signReceipt(pair.privateKey, first);
    expect(await verifyReceiptQr(qr, keys)).toEqual({ ok: true, value: { ...first, hash } });
    expect(shortCode(hash)).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/u);
  });

  test('one character changed anywhere in the QR is refused', async () => {
    const { pair, keys } = await device();
    const { qr } = await signReceipt(pair.privateKey, first);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: qr.length - 1 }), fc.constantFrom(...'AbQz019-_'), async (at, ch) => {
        fc.pre(qr[at] !== ch && at > 'CTTGXH1|'.length);
        const altered = `${qr.slice(0, at)}${ch}${qr.slice(at + 1)}`;
        const result = await verifyReceiptQr(altered, keys);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('a forged receipt (another key), another system’s QR and an unknown device are refused', async () => {
    const { keys } = await device();
    const forger = await newDeviceKeyPair();
    const forged = await signReceipt(forger.privateKey, first);
    expect(await verifyReceiptQr(forged.qr, keys)).toEqual({ ok: false, error: 'altered' });
    expect(await verifyReceiptQr('https://example.com/bien-nhan/123', keys)).toEqual({
      ok: false,
      error: 'not-a-receipt',
    });
    const other = await signReceipt(forger.privateKey, { ...first, deviceId: 'dev-other' });
    expect(await verifyReceiptQr(other.qr, keys)).toEqual({ ok: false, error: 'unknown-device' });
  });

  test('a chain shows a missing, reordered or altered receipt', async () => {
    const chain: (ReceiptFacts & { hash: string })[] = [];
    let previous: string | null = null;
    for (let number = 1; number <= 4; number++) {
      const r: ReceiptFacts = { ...first, number, previous, amount: 500_000 + number };
      const hash = await sha256Hex(JSON.stringify(r));
      chain.push({ ...r, hash });
      previous = hash;
    }
    expect(checkChain(chain)).toEqual([]);
    expect(checkChain([...chain].reverse())).toEqual([]);
    expect(checkChain(chain.filter((r) => r.number !== 3))).toEqual([{ code: 'gap', after: 2, next: 4 }]);
    const swapped = chain.map((r) => (r.number === 3 ? { ...r, previous: chain[0]?.hash ?? null } : r));
    expect(checkChain(swapped)).toEqual([{ code: 'broken-link', number: 3 }]);
    expect(
      checkChain([...chain, { ...chain[1], hash: 'f'.repeat(64) } as ReceiptFacts & { hash: string }]),
    ).toContainEqual({
      code: 'repeated-number',
      number: 2,
    });
    expect(checkChain(chain.slice(1))).toEqual([{ code: 'gap', after: 0, next: 2 }]);
  });
});
