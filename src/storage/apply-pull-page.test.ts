import { afterEach, describe, expect, test, vi } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { readPerson } from './roster-pages';
import { countRoster } from './roster-queries';
import { applyPullPage } from './apply-pull-page';
import { getKv } from './kv';

let db: AppDb;
afterEach(async () => {
  await db.delete();
});

describe('applyPullPage', () => {
  test('stores rows with search tokens and the cursor together', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    const result = await applyPullPage(
      db,
      [
        change('beneficiary', 'b-1', beneficiaryData({ fullName: 'Nguyễn Văn Bình', phone: '0912345678' })),
        change('payment-line', 'l-1', paymentLineData()),
      ],
      'cursor-1',
      2,
    );
    expect(result).toEqual({ applied: 2, skipped: 0 });
    const row = await readPerson(db, 'b-1');
    expect(row?.searchTokens).toEqual(expect.arrayContaining(['nguyen', 'van', 'binh', '0912345678', '046152999001']));
    expect(await db.paymentLines.count()).toBe(1);
    expect(await getKv(db, 'pullCursor')).toBe('cursor-1');
    expect(await getKv(db, 'pullApplied')).toBe(2);
  });

  test('normalises names pulled in NFD to NFC', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await applyPullPage(
      db,
      [change('beneficiary', 'b-1', beneficiaryData({ fullName: 'Lê Thị Hoà'.normalize('NFD') }))],
      'c',
      1,
    );
    expect((await readPerson(db, 'b-1'))?.fullName).toBe('Lê Thị Hoà'.normalize('NFC'));
  });

  test('a deleted change removes the row; a later version replaces an earlier one', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await applyPullPage(
      db,
      [change('beneficiary', 'b-1', beneficiaryData()), change('beneficiary', 'b-2', beneficiaryData())],
      'c1',
      2,
    );
    await applyPullPage(
      db,
      [change('beneficiary', 'b-1', null, 2), change('beneficiary', 'b-2', beneficiaryData({ village: 'Tổ 9' }), 2)],
      'c2',
      4,
    );
    expect(await readPerson(db, 'b-1')).toBeUndefined();
    expect((await readPerson(db, 'b-2'))?.village).toBe('Tổ 9');
    expect((await readPerson(db, 'b-2'))?.version).toBe(2);
  });

  test('unknown entities and malformed data are skipped without losing the rest of the page', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    const result = await applyPullPage(
      db,
      [
        change('setting', 's-1', { any: 1 }),
        change('id-check', 'ic-1', { overall: 'match' }),
        change('beneficiary', 'bad', { fullName: 42 }),
        change('beneficiary', 'b-1', beneficiaryData()),
      ],
      'c',
      3,
    );
    expect(result).toEqual({ applied: 1, skipped: 3 });
    expect(await countRoster(db)).toBe(1);
  });

  test('a page that fails part-way leaves neither its rows nor its cursor', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    await applyPullPage(db, [change('beneficiary', 'b-1', beneficiaryData())], 'c1', 1);
    // Fault injection: the payment-line write fails inside the page's transaction.
    vi.spyOn(db.paymentLines, 'bulkPut').mockImplementation(() => {
      throw new Error('disk full');
    });
    const failing = applyPullPage(
      db,
      [change('beneficiary', 'b-2', beneficiaryData()), change('payment-line', 'l-1', paymentLineData())],
      'c2',
      3,
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(await readPerson(db, 'b-2')).toBeUndefined();
    expect(await getKv(db, 'pullCursor')).toBe('c1');
  });

  test('evidence a pulled line says the server lacks, held here as sent, waits to go up again', async () => {
    db = createAppDb(`t-${crypto.randomUUID()}`);
    const bytes = new Uint8Array([137, 80, 78, 71]).buffer;
    const [sent, refused, other] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    await db.blobs.bulkPut([
      { hash: sent, type: 'image/png', bytes, uploaded: 1 },
      { hash: refused, type: 'image/png', bytes, uploaded: 2 },
      { hash: other, type: 'image/png', bytes, uploaded: 1 },
    ]);
    const missing = [sent, refused, 'd'.repeat(64)].map((sha256) => ({ sha256, opId: 'op-1', field: 'signature' }));
    await applyPullPage(db, [change('payment-line', 'l-1', { ...paymentLineData(), missingBlobs: missing })], 'c', 1);
    // Sent but lost on the server: again; refused for good stays so; a blob not listed is untouched.
    expect((await db.blobs.toArray()).map((b) => [b.hash[0], b.uploaded])).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 1],
    ]);
  });
});
