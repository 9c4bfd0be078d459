/**
 * Verifiable receipts as properties (issue 16, "Tests"): for any receipt, the QR made by its
 * device verifies; the same facts signed by another key (forged), the QR with one character
 * changed (altered), or another receipt's facts under its signature never verify; and a device's
 * receipts taken out of their order (reordered, dropped or repeated) always show in the chain.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkChain, type ReceiptFacts } from '../domain/receipt-chain';
import { exportPublicKey, importPublicKey, newDeviceKeyPair, signReceipt, verifyReceiptQr } from './receipt-signing';

const id = fc.stringMatching(/^[A-Za-z0-9:_-]{1,40}$/u);
const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const facts: fc.Arbitrary<ReceiptFacts> = fc.record({
  deviceId: id,
  number: fc.integer({ min: 1, max: 1_000_000 }),
  lineId: id,
  beneficiaryId: id,
  amount: fc.integer({ min: 1, max: 500_000_000 }),
  date: fc
    .record({
      y: fc.integer({ min: 2025, max: 2035 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  receiver: fc.constantFrom('self', 'guardian', 'authorized'),
  previous: fc.option(hex64, { nil: null }),
});

async function devicePair() {
  const pair = await newDeviceKeyPair();
  const key = await importPublicKey(await exportPublicKey(pair.publicKey));
  if (!key) throw new Error('key did not import');
  return { pair, key };
}

describe('receipts (properties)', () => {
  test('a receipt verifies with its device’s key; forged, altered or swapped ones never do', async () => {
    const device = await devicePair();
    const forger = await devicePair();
    await fc.assert(
      fc.asyncProperty(facts, facts, fc.nat(), fc.constantFrom(...'A0z9_-|'), async (r, other, where, ch) => {
        const keys = (deviceId: string) => Promise.resolve(deviceId === r.deviceId ? device.key : null);
        const signed = await signReceipt(device.pair.privateKey, r);
        const verified = await verifyReceiptQr(signed.qr, keys);
        expect(verified).toEqual({ ok: true, value: { ...r, hash: signed.hash } });

        // Forged: the same facts, signed by a key that is not the device's.
        const forged = await signReceipt(forger.pair.privateKey, r);
        expect(await verifyReceiptQr(forged.qr, keys)).toEqual({ ok: false, error: 'altered' });

        // Altered: one character changed anywhere after the prefix.
        const at = 'CTTGXH1|'.length + (where % (signed.qr.length - 'CTTGXH1|'.length));
        fc.pre(signed.qr[at] !== ch);
        const altered = `${signed.qr.slice(0, at)}${ch}${signed.qr.slice(at + 1)}`;
        expect((await verifyReceiptQr(altered, keys)).ok).toBe(false);

        // Another receipt's facts under this one's signature (same device).
        const swapped = { ...other, deviceId: r.deviceId };
        fc.pre(JSON.stringify(swapped) !== JSON.stringify(r));
        const otherQr = (await signReceipt(device.pair.privateKey, swapped)).qr;
        const withThisSignature = `${otherQr.slice(0, otherQr.lastIndexOf('|'))}${signed.qr.slice(signed.qr.lastIndexOf('|'))}`;
        expect(await verifyReceiptQr(withThisSignature, keys)).toEqual({ ok: false, error: 'altered' });
      }),
      { numRuns: 40 },
    );
  });

  test('a chain taken out of its order, with a receipt dropped or repeated, always shows', async () => {
    const device = await devicePair();
    const base: Omit<ReceiptFacts, 'number' | 'previous'> = {
      deviceId: 'dev-1',
      lineId: 'l',
      beneficiaryId: 'b',
      amount: 1_000_000,
      date: '2026-11-12',
      receiver: 'self',
    };
    const chain: (ReceiptFacts & { hash: string })[] = [];
    let previous: string | null = null;
    for (let number = 1; number <= 6; number++) {
      const r: ReceiptFacts = { ...base, lineId: `l-${String(number)}`, number, previous };
      const { hash } = await signReceipt(device.pair.privateKey, r);
      chain.push({ ...r, hash });
      previous = hash;
    }
    expect(checkChain(chain)).toEqual([]);
    const edit = fc.oneof(
      // Reordered: two receipts swap numbers (each keeps its link).
      fc
        .tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 }))
        .filter(([a, b]) => a !== b)
        .map(
          ([a, b]) =>
            (c: typeof chain) =>
              c.map((r, i) => (i === a ? { ...r, number: b + 1 } : i === b ? { ...r, number: a + 1 } : r)),
        ),
      // Dropped: one receipt missing (not the last: then the chain is only shorter).
      fc.nat({ max: 4 }).map((a) => (c: typeof chain) => c.filter((_, i) => i !== a)),
      // Repeated: a receipt shown twice.
      fc.nat({ max: 5 }).map((a) => (c: typeof chain) => [...c, c[a] as (typeof chain)[number]]),
    );
    fc.assert(
      fc.property(edit, (change) => {
        expect(checkChain(change(chain)).length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
