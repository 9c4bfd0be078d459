import { describe, expect, test } from 'vitest';
import beneficiaries from '../../tests/fixtures/beneficiaries.json';
import { classifyReadiness, type ReadinessInput } from './readiness';
import type { PaymentMethod } from './vocabulary';

const TODAY = '2026-06-15';

/** docs/domain.md §8 `hinh_thuc_nhan` → our payment methods. */
const methods: Record<string, PaymentMethod> = {
  tien_mat_diem_chi_tra: 'cash-point',
  chi_tra_tai_nha: 'home-delivery',
  tai_khoan_ngan_hang: 'bank',
  viettel_money: 'mobile-money',
};

function fromFixture(id: string): ReadinessInput {
  const b = beneficiaries.find((candidate) => candidate.id === id);
  if (!b) throw new Error(`fixture ${id} missing`);
  const proxy = b.nguoi_nhan_thay;
  return {
    beneficiary: {
      fullName: b.ho_ten,
      idNumber: b.so_dinh_danh,
      oldIdNumber: b.cmnd_cu,
      birthDate: b.ngay_sinh,
      gender: b.gioi_tinh === 'Nữ' ? 'female' : 'male',
      phone: b.so_dien_thoai ?? null,
    },
    paymentMethod: methods[b.hinh_thuc_nhan] ?? null,
    representative: proxy
      ? {
          kind: proxy.quan_he === 'giám hộ' ? 'guardian' : 'authorized',
          fullName: proxy.ho_ten,
          idNumber: proxy.so_dinh_danh,
          paperRef: proxy.giay_to,
          validUntil: proxy.quan_he === 'ủy quyền' ? '2026-12-31' : null,
        }
      : null,
    today: TODAY,
  };
}

describe('classifyReadiness — docs/domain.md §8 fixtures', () => {
  test.each([
    ['BTXH-HT-0001', 'not-needed', 'beneficiary'],
    ['BTXH-PL-0002', 'not-needed', 'representative'],
    ['BTXH-HT-0003', 'ready', 'representative'],
    ['BTXH-PL-0004', 'ready', 'beneficiary'],
    ['BTXH-HT-0005', 'not-needed', 'beneficiary'],
  ])('%s → %s, held by the %s', (id, status, holder) => {
    expect(classifyReadiness(fromFixture(id))).toEqual({ status, holder, reasons: [] });
  });
});

const adult = (overrides: Partial<ReadinessInput> = {}): ReadinessInput => ({
  ...fromFixture('BTXH-PL-0004'),
  ...overrides,
});
const withBeneficiary = (overrides: Partial<ReadinessInput['beneficiary']>, rest: Partial<ReadinessInput> = {}) => {
  const base = adult(rest);
  return { ...base, beneficiary: { ...base.beneficiary, ...overrides } };
};

describe('classifyReadiness — reasons an officer can act on', () => {
  test.each<[string, ReadinessInput, string, string[]]>([
    ['only an old CMND', withBeneficiary({ idNumber: null }), 'needs-new-id-card', ['only-old-id-card']],
    [
      'no card at all',
      withBeneficiary({ idNumber: null, oldIdNumber: null, hasNoIdCard: true }),
      'needs-new-id-card',
      ['no-id-card'],
    ],
    [
      'ID not recorded',
      withBeneficiary({ idNumber: null, oldIdNumber: null }),
      'missing-papers',
      ['id-number-missing'],
    ],
    [
      'ID inconsistent with the birth year',
      withBeneficiary({ birthDate: '1989-06-15' }),
      'missing-papers',
      ['id-number-inconsistent'],
    ],
    [
      'mobile money without any phone',
      withBeneficiary({ phone: null }),
      'missing-papers',
      ['no-phone-for-mobile-money'],
    ],
    [
      'mobile money with a dead 11-digit number',
      withBeneficiary({ phone: '01691234567' }),
      'missing-papers',
      ['phone-invalid'],
    ],
    ['mobile money with a landline', withBeneficiary({ phone: '02343822222' }), 'missing-papers', ['phone-not-mobile']],
    ['mobile money with an unlisted block', withBeneficiary({ phone: '0862000111' }), 'ready', ['phone-unusual']],
    ['a wallet phone given separately', withBeneficiary({ phone: null }, { walletPhone: '0399000444' }), 'ready', []],
    ['no method chosen yet', adult({ paymentMethod: null }), 'ready', ['method-not-chosen']],
  ])('%s → %s %j', (_name, input, status, codes) => {
    const result = classifyReadiness(input);
    expect(result.status).toBe(status);
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes);
  });

  test('an inconsistent ID lists the ID-number issues behind it', () => {
    const result = classifyReadiness(withBeneficiary({ gender: 'male' }));
    expect(result.reasons).toEqual([
      { code: 'id-number-inconsistent', person: 'beneficiary', blocking: true, idIssues: ['gender-mismatch'] },
    ]);
  });

  test('the ID card is the long pole: needs-new-id-card wins over other missing papers', () => {
    const result = classifyReadiness(withBeneficiary({ idNumber: null, phone: null }));
    expect(result.status).toBe('needs-new-id-card');
    expect(result.reasons.map((reason) => reason.code)).toEqual(['only-old-id-card', 'no-phone-for-mobile-money']);
  });

  const child = fromFixture('BTXH-HT-0003');
  test.each<[string, ReadinessInput, string, string[]]>([
    ['a child without a guardian', { ...child, representative: null }, 'missing-papers', ['child-needs-guardian']],
    [
      'a child whose representative is only authorised',
      { ...child, representative: child.representative && { ...child.representative, kind: 'authorized' } },
      'missing-papers',
      ['child-needs-guardian'],
    ],
    [
      'a guardian without the guardianship extract',
      { ...child, representative: child.representative && { ...child.representative, paperRef: null } },
      'missing-papers',
      ['no-guardianship-paper'],
    ],
    [
      'a guardian with only an old CMND',
      {
        ...child,
        representative: child.representative && { ...child.representative, idNumber: null, oldIdNumber: '191999013' },
      },
      'needs-new-id-card',
      ['only-old-id-card'],
    ],
    [
      'a child without an ID number, held by a guardian: a note only',
      { ...child, beneficiary: { ...child.beneficiary, idNumber: null } },
      'ready',
      ['id-number-missing'],
    ],
  ])('%s → %s %j', (_name, input, status, codes) => {
    const result = classifyReadiness(input);
    expect(result.status).toBe(status);
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes);
  });

  const binh = { ...fromFixture('BTXH-PL-0002'), paymentMethod: 'bank' as const };
  test.each<[string, string | null, string | null, string[]]>([
    ['valid authorisation', 'Giấy ủy quyền', '2026-12-31', []],
    ['authorisation valid through today', 'Giấy ủy quyền', TODAY, []],
    ['expired authorisation', 'Giấy ủy quyền', '2026-06-14', ['authorisation-expired']],
    ['no authorisation paper', null, null, ['no-authorisation-paper']],
  ])('an authorised person with %s → %j', (_name, paperRef, validUntil, codes) => {
    const representative = binh.representative && { ...binh.representative, paperRef, validUntil };
    const result = classifyReadiness({ ...binh, representative });
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(result.status).toBe(codes.length === 0 ? 'ready' : 'missing-papers');
  });
});
