import { describe, expect, test } from 'vitest';
import pushRequest from '../../tests/fixtures/protocol/push-request.json';
import { applyPaymentOp, newPaymentLine, type PaymentOp } from '../domain/payment-line';
import {
  looseOpEnvelopeSchema,
  opTypes,
  parseOp,
  type PaymentRecordOp,
  type PaymentUnpaidOp,
  type PaymentVoidOp,
} from './ops';
import { vnd } from '../domain/money';
import { opRegistry } from './op-registry';
import { rolesFor } from './permissions';

type Sample = (typeof pushRequest.ops)[number];
const sample = (type: string): Sample => {
  const found = pushRequest.ops.find((op) => op.type === type);
  if (!found) throw new Error(`no sample for ${type}`);
  return found;
};
/** A deep copy of a sample op with some fields changed or removed (undefined). */
const variant = (type: string, change: (op: Record<string, unknown>) => void) => {
  const copy = structuredClone(sample(type)) as unknown as Record<string, unknown>;
  change(copy);
  return copy;
};
const payloadOf = (op: Record<string, unknown>) => op['payload'] as Record<string, unknown>;

/** Compile-time check: the wire payment ops are domain payment ops. */
const toDomain = (op: PaymentRecordOp | PaymentUnpaidOp | PaymentVoidOp): PaymentOp => op;

describe('opSchema', () => {
  test.each(pushRequest.ops.map((op) => [op.type]))('accepts the recorded %s sample', (type) => {
    const result = parseOp(sample(type));
    expect(result.ok ? result.value.type : result.error).toBe(type);
  });

  test('the recorded (pinned) request has one sample of every op type of protocol 1, all in the registry', () => {
    // docs/protocol.md "Operation envelope": the eight types other programs speak. Later types
    // (beneficiary.set-status) are additive and have samples in the server's push world.
    const pinned = [
      'beneficiary.create',
      'beneficiary.update',
      'beneficiary.set-payment-method',
      'beneficiary.set-account-status',
      'id-check.record',
      'payment.record',
      'payment.unpaid',
      'payment.void',
    ];
    expect(pushRequest.ops.map((op) => op.type).sort()).toEqual([...pinned].sort());
    expect(opTypes).toEqual(expect.arrayContaining(pinned));
  });

  test.each<[string, string, (op: Record<string, unknown>) => void]>([
    ['an unknown type', 'payment.record', (op) => (op['type'] = 'payment.refund')],
    ['no type', 'payment.record', (op) => delete op['type']],
    ['seq 0', 'payment.record', (op) => (op['seq'] = 0)],
    ['recordedAt without offset', 'payment.record', (op) => (op['recordedAt'] = '2026-06-05T09:06:00')],
    ['a fraction of a đồng', 'payment.record', (op) => (payloadOf(op)['amount'] = 500000.5)],
    ['an amount as text', 'payment.record', (op) => (payloadOf(op)['amount'] = '500000')],
    ['a negative amount', 'payment.record', (op) => (payloadOf(op)['amount'] = -1)],
    ['no receiver', 'payment.record', (op) => delete payloadOf(op)['receiver']],
    [
      'an authorised receiver without ID number',
      'payment.record',
      (op) => (payloadOf(op)['receiver'] = { kind: 'authorized', fullName: 'Nguyễn Văn Cường' }),
    ],
    [
      'a guardian receiver without name',
      'payment.record',
      (op) => (payloadOf(op)['receiver'] = { kind: 'guardian', idNumber: '046160999013' }),
    ],
    ['a signature that is not a sha256 hash', 'payment.record', (op) => (payloadOf(op)['signature'] = 'abc')],
    [
      'a latitude out of range',
      'payment.record',
      (op) => (payloadOf(op)['position'] = { lat: 91, lon: 0, accuracy: 1 }),
    ],
    ['an unknown unpaid reason', 'payment.unpaid', (op) => (payloadOf(op)['reason'] = 'busy')],
    ['a void without target', 'payment.void', (op) => delete payloadOf(op)['target']],
    ['an empty update', 'beneficiary.update', (op) => (op['payload'] = { v: 1 })],
    ['a create without category', 'beneficiary.create', (op) => delete payloadOf(op)['category']],
    ['an unknown payment method', 'beneficiary.set-payment-method', (op) => (payloadOf(op)['method'] = 'cheque')],
    [
      'an id check with a 9-digit card number',
      'id-check.record',
      (op) => ((payloadOf(op)['card'] as { idNumber: string }).idNumber = '191999002'),
    ],
  ])('rejects %s as invalid-payload', (_name, type, change) => {
    const result = parseOp(variant(type, change));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-payload');
      expect(result.error.issues.length).toBeGreaterThan(0);
    }
  });

  test('accepts a self receiver without name or ID, and the pinned optional fields absent', () => {
    const op = variant('payment.record', (o) => (o['payload'] = { amount: 500000, receiver: { kind: 'self' } }));
    expect(parseOp(op).ok).toBe(true);
  });

  test('keeps extra payload fields and a payload version, so older and newer queued ops pass', () => {
    const op = variant('payment.record', (o) => Object.assign(payloadOf(o), { v: 2, printedReceipt: true }));
    const result = parseOp(op);
    expect(result.ok && result.value.payload).toMatchObject({ v: 2, printedReceipt: true, amount: 500000 });
  });

  test('normalises payload text to NFC', () => {
    const op = variant('payment.unpaid', (o) => (payloadOf(o)['note'] = 'Đi viện'.normalize('NFD')));
    const result = parseOp(op);
    expect(result.ok && result.value.type === 'payment.unpaid' && result.value.payload.note).toBe('Đi viện');
  });

  test('a parsed payment op is applied by the domain rule', () => {
    const result = parseOp(sample('payment.record'));
    const parsed = result.ok ? result.value : undefined;
    if (parsed?.type !== 'payment.record') throw new Error('expected payment.record');
    const { outcome, line } = applyPaymentOp(newPaymentLine(vnd(500000)), toDomain(parsed), {
      beneficiaryStatus: 'active',
    });
    expect(outcome).toEqual({ status: 'applied' });
    expect(line.payment?.receiver).toEqual({
      kind: 'authorized',
      fullName: 'Nguyễn Văn Cường',
      idNumber: '046078999012',
    });
  });
});

