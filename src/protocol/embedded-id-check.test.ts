import { describe, expect, test } from 'vitest';
import { compareScanned, compareTyped, expectedReceiver, idCheckPayload } from '../domain/receiver-check';
import { embeddedIdCheckSchema, idCheckPayloadSchema } from './payloads-id-check';
import { paymentRecordPayloadSchema, paymentUnpaidPayloadSchema } from './payloads-payment';

const person = {
  idNumber: '046060001234',
  oldIdNumber: null,
  fullName: 'Nguyễn Thị Hoà',
  birthDate: '1940-03-05',
  gender: 'female' as const,
  representative: { kind: 'guardian' as const, fullName: 'Lê Văn Tư', idNumber: '046080002222' },
};
const card = { ...person, fullName: 'Nguyễn Thị Hòa', issuedOn: '2021-06-01' };

const checks = {
  qr: idCheckPayload(
    { method: 'qr', card, comparison: compareScanned(card, expectedReceiver(person, 'self')) },
    'self',
  ),
  manual: idCheckPayload(
    { method: 'manual', comparison: compareTyped({ idNumber: '046080002222' }, expectedReceiver(person, 'guardian')) },
    'guardian',
  ),
  notPossible: idCheckPayload({ method: 'not-possible', reason: 'no-qr' }, 'self'),
};

describe('an ID check carried by a payment or visit op', () => {
  test.each(Object.entries(checks))('%s check passes the wire schema', (_name, check) => {
    expect(embeddedIdCheckSchema.safeParse(check).success).toBe(true);
    expect(
      paymentRecordPayloadSchema.safeParse({ amount: 500_000, receiver: { kind: 'self' }, idCheck: check }).success,
    ).toBe(true);
    expect(paymentUnpaidPayloadSchema.safeParse({ reason: 'wrong-person', idCheck: check }).success).toBe(true);
  });

  test('not-possible without its reason is refused, alone and inside a payment', () => {
    const { reason: _reason, ...withoutReason } = { ...checks.notPossible, reason: undefined };
    expect(embeddedIdCheckSchema.safeParse(withoutReason).success).toBe(false);
    expect(idCheckPayloadSchema.safeParse(withoutReason).success).toBe(false);
    expect(
      paymentRecordPayloadSchema.safeParse({ amount: 500_000, receiver: { kind: 'self' }, idCheck: withoutReason })
        .success,
    ).toBe(false);
  });

  test('a payment without a check, as older apps send it, still passes', () => {
    expect(paymentRecordPayloadSchema.safeParse({ amount: 500_000, receiver: { kind: 'self' } }).success).toBe(true);
  });

  test('an unknown skip reason is refused', () => {
    expect(embeddedIdCheckSchema.safeParse({ ...checks.notPossible, reason: 'lazy' }).success).toBe(false);
  });
});
