/**
 * Cash ledgers on PostgreSQL (issue 16): cash ops and payments pushed in one commit group with
 * held-back writes, the ledger read back through the op log's join with the report lines, a
 * close acknowledged in a later push.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closesOf, ledgerTotals, receiptsTotal } from '../../domain/cash-ledger';
import { ledgerId } from '../../domain/cash-ops';
import { createDirectWorld, seedDueLines, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { pgDbMaker } from '../testing/databases';
import { AMOUNT, PHU_BAI } from '../testing/push-world';
import { readCashLedgers } from './cash-ledgers';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
const makeDb = pgDbMaker(url);
const lineIds = ['cash-line-1', 'cash-line-2', 'cash-line-3'];

describe('cash ledgers (PostgreSQL)', () => {
  let w: DirectWorld;
  let payer: DirectActor;
  let supervisor: DirectActor;
  beforeEach(async () => {
    w = await createDirectWorld({ db: await makeDb() });
    payer = await w.addActor('payer', 'payer', [PHU_BAI]);
    supervisor = await w.addActor('sup', 'supervisor', [PHU_BAI]);
    await seedDueLines(w, lineIds);
  });
  afterEach(() => w.close());

  test('a day pushed in one group: balance, receipts and the acknowledged close', async () => {
    const key = { payerId: payer.userId, communeCode: PHU_BAI, month: '2026-11' };
    const id = ledgerId(key);
    const day = { ...key, date: '2026-11-15' };
    const { results } = await w.push(payer, [
      w.op(payer, 'cash.receive', id, { ...day, amount: 4 * AMOUNT, fromName: 'Thủ quỹ' }),
      ...lineIds.map((line) => w.op(payer, 'payment.record', line)),
      w.op(payer, 'cash.return', id, { ...day, amount: AMOUNT / 2, toName: 'Thủ quỹ' }),
      {
        ...w.op(payer, 'cash.close', id, {
          ...day,
          count: { 200000: 2 },
          counted: 400_000,
          balance: AMOUNT / 2,
          reason: 'Thiếu',
        }),
        id: 'close-pg',
      },
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
    const ack = await w.push(supervisor, [w.op(supervisor, 'cash.acknowledge', id, { ...key, closeOpId: 'close-pg' })]);
    expect(ack.results[0]).toMatchObject({ status: 'applied' });

    const [ledger] = await readCashLedgers(w.db.kysely, { ...supervisor.user }, '2026-11');
    if (!ledger) throw new Error('the payer has a ledger');
    const read = { key, entries: ledger.entries, payments: ledger.payments };
    expect(ledgerTotals(read)).toMatchObject({
      received: 4 * AMOUNT,
      paid: 3 * AMOUNT,
      returned: AMOUNT / 2,
      balance: AMOUNT / 2,
    });
    expect(receiptsTotal(read)).toBe(3 * AMOUNT);
    expect(closesOf(read)).toEqual([
      expect.objectContaining({ difference: -100_000, acknowledgedBy: supervisor.user.displayName }),
    ]);
  });
});
