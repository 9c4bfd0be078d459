/**
 * Both sides decide every op the same way (docs/protocol.md "Adding an op type"): for random
 * entities and random ops of every type of the registry, the device's optimistic apply
 * (storage/outbox.ts `recordOp` on fake-indexeddb) and the server's apply (the push service on
 * SQLite) give the same entity, or the same refusal. The device's op is pushed as it recorded it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { beneficiaryData, change, paymentLineData } from '../builders/beneficiary';
import { statusChangeReasons } from '../../src/domain/beneficiary-ops';
import {
  accountStatuses,
  beneficiaryStatuses,
  idCheckSkipReasons,
  paymentMethods,
  unpaidReasons,
  voidReasons,
} from '../../src/domain/vocabulary';
import { deviceOpTypes, type OpType } from '../../src/protocol/op-registry';
import { lineStateFrom, paymentLineStateOf } from '../../src/protocol/payment-line-history';
import { putEntities } from '../../src/server/services/entity-store';
import { createDirectWorld, type DirectWorld } from '../../src/server/testing/direct-push';
import { PAYER_LEDGER, PHU_BAI } from '../../src/server/testing/push-world';
import { decideCashOp, ledgerId } from '../../src/domain/cash-ops';
import { createAppDb, type AppDb } from '../../src/storage/app-db';
import { readPerson } from '../../src/storage/roster-pages';
import { applyPullPage } from '../../src/storage/apply-pull-page';
import { localContext, opOf, reduceLocal } from '../../src/storage/local-ops';
import { isoWithOffset, lastSeq, recordOp } from '../../src/storage/outbox';

const NUM_RUNS = 120;
/** A fresh SQLite and IndexedDB world per run: tens of seconds on a loaded 2-core machine. */
const TIMEOUT_MS = 300_000;
const PERSON = 'b-1';
const LINE = 'line-1';
const AMOUNT = 1_000_000;
const CLOSE_ID = 'close-first';
const ledgerFields = {
  payerId: fc.constant(PAYER_LEDGER.payerId),
  communeCode: fc.constant(PAYER_LEDGER.communeCode),
  month: fc.constant(PAYER_LEDGER.month),
};

const fact = (opId: string) => ({
  opId,
  actorId: 'user-x',
  recordedAt: '2026-11-10T09:00:00+07:00',
  amount: AMOUNT,
  receiver: { kind: 'self' },
});

/** A beneficiary as the server holds it, in any state an op may meet. */
const person = fc.record({
  status: fc.constantFrom(...beneficiaryStatuses),
  paymentMethod: fc.constantFrom(null, ...paymentMethods),
  accountStatus: fc.constantFrom(...accountStatuses),
  phone: fc.constantFrom(null, '0912000111', '0912345678'),
  village: fc.constantFrom('Tổ 5', 'Tổ 9'),
  // Decisions from the line's month (November 2026), from a later one, or none recorded.
  statusHistory: fc.constantFrom(
    undefined,
    [{ status: 'suspended', reason: 'missed-payments', effectiveMonth: '2026-11', previous: 'active' }],
    [{ status: 'deceased', reason: 'deceased', effectiveMonth: '2026-12', previous: 'active' }],
  ),
});

/** A line in every state it can be in, with the history that goes with it. */
const line = fc.constantFrom(
  paymentLineData({ amount: AMOUNT }),
  paymentLineData({ amount: AMOUNT, status: 'unpaid' }),
  paymentLineData({ amount: AMOUNT, status: 'void' }),
  paymentLineData({ amount: AMOUNT, status: 'failed' }),
  paymentLineData({ amount: AMOUNT, status: 'transferred' }),
  paymentLineData({ amount: AMOUNT, method: 'bank' }),
  { ...paymentLineData({ amount: AMOUNT, status: 'paid' }), payment: fact('op-first') },
  {
    ...paymentLineData({ amount: AMOUNT, status: 'paid' }),
    payment: fact('op-first'),
    conflicts: [{ code: 'already-paid', kind: 'payment', counted: false, fact: fact('op-second') }],
  },
);

