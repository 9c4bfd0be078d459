import { describe, expect, test } from 'vitest';
import {
  applyBeneficiaryOp,
  enrolmentDefaults,
  keptValuesPayload,
  opOwningFields,
  statusChangeReasons,
  statusReasons,
  type BeneficiaryFields,
} from './beneficiary-ops';
import { beneficiaryStatuses } from './vocabulary';

const person: BeneficiaryFields = {
  communeCode: '19960',
  fullName: 'Nguyễn Văn Bình',
  birthDate: '1950',
  gender: 'male',
  category: 'k5c',
  status: 'active',
  phone: null,
  paymentMethod: null,
  paymentDetails: null,
  accountStatus: 'none',
  monthlyAmount: 750_000,
};

describe('applyBeneficiaryOp', () => {
  test('an update changes only editable fields: status, amount and unknown keys never reach the person', () => {
    const patch = { phone: '0912345678', status: 'deceased', monthlyAmount: 1, conflictId: 'c1', v: 1 };
    const result = applyBeneficiaryOp(person, { type: 'beneficiary.update', payload: patch });
    expect(result).toEqual({ ok: true, value: { after: { ...person, phone: '0912345678' }, changed: ['phone'] } });
  });

  test('a field set to the value it already has is not a change (it can never raise a conflict)', () => {
    const result = applyBeneficiaryOp(person, { type: 'beneficiary.update', payload: { fullName: 'Nguyễn Văn Bình' } });
    expect(result.ok && result.value.changed).toEqual([]);
  });

  test('null and absent are the same value; nested values are compared by content', () => {
    const withDetails = {
      ...person,
      paymentMethod: 'bank',
      paymentDetails: { bankName: 'Agribank', accountNumber: '1' },
    };
    const same = { method: 'bank', details: { accountNumber: '1', bankName: 'Agribank' } } as const;
    const result = applyBeneficiaryOp(withDetails, { type: 'beneficiary.set-payment-method', payload: same });
    expect(result.ok && result.value.changed).toEqual([]);
  });

  test('an enrolment starts from the defaults; its changes are the fields it gave', () => {
    const payload = {
      communeCode: '19960',
      fullName: 'Phùng Thị Mận',
      birthDate: '1950',
      gender: 'female',
      category: 'k5c',
    } as const;
    const result = applyBeneficiaryOp(undefined, { type: 'beneficiary.create', payload: { ...payload, v: 1 } });
    expect(result).toEqual({
      ok: true,
      value: { after: { ...enrolmentDefaults, ...payload }, changed: Object.keys(payload) },
    });
  });

  test('the same person enrolled again is a patch, and never moves them to another commune', () => {
    const again = {
      communeCode: '20140',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1950',
      gender: 'male',
      category: 'k5c',
      phone: '0912000111',
    } as const;
    const result = applyBeneficiaryOp(person, { type: 'beneficiary.create', payload: again });
    expect(result.ok && result.value).toEqual({ after: { ...person, phone: '0912000111' }, changed: ['phone'] });
  });

  test.each([
    ['beneficiary.update', { phone: '0912345678' }],
    ['beneficiary.set-payment-method', { method: 'cash-point' }],
    ['beneficiary.set-account-status', { status: 'submitted' }],
    ['beneficiary.set-status', { status: 'suspended', reason: 'missed-payments', effectiveMonth: '2026-12' }],
  ] as const)('%s of a person nobody holds is refused unknown-entity', (type, payload) => {
    expect(applyBeneficiaryOp(undefined, { type, payload } as Parameters<typeof applyBeneficiaryOp>[1])).toEqual({
      ok: false,
      error: 'unknown-entity',
    });
  });

  test('a method without details clears the details; an account status keeps its note', () => {
    const bank = { ...person, paymentMethod: 'bank', paymentDetails: { bankName: 'Agribank' } };
    const cash = applyBeneficiaryOp(bank, {
      type: 'beneficiary.set-payment-method',
      payload: { method: 'cash-point' },
    });
    expect(cash.ok && cash.value.after).toMatchObject({ paymentMethod: 'cash-point', paymentDetails: null });
    const status = applyBeneficiaryOp(person, {
      type: 'beneficiary.set-account-status',
      payload: { status: 'submitted', note: 'Nộp ngày 3/12' },
    });
    expect(status.ok && status.value.after).toMatchObject({
      accountStatus: 'submitted',
      accountStatusNote: 'Nộp ngày 3/12',
    });
  });
});

describe('beneficiary.set-status', () => {
  const cells = beneficiaryStatuses.flatMap((status) => statusChangeReasons.map((reason) => ({ status, reason })));

  test.each(cells)('$status with reason $reason', ({ status, reason }) => {
    const result = applyBeneficiaryOp(person, {
      type: 'beneficiary.set-status',
      payload: { status, reason, effectiveMonth: '2026-12' },
    });
    if (statusReasons[status].includes(reason)) {
      expect(result.ok && result.value.after).toMatchObject({
        status,
        statusReason: reason,
        statusEffectiveMonth: '2026-12',
      });
    } else {
      expect(result).toEqual({ ok: false, error: 'reason-not-for-status' });
    }
  });

  test('a death is recorded only as deceased, and a person is resumed only as active', () => {
    expect(statusReasons.deceased).toEqual(['deceased']);
    const fits = (reason: (typeof statusChangeReasons)[number]) =>
      beneficiaryStatuses.filter((s) => statusReasons[s].includes(reason));
    expect(fits('deceased')).toEqual(['deceased']);
    expect(fits('resumed')).toEqual(['active']);
  });
});

describe('keeping a side of a concurrent edit', () => {
  test.each([
    [['phone', 'address'], 'beneficiary.update'],
    [['paymentMethod', 'paymentDetails'], 'beneficiary.set-payment-method'],
    [['accountStatus'], 'beneficiary.set-account-status'],
    [['status', 'statusReason'], 'beneficiary.set-status'],
    [['phone', 'paymentMethod'], null],
    [[], null],
  ] as const)('fields %j are kept through %s', (fields, type) => {
    expect(opOwningFields(fields)).toBe(type);
  });

  test("the kept values become that op's payload", () => {
    expect(keptValuesPayload('beneficiary.update', { phone: '0912', paymentMethod: 'bank' })).toEqual({
      phone: '0912',
    });
    expect(
      keptValuesPayload('beneficiary.set-payment-method', { paymentMethod: 'bank', paymentDetails: null }),
    ).toEqual({
      method: 'bank',
      details: undefined,
    });
  });
});
