import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../../tests/builders/beneficiary';
import { createAppDb, type AppDb } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { recordOk } from '../../tests/builders/record';
import { opTypes } from '../protocol/op-registry';
import { paymentLineStateOf } from '../protocol/payment-line-history';
import { tableOf } from './local-ops';
import { applyPushResults, type OpContext } from './outbox';

let db: AppDb;
let ctx: OpContext;
let n = 0;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  ctx = { deviceId: 'dev-1', actorId: 'u1', now: () => 0, makeId: () => `op-${++n}`, utcOffsetMinutes: 420 };
  await applyPullPage(
    db,
    [change('beneficiary', 'b1', beneficiaryData({ phone: null })), change('payment-line', 'l1', paymentLineData())],
    'c1',
    2,
  );
});
afterEach(async () => {
  await db.delete();
});

const pay = () => recordOk(db, ctx, 'payment.record', 'l1', { amount: 1_000_000, receiver: { kind: 'self' } });

describe('optimistic local changes', () => {
  test('recording a payment marks the line paid at once, with its op pending', async () => {
    const op = await pay();
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
    expect((await db.outbox.get(op.seq))?.state).toBe('pending');
  });

  test('a pulled version of the line does not hide the pending payment', async () => {
    await pay();
    await applyPullPage(
      db,
      [change('payment-line', 'l1', paymentLineData({ arrearsAmount: 0, status: 'due' }), 2)],
      'c2',
      3,
    );
    const line = await db.paymentLines.get('l1');
    expect(line?.status).toBe('paid');
    expect(line?.version).toBe(2);
  });

  test('a payment the server applied while its answer was lost is not applied again on the pulled line', async () => {
    const op = await pay();
    // The pull brings the line as the server holds it: paid by this very op, still pending here.
    const paidByIt = {
      ...paymentLineData({ arrearsAmount: 0, status: 'paid' }),
      payment: {
        opId: op.id,
        actorId: 'u1',
        recordedAt: '2026-11-02T09:00:00+07:00',
        amount: 1_000_000,
        receiver: { kind: 'self' },
      },
    };
    await applyPullPage(db, [change('payment-line', 'l1', paidByIt, 2)], 'c2', 3);
    const line = await db.paymentLines.get('l1');
    expect(line).toMatchObject({ status: 'paid', payment: { opId: op.id } });
    expect(paymentLineStateOf(line)?.conflicts).toEqual([]);
    expect((await db.outbox.get(op.seq))?.state).toBe('pending');
  });

  test("a pending ID check of a person does not replay the person's answered edits over a newer pull", async () => {
    const check = {
      person: 'beneficiary',
      method: 'manual',
      fields: { idNumber: 'match', fullName: 'missing', birthDate: 'missing', gender: 'missing' },
      overall: 'incomplete',
    } as const;
    await recordOk(db, ctx, 'id-check.record', 'b1', check);
    const edit = await recordOk(db, ctx, 'beneficiary.update', 'b1', { phone: '0912000002' });
    await recordOk(db, ctx, 'beneficiary.update', 'b1', { village: 'Tổ 9' });
    await applyPushResults(db, [edit], [{ id: edit.id, status: 'applied', version: 2 }]);
    // Someone else changed the phone after this device's answered edit; the pull brings it, and the
    // still pending village goes on top of it.
    await applyPullPage(db, [change('beneficiary', 'b1', beneficiaryData({ phone: '0912000003' }), 3)], 'c2', 3);
    expect(await db.beneficiaries.get('b1')).toMatchObject({ phone: '0912000003', village: 'Tổ 9' });
  });

  test('a rejected payment disappears from the line; an applied one stays', async () => {
    const op = await pay();
    await applyPushResults(
      db,
      [op],
      [{ id: op.id, status: 'rejected', code: 'amount-mismatch', message: 'Sai số tiền' }],
    );
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
    expect((await db.outbox.get(op.seq))?.state).toBe('rejected');
    expect(await db.shadows.count()).toBe(0);

    const again = await pay();
    await applyPushResults(db, [again], [{ id: again.id, status: 'applied', version: 2 }]);
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
    expect(await db.shadows.count()).toBe(0);
  });

  test('a roster edit patches the row and its search tokens; a rejection restores the server copy', async () => {
    const op = await recordOk(
      db,
      ctx,
      'beneficiary.update',
      'b1',
      { phone: '0912345678', fullName: 'Trần Thị Hoà' },
      { baseVersion: 1 },
    );
    const row = await db.beneficiaries.get('b1');
    expect(row?.phone).toBe('0912345678');
    expect(row?.searchTokens).toContain('0912345678');
    await applyPushResults(db, [op], [{ id: op.id, status: 'rejected', code: 'forbidden', message: 'Không có quyền' }]);
    const restored = await db.beneficiaries.get('b1');
    expect(restored?.phone).toBeNull();
    expect(restored?.searchTokens).not.toContain('0912345678');
  });

  test('two pending edits survive a pull and a rejection of the first keeps the second', async () => {
    const first = await recordOk(db, ctx, 'beneficiary.update', 'b1', { phone: '0912345678' });
    await recordOk(db, ctx, 'beneficiary.set-payment-method', 'b1', {
      method: 'home-delivery',
      details: { homeDeliveryReason: 'ill' },
    });
    await applyPullPage(
      db,
      [change('beneficiary', 'b1', beneficiaryData({ phone: null, village: 'Tổ 9' }), 2)],
      'c2',
      3,
    );
    let row = await db.beneficiaries.get('b1');
    expect([row?.village, row?.phone, row?.paymentMethod]).toEqual(['Tổ 9', '0912345678', 'home-delivery']);

    await applyPushResults(db, [first], [{ id: first.id, status: 'rejected', code: 'forbidden' }]);
    row = await db.beneficiaries.get('b1');
    expect([row?.village, row?.phone, row?.paymentMethod]).toEqual(['Tổ 9', null, 'home-delivery']);
    expect(await db.shadows.count()).toBe(1);
  });

  test("an enrolment makes a complete, searchable row with the server's defaults, pending until answered", async () => {
    const op = await recordOk(db, ctx, 'beneficiary.create', 'b-new', {
      communeCode: '19960',
      fullName: 'Phùng Thị Mận',
      birthDate: '1950',
      gender: 'female',
      category: 'k5c',
      phone: '0912345678',
    });
    const row = await db.beneficiaries.get('b-new');
    expect(row).toMatchObject({
      id: 'b-new',
      version: 0,
      fullName: 'Phùng Thị Mận',
      status: 'active',
      code: '',
      idNumber: null,
      oldIdNumber: null,
      village: '',
      address: '',
      paymentMethod: null,
      representative: null,
      accountStatus: 'none',
      monthlyAmount: 0,
    });
    expect(row).not.toHaveProperty('v');
    expect(row?.searchTokens).toEqual(expect.arrayContaining(['phung', 'man', '0912345678']));
    expect((await db.outbox.get(op.seq))?.state).toBe('pending');

    await applyPushResults(db, [op], [{ id: op.id, status: 'rejected', code: 'forbidden' }]);
    expect(await db.beneficiaries.get('b-new')).toBeUndefined();
  });

  test('an update can add and then remove the representative', async () => {
    const representative = {
      kind: 'authorized' as const,
      fullName: 'Lê Văn Tư',
      idNumber: '046080999123',
      relationship: 'con trai',
      phone: null,
      paperRef: 'GUQ 12/2026',
      validUntil: '2027-12-31',
    };
    await recordOk(db, ctx, 'beneficiary.update', 'b1', { representative }, { baseVersion: 1 });
    expect((await db.beneficiaries.get('b1'))?.representative).toEqual(representative);
    await recordOk(db, ctx, 'beneficiary.update', 'b1', { representative: null });
    expect((await db.beneficiaries.get('b1'))?.representative).toBeNull();
  });

  test('an unpaid visit never undoes a payment recorded before it', async () => {
    await pay();
    await recordOk(db, ctx, 'payment.unpaid', 'l1', { reason: 'absent' });
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
  });
});