describe('looseOpEnvelopeSchema', () => {
  test.each([
    ['a well-formed op', sample('payment.void')],
    ['an op with a garbage payload', { id: 'x1', type: 'payment.record', payload: 42 }],
    ['an op without type', { id: 'x2' }],
  ])('lets %s through, for per-op validation', (_name, raw) => {
    expect(looseOpEnvelopeSchema.safeParse(raw).success).toBe(true);
  });

  test.each([
    ['no id', { type: 'payment.record' }],
    ['an empty id', { id: '', type: 'payment.record' }],
    ['a number', 7],
  ])('refuses %s: such an op cannot be answered', (_name, raw) => {
    expect(looseOpEnvelopeSchema.safeParse(raw).success).toBe(false);
  });
});

describe('roles of the op registry', () => {
  test('only supervisors void; payers only check IDs, record payment outcomes and their own cash', () => {
    expect(opRegistry['payment.void'].roles).toEqual(['supervisor']);
    const payerTypes = opTypes.filter((type) => rolesFor(type).includes('payer'));
    expect(payerTypes.sort()).toEqual([
      'cash.close',
      'cash.handover',
      'cash.receive',
      'cash.return',
      'id-check.record',
      'payment.record',
      'payment.unpaid',
    ]);
    expect(rolesFor('cash.acknowledge')).toEqual(['supervisor']);
    expect(opTypes.filter((type) => rolesFor(type).includes('admin'))).toEqual([]);
  });
});

describe('roster payloads are strict', () => {
  test.each<[string, string, Record<string, unknown>]>([
    ['an update carrying a status', 'beneficiary.update', { phone: '0912345678', status: 'deceased' }],
    ['an update carrying an amount', 'beneficiary.update', { monthlyAmount: 1 }],
    ['an enrolment carrying a payment method', 'beneficiary.create', { paymentMethod: 'bank' }],
    ['a status decision with a key of a newer app', 'beneficiary.set-status', { approvedBy: 'someone' }],
  ])('%s is invalid-payload, not silently dropped', (_name, type, extra) => {
    const base: Record<string, Record<string, unknown>> = {
      'beneficiary.update': {},
      'beneficiary.create': {
        communeCode: '19960',
        fullName: 'Phùng Thị Mận',
        birthDate: '1950',
        gender: 'female',
        category: 'k5c',
      },
      'beneficiary.set-status': { status: 'suspended', reason: 'missed-payments', effectiveMonth: '2026-12' },
    };
    const op = { ...sample('beneficiary.update'), type, payload: { ...base[type], ...extra } };
    expect(parseOp(op)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    // Without the extra key the same payload is accepted.
    if (type !== 'beneficiary.update') expect(parseOp({ ...op, payload: base[type] }).ok).toBe(true);
  });

  test('an ID card request: real days, whose card, nothing else', () => {
    const request = {
      kind: 'new',
      person: 'beneficiary',
      appointmentOn: '2026-12-15',
      place: 'Công an phường Phú Bài',
      issuedOn: null,
    };
    const op = (idCardRequest: unknown) => ({ ...sample('beneficiary.update'), payload: { idCardRequest } });
    expect(parseOp(op(request)).ok).toBe(true);
    expect(parseOp(op(null)).ok).toBe(true);
    for (const bad of [
      { ...request, appointmentOn: '2026-02-30' },
      { ...request, issuedOn: '15/12/2026' },
      { ...request, person: 'neighbour' },
      { ...request, kind: 'lost' },
      { ...request, place: 'x'.repeat(201) },
      { ...request, fee: 0 },
    ]) {
      expect(parseOp(op(bad)), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
  });

  test('the only roles that may decide a status are supervisors', () => {
    expect(rolesFor('beneficiary.set-status')).toEqual(['supervisor']);
  });
});
