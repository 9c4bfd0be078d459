import { describe, expect, test } from 'vitest';
import {
  applyBeneficiaryOp,
  enrolmentDefaults,
  keptValuesPayload,
  opOwningFields,
  statusChangeReasons,
  statusInMonth,
  statusReasons,
  type BeneficiaryFields,
  type CardHandover,
  type SetStatusPayload,
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

  test('an enrolment of an id someone holds is refused, never an overwrite of status or amount', () => {
    const again = {
      communeCode: '20140',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1950',
      gender: 'male',
      category: 'k5c',
      phone: '0912000111',
      status: 'active',
      monthlyAmount: 9_000_000,
    } as const;
    const result = applyBeneficiaryOp(
      { ...person, status: 'deceased' },
      { type: 'beneficiary.create', payload: again },
    );
    expect(result).toEqual({ ok: false, error: 'already-enrolled' });
  });

  test('a new enrolment is active with the default method and account progress, whatever it says', () => {
    const payload = {
      communeCode: '19960',
      fullName: 'Phùng Thị Mận',
      birthDate: '1950',
      gender: 'female',
      category: 'k5c',
      status: 'deceased',
      paymentMethod: 'bank',
      accountStatus: 'opened',
    } as const;
    const result = applyBeneficiaryOp(undefined, { type: 'beneficiary.create', payload });
    expect(result.ok && result.value.after).toMatchObject({
      status: 'active',
      paymentMethod: null,
      accountStatus: 'none',
    });
  });

  /** The person after `decisions` made one after the other through the reducer. */
  const decided = (...decisions: [string, string, string][]) =>
    decisions.reduce<BeneficiaryFields>((p, [status, reason, effectiveMonth]) => {
      const payload = { status, reason, effectiveMonth } as SetStatusPayload;
      const result = applyBeneficiaryOp(p, { type: 'beneficiary.set-status', payload });
      if (!result.ok) throw new Error(result.error);
      return result.value.after;
    }, person);

  test.each([
    ['the month before a suspension is active', '2026-11', 'active'],
    ['the suspension month is suspended', '2026-12', 'suspended'],
    ['a later month too', '2027-03', 'suspended'],
  ])('suspended from 12/2026: %s', (_name, month, expected) => {
    expect(statusInMonth(decided(['suspended', 'missed-payments', '2026-12']), month)).toBe(expected);
  });

  test.each([
    ['2026-11', 'active'],
    ['2026-12', 'suspended'],
    ['2027-01', 'suspended'],
    ['2027-02', 'terminated'],
  ])('suspended from 12/2026, then terminated from 02/2027: %s is %s', (month, expected) => {
    const person = decided(['suspended', 'missed-payments', '2026-12'], ['terminated', 'moved-away', '2027-02']);
    expect(statusInMonth(person, month)).toBe(expected);
  });

  test.each([
    ['2027-01', 'suspended'],
    ['2027-03', 'active'],
  ])('suspended from 12/2026, resumed from 03/2027: %s is %s', (month, expected) => {
    const person = decided(['suspended', 'missed-payments', '2026-12'], ['active', 'resumed', '2027-03']);
    expect(statusInMonth(person, month)).toBe(expected);
  });

  test('two decisions for the same month: the later one made is in force; the first keeps what it replaced', () => {
    const person = decided(['suspended', 'missed-payments', '2026-12'], ['deceased', 'deceased', '2026-12']);
    expect(statusInMonth(person, '2026-12')).toBe('deceased');
    expect(statusInMonth(person, '2026-11')).toBe('active');
  });

  test('a person without decisions has their status in every month; nobody held counts as active', () => {
    expect(statusInMonth({ ...person, status: 'deceased' }, '2020-01')).toBe('deceased');
    expect(statusInMonth(undefined, '2026-11')).toBe('active');
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

describe('beneficiary.set-account-status with a card hand-over', () => {
  const opened = { ...person, paymentMethod: 'bank', accountStatus: 'opened' };
  const handover: CardHandover = {
    date: '2026-11-28',
    handedOverBy: 'Lê Thị Thu',
    receiver: { kind: 'guardian', fullName: 'Nguyễn Văn An' },
    guidanceGiven: true,
  };
  const signature = 'a'.repeat(64);
  const handOver = (before: BeneficiaryFields, payload: Parameters<typeof applyBeneficiaryOp>[1]['payload']) => {
    const result = applyBeneficiaryOp(before, { type: 'beneficiary.set-account-status', payload } as Parameters<
      typeof applyBeneficiaryOp
    >[1]);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };

  test('the hand-over is stored on the person as cardHandover, with the signature', () => {
    const { after, changed } = handOver(opened, { status: 'card-handed-over', handover, signature });
    expect(after).toEqual({
      ...opened,
      accountStatus: 'card-handed-over',
      cardHandover: { ...handover, signature },
    });
    expect(changed).toEqual(['accountStatus', 'cardHandover']);
  });

  test('an older op without a hand-over keeps the one recorded; another status clears it', () => {
    const handedOver = handOver(opened, { status: 'card-handed-over', handover, signature }).after;
    const old = handOver(handedOver, { status: 'card-handed-over', note: 'Đã giao thẻ' });
    expect(old.after['cardHandover']).toEqual({ ...handover, signature });
    expect(old.changed).toEqual(['accountStatusNote']);
    const back = handOver(handedOver, { status: 'opened' });
    expect(back.after['cardHandover']).toBeNull();
    expect(back.changed).toEqual(['accountStatus', 'cardHandover']);
    // Nothing to clear on a person who never had one: no change reported, so no conflict either.
    expect(handOver(opened, { status: 'submitted' }).changed).toEqual(['accountStatus']);
  });

  test('the hand-over is owned by the account-status op, and a kept side sends it back whole', () => {
    expect(opOwningFields(['accountStatus', 'cardHandover'])).toBe('beneficiary.set-account-status');
    const handedOver = handOver(opened, { status: 'card-handed-over', handover, signature }).after;
    expect(
      keptValuesPayload('beneficiary.set-account-status', { cardHandover: handedOver['cardHandover'] }, handedOver),
    ).toEqual({ status: 'card-handed-over', note: undefined, handover, signature });
    expect(keptValuesPayload('beneficiary.set-account-status', { accountStatus: 'opened' }, handedOver)).toEqual({
      status: 'opened',
      note: undefined,
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

  test("the kept values become that op's payload, whole: the fields that did not conflict come from the person now", () => {
    const now = { ...person, phone: '0912', paymentMethod: 'bank', paymentDetails: { bankName: 'BIDV' } };
    expect(keptValuesPayload('beneficiary.update', { phone: '0988' }, now)).toEqual({ phone: '0988' });
    // Only the details conflicted (the same method chosen twice): the method is kept as it is.
    const details = { paymentDetails: { bankName: 'Agribank' } };
    expect(keptValuesPayload('beneficiary.set-payment-method', details, now)).toEqual({
      method: 'bank',
      details: { bankName: 'Agribank' },
    });
    const decided = {
      ...person,
      status: 'suspended',
      statusReason: 'missed-payments',
      statusEffectiveMonth: '2026-12',
    };
    expect(keptValuesPayload('beneficiary.set-status', { statusEffectiveMonth: '2027-01' }, decided)).toEqual({
      status: 'suspended',
      reason: 'missed-payments',
      effectiveMonth: '2027-01',
      note: undefined,
    });
  });
});