describe('the device decides a line as the server does (applyPaymentOp)', () => {
  const fact = (opId: string) => ({
    opId,
    actorId: 'u9',
    recordedAt: '2026-11-02T09:00:00+07:00',
    amount: 1_000_000,
    receiver: { kind: 'self' as const },
  });
  const pullLine = (data: object) => applyPullPage(db, [change('payment-line', 'l1', data, 2)], 'c2', 3);

  test('voiding the uncounted second payment of a conflict leaves the line paid by the first', async () => {
    await pullLine({
      ...paymentLineData({ status: 'paid' }),
      payment: fact('first'),
      conflicts: [{ code: 'already-paid', kind: 'payment', counted: false, fact: fact('second') }],
    });
    await recordOk(db, ctx, 'payment.void', 'l1', { target: 'payment', reason: 'duplicate', paymentOpId: 'second' });
    const line = await db.paymentLines.get('l1');
    expect(line?.status).toBe('paid');
    expect(line?.['payment']).toMatchObject({ opId: 'first' });
    expect(line?.['conflicts']).toEqual([]);
  });

  test('a payment on a withdrawn line leaves it withdrawn (the server flags line-cancelled)', async () => {
    await pullLine(paymentLineData({ status: 'void' }));
    await pay();
    expect((await db.paymentLines.get('l1'))?.status).toBe('void');
  });

  test('a second payment keeps the first one counted', async () => {
    const first = await pay();
    await pay();
    expect((await db.paymentLines.get('l1'))?.['payment']).toMatchObject({ opId: first.id });
  });

  test('a payment of another amount leaves the line due (the server answers amount-mismatch), and is still sent', async () => {
    const op = await recordOk(db, ctx, 'payment.record', 'l1', { amount: 999_000, receiver: { kind: 'self' } });
    expect((await db.paymentLines.get('l1'))?.status).toBe('due');
    expect((await db.outbox.get(op.seq))?.state).toBe('pending');
  });

  test('a line whose history this app cannot read (a newer server) is still marked paid by a payment', async () => {
    await pullLine({
      ...paymentLineData(),
      conflicts: [{ code: 'a-code-from-a-newer-server', kind: 'payment', counted: false, fact: fact('x') }],
    });
    await pay();
    expect((await db.paymentLines.get('l1'))?.status).toBe('paid');
  });
});

describe('the local apply knows every op type of the registry', () => {
  test('an op type the registry does not know is an error, never a silent no-op', () => {
    expect(() => tableOf('payment.refund')).toThrow(/no op type payment\.refund/u);
  });

  test.each(opTypes)('%s changes a table of its family, or none (a cash ledger is its ops)', (type) => {
    expect(tableOf(type)).toBe(
      type.startsWith('cash.')
        ? null
        : (['beneficiaries', 'paymentLines', 'idChecks'] as const).find((t) => t === tableOf(type)),
    );
  });
});