const check = fc.oneof(
  fc.record({
    person: fc.constant('beneficiary'),
    method: fc.constantFrom('qr', 'manual'),
    fields: fc.record({
      idNumber: fc.constantFrom('match', 'mismatch', 'missing'),
      fullName: fc.constantFrom('match', 'missing'),
      birthDate: fc.constantFrom('match', 'missing'),
      gender: fc.constantFrom('match', 'missing'),
    }),
    overall: fc.constantFrom('match', 'mismatch', 'incomplete'),
  }),
  fc.record({
    person: fc.constantFrom('beneficiary', 'guardian'),
    method: fc.constant('not-possible'),
    // Sometimes without the reason it needs: both sides must refuse it.
    reason: fc.option(fc.constantFrom(...idCheckSkipReasons), { nil: undefined }),
    fields: fc.constant({ idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' }),
    overall: fc.constant('incomplete'),
  }),
);

const receiver = fc.constantFrom(
  { kind: 'self' },
  { kind: 'guardian', fullName: 'Lê Văn Tư', idNumber: '046080999123' },
  { kind: 'authorized', fullName: 'Lê Văn Tư' },
);

/** A payload of each type, mostly well formed, sometimes not (a wrong amount, a wrong enum). */
type ServerMadeType =
  'payment.transfer-send' | 'payment.transfer-result' | 'payment.transfer-cancel' | 'payment.reroute';
const payloads: { [T in Exclude<OpType, ServerMadeType>]: fc.Arbitrary<Record<string, unknown>> } = {
  'beneficiary.create': fc.record({
    communeCode: fc.constantFrom(PHU_BAI),
    fullName: fc.constantFrom('Phùng Thị Mận', 'Nguyễn Văn Bình'),
    birthDate: fc.constantFrom('1950', '1948-02-29', '12/03/1950'),
    gender: fc.constantFrom('male', 'female'),
    category: fc.constantFrom('k5c', 'k6'),
    phone: fc.option(fc.constantFrom('0912345678'), { nil: undefined }),
    // Not an enrolment's to give: dropped on both sides.
    status: fc.option(fc.constantFrom('deceased'), { nil: undefined }),
  }),
  'beneficiary.update': fc.oneof(
    fc.record({ phone: fc.constantFrom('0912345678', '0912000111', null) }),
    fc.record({ village: fc.constantFrom('Tổ 5', 'Tổ 9'), address: fc.constant('Tổ 9, Phú Bài') }),
    fc.record({ status: fc.constant('deceased'), phone: fc.constant('0988000111') }),
    fc.constant({}),
  ),
  'beneficiary.set-payment-method': fc.record({
    method: fc.constantFrom(...paymentMethods, 'cash'),
    details: fc.option(fc.constantFrom({ bankName: 'Agribank' }, { homeDeliveryReason: 'ill' }), { nil: undefined }),
  }),
  'beneficiary.set-account-status': fc.record({
    status: fc.constantFrom(...accountStatuses),
    note: fc.option(fc.constantFrom('Đã nộp hồ sơ'), { nil: undefined }),
  }),
  'beneficiary.set-status': fc.record({
    status: fc.constantFrom(...beneficiaryStatuses),
    reason: fc.constantFrom(...statusChangeReasons),
    effectiveMonth: fc.constantFrom('2026-12', '2026-13'),
  }),
  'id-check.record': check,
  'payment.record': fc.record({
    amount: fc.constantFrom(AMOUNT, AMOUNT, AMOUNT - 1000),
    receiver,
    idCheck: fc.option(check, { nil: undefined }),
  }),
  'payment.unpaid': fc.record({
    reason: fc.constantFrom(...unpaidReasons),
    // A revisit: a real date, a date that does not exist, or none (and after any reason).
    revisitOn: fc.option(fc.constantFrom('2026-11-20', '2026-02-30'), { nil: undefined }),
    idCheck: fc.option(check, { nil: undefined }),
  }),
  // The world's payer of the commune (added for these scenarios), nobody, or no name (malformed).
  'payment.assign': fc.constantFrom(
    { payerId: 'user-payer', payerName: 'Lê Thị Chi' },
    { payerId: null },
    { payerId: 'user-payer' },
  ),
  'payment.void': fc.record({
    target: fc.constantFrom('payment', 'line'),
    reason: fc.constantFrom(...voidReasons),
    paymentOpId: fc.option(fc.constantFrom('op-first', 'op-second', 'op-none'), { nil: undefined }),
  }),
  // The world's payer's ledger; amounts and dates sometimes malformed.
  'cash.receive': fc.record({
    ...ledgerFields,
    date: fc.constantFrom('2026-11-15', '2026-02-30'),
    amount: fc.constantFrom(5_000_000, 0, 1000.5),
    fromName: fc.constantFrom('Thủ quỹ xã', ' '),
  }),
  'cash.return': fc.record({
    ...ledgerFields,
    date: fc.constant('2026-11-15'),
    amount: fc.constantFrom(AMOUNT, -AMOUNT),
    toName: fc.constant('Thủ quỹ xã'),
  }),
  // To the other payer of the commune, or to oneself (refused on both sides).
  'cash.handover': fc.record({
    ...ledgerFields,
    date: fc.constant('2026-11-15'),
    amount: fc.constant(AMOUNT),
    toPayerId: fc.constantFrom('user-payer-2', 'user-payer'),
    toPayerName: fc.constant('Trần Văn Hai'),
    giverSignature: fc.constant('a'.repeat(64)),
    receiverSignature: fc.constant('b'.repeat(64)),
  }),
  // A count that adds up or not; a difference with its reason or without.
  'cash.close': fc.record({
    ...ledgerFields,
    date: fc.constant('2026-11-15'),
    count: fc.constantFrom({ 500000: 2 }, { 500000: 1, 200000: 2 }, { 300000: 1 }),
    counted: fc.constantFrom(AMOUNT, 900_000),
    balance: fc.constantFrom(AMOUNT, 800_000),
    reason: fc.option(fc.constantFrom('Trả nhầm tiền lẻ'), { nil: undefined }),
  }),
  // The close the scenario recorded first (see `runScenario`).
  'cash.acknowledge': fc.record({ ...ledgerFields, closeOpId: fc.constant(CLOSE_ID) }),
};

/** The entity the op is about: the world's, or one nobody holds. */
const entityOf = (type: OpType) => {
  if (type.startsWith('cash.')) return fc.constantFrom(ledgerId(PAYER_LEDGER), ledgerId(PAYER_LEDGER), 'cash:other');
  const known = type.startsWith('payment.') ? LINE : PERSON;
  return type === 'beneficiary.create'
    ? fc.constantFrom(PERSON, 'b-new')
    : fc.constantFrom(known, known, known, 'nobody');
};

// Transfer ops are the server's own (no device sends them): tests/server/batches.*.test.ts.
const scenario = fc.constantFrom(...deviceOpTypes).chain((type) =>
  fc.record({
    type: fc.constant(type),
    entityId: entityOf(type),
    payload: payloads[type as Exclude<OpType, ServerMadeType>],
    person,
    line,
  }),
);

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

let world: DirectWorld | undefined;
let device: AppDb | undefined;
afterEach(async () => {
  await world?.close();
  await device?.delete();
});

/** The server's data of an entity, or undefined. */
async function serverData(w: DirectWorld, entity: string, id: string): Promise<Record<string, unknown> | undefined> {
  const row = await w.db.kysely
    .selectFrom('entities')
    .select(['data'])
    .where('entity', '=', entity as 'beneficiary')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.data ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
}

/** What both sides must agree on, per entity kind (the server adds only its own bookkeeping). */
function comparable(entity: string, data: Record<string, unknown> | undefined): unknown {
  if (data === undefined) return undefined;
  if (entity === 'payment-line') return lineStateFrom(paymentLineStateOf(data) ?? expect.unreachable('a line'));
  const { id: _i, version: _v, searchTokens: _t, sortKey: _s, receivedAt: _r, localOpId: _l, ...rest } = data;
  return rest;
}

async function runScenario(s: Scenario): Promise<void> {
  world = await createDirectWorld();
  const w = world;
  const supervisor = await w.addActor('sup', 'supervisor', [PHU_BAI]);
  const payer = await w.addActor('payer', 'payer', [PHU_BAI]);
  await w.addActor('payer-2', 'payer', [PHU_BAI]);
  // A payer records their own cash; a supervisor acknowledges a close the payer recorded.
  const actor = s.type.startsWith('cash.') && s.type !== 'cash.acknowledge' ? payer : supervisor;
  if (s.type === 'cash.acknowledge') {
    const close = { ...w.op(payer, 'cash.close', ledgerId(PAYER_LEDGER)), id: CLOSE_ID };
    expect((await w.push(payer, [close])).results[0]).toMatchObject({ status: 'applied' });
  }
  // The world's person and line, in the generated state, on the server…
  const personData = beneficiaryData({ ...s.person, communeCode: PHU_BAI });
  await w.db.kysely.transaction().execute((trx) =>
    putEntities(
      trx,
      [
        { entity: 'beneficiary', id: PERSON, communeCode: PHU_BAI, data: personData },
        { entity: 'payment-line', id: LINE, communeCode: PHU_BAI, data: { ...s.line, beneficiaryId: PERSON } },
      ],
      { now: w.clock.now() },
    ),
  );
  // …and on the device, as a pull brings them.
  device = createAppDb(`prop-${crypto.randomUUID()}`);
  await applyPullPage(
    device,
    [
      change('beneficiary', PERSON, (await serverData(w, 'beneficiary', PERSON)) ?? null, 2),
      change('payment-line', LINE, (await serverData(w, 'payment-line', LINE)) ?? null, 2),
    ],
    'cursor',
    2,
  );

  let n = 0;
  const ctx = {
    deviceId: actor.deviceId,
    actorId: actor.userId,
    now: () => w.clock.now(),
    makeId: () => `op-dev-${++n}`,
    utcOffsetMinutes: 420,
  };
  // What the device's reducer decides on its copy before the op (the same pure rule the server runs).
  const kind = s.type.startsWith('payment.')
    ? 'payment-line'
    : s.type === 'id-check.record'
      ? 'id-check'
      : s.type.startsWith('cash.')
        ? 'cash'
        : 'beneficiary';
  const before =
    kind === 'payment-line'
      ? await device.paymentLines.get(s.entityId)
      : kind === 'cash'
        ? undefined
        : await readPerson(device, s.entityId);
  // Generated payloads may be malformed on purpose: recordOp validates them at run time.
  const recorded = await recordOp(device, ctx, s.type, s.entityId, s.payload as never);
  const envelope = recorded.ok
    ? recorded.value.envelope
    : {
        id: 'op-dev-refused',
        deviceId: actor.deviceId,
        seq: (await lastSeq(device)) + 1,
        type: s.type,
        entityId: s.entityId,
        actorId: actor.userId,
        recordedAt: isoWithOffset(w.clock.now(), 420),
        payload: { v: 1, ...s.payload },
      };
  const [result] = (await w.push(actor, [envelope])).results;

  if (!recorded.ok) {
    // Malformed: not recorded on the device; the server refuses it the same way.
    expect(result).toMatchObject({ status: 'rejected', code: recorded.error.code });
    return;
  }
  // Recorded: the device's reducer refused it on its copy exactly when the server rejects it, with
  // the same code (and then neither copy changes, checked below).
  const op = opOf(recorded.value) ?? expect.unreachable('a recorded op reads back');
  const local = reduceLocal(op, before, await localContext(device, op, before));
  expect(result?.status === 'rejected' ? result.code : 'recorded').toBe(local.ok ? 'recorded' : local.error);
  if (kind === 'cash') {
    // The ledger entries the server wrote are the ones the device's rule makes of the op.
    const rows = await w.db.kysely.selectFrom('cash_entries').select('data').where('op_id', '=', op.id).execute();
    const decided = decideCashOp(op as Parameters<typeof decideCashOp>[0], actor.user.displayName);
    expect(rows.map((r) => JSON.parse(r.data) as unknown)).toEqual(
      expect.arrayContaining(decided.ok ? decided.value : []),
    );
    expect(rows).toHaveLength(decided.ok ? decided.value.length : 0);
    return;
  }
  const id = kind === 'id-check' ? recorded.value.id : s.entityId;
  const now =
    kind === 'payment-line'
      ? await device.paymentLines.get(id)
      : kind === 'id-check'
        ? await device.idChecks.get(id)
        : await readPerson(device, id);
  expect(comparable(kind, now as Record<string, unknown> | undefined)).toEqual(
    comparable(kind, await serverData(w, kind, id)),
  );
  // A check carried by a payment or a visit is kept alike too.
  const carried = await serverData(w, 'id-check', recorded.value.id);
  expect(comparable('id-check', await device.idChecks.get(recorded.value.id))).toEqual(comparable('id-check', carried));
}

describe('the op registry: device and server decide alike', () => {
  test(
    'every op type on random entities: the same entity or the same refusal on both sides',
    async () => {
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          seen.set(s.type, (seen.get(s.type) ?? 0) + 1);
          try {
            await runScenario(s);
          } finally {
            await world?.close();
            await device?.delete();
            world = undefined;
            device = undefined;
          }
        }),
        { numRuns: NUM_RUNS },
      );
      // Every type a device may send was tried.
      expect([...seen.keys()].sort()).toEqual([...deviceOpTypes].sort());
    },
    TIMEOUT_MS,
  );
});
