/**
 * One synthetic beneficiary: category and age consistent (Decree 20 Art. 5), ID number
 * consistent with birth date and gender (docs/domain.md §2), a payment-method registration,
 * sometimes a guardian or an authorised person. Pure: everything comes from the Rng.
 */
import { monthlyAmount } from '../../domain/benefits';
import { foldVietnamese } from '../../domain/vietnamese-text';
import type { CategoryCode, DisabilitySeverity, Gender, PaymentMethod } from '../../domain/vocabulary';
import type { BeneficiaryData, PaymentDetails, Representative } from '../entities';
import { familyName, fullName } from './names';
import type { Rng } from './prng';
import { birthDateForAge, oldIdNumber, phoneNumber, uniqueIdNumber, viettelPhone } from './people';

export type SeedCommune = {
  code: string;
  /** With its unit word: 'Phường Phú Bài', 'Xã Lộc An'. */
  name: string;
  isWard: boolean;
  isMountainous: boolean;
};
export type SeedContext = {
  /** The current month (YYYY-MM): the only input that comes from the clock. */
  month: string;
  provinceCode: string;
  /** ID numbers already given out, so that no two people share one. */
  takenIds: Set<string>;
};

type CategoryPlan = {
  category: CategoryCode;
  weight: number;
  ages: readonly [number, number];
  isMountainousOnly?: true;
};

const categoryPlans: readonly CategoryPlan[] = [
  { category: 'k5c', weight: 38, ages: [80, 101] },
  { category: 'k6', weight: 30, ages: [3, 90] },
  { category: 'k5a', weight: 8, ages: [60, 92] },
  { category: 'k4', weight: 6, ages: [22, 50] },
  { category: 'k1', weight: 5, ages: [0, 15] },
  { category: 'k2', weight: 2, ages: [16, 21] },
  { category: 'k8', weight: 2, ages: [20, 58] },
  { category: 'k3', weight: 1, ages: [1, 15] },
  { category: 'k5d', weight: 1, ages: [60, 90] },
  // Only in extremely difficult mountainous communes (Art. 5 khoản 5b and 7).
  { category: 'k5b', weight: 4, ages: [75, 79], isMountainousOnly: true },
  { category: 'k7', weight: 3, ages: [0, 2], isMountainousOnly: true },
];

type Relative = readonly [relationship: string, gender: Gender, minAge: number, maxAge: number];
const childCarers: readonly Relative[] = [
  ['bà nội', 'female', 55, 75],
  ['bà ngoại', 'female', 55, 75],
  ['ông nội', 'male', 55, 75],
  ['cô ruột', 'female', 28, 50],
  ['chú ruột', 'male', 28, 50],
];
const adultProxies: readonly Relative[] = [
  ['con trai', 'male', 35, 65],
  ['con gái', 'female', 35, 65],
  ['con dâu', 'female', 35, 60],
  ['cháu nội', 'male', 22, 40],
];

const mountainPlans = categoryPlans.map((p) => [p, p.weight] as const);
const lowlandPlans = mountainPlans.filter(([p]) => !p.isMountainousOnly);

const banks: readonly (readonly [string, number, number])[] = [
  // name, weight, account-number length
  ['Agribank', 6, 13],
  ['Vietcombank', 2, 10],
  ['BIDV', 2, 12],
  ['VietinBank', 2, 12],
  ['LienVietPostBank', 1, 12],
];

export function makeBeneficiary(
  rng: Rng,
  commune: SeedCommune,
  serial: number,
  ctx: SeedContext,
): { id: string; data: BeneficiaryData } {
  const plan = rng.weighted(commune.isMountainous ? mountainPlans : lowlandPlans);
  const gender: Gender = plan.category === 'k4' ? (rng.chance(0.85) ? 'female' : 'male') : rng.pick(['male', 'female']);
  const age = rng.int(plan.ages[0], plan.ages[1]);
  // Many elderly people only know their birth year, read as 1 January (domain/calendar.ts).
  const isYearOnly = age >= 75 && rng.chance(0.25);
  const birthDate = isYearOnly ? String(Number(ctx.month.slice(0, 4)) - age) : birthDateForAge(rng, ctx.month, age);
  const birthYear = Number(birthDate.slice(0, 4));
  const family = familyName(rng);
  const name = fullName(rng, gender, birthYear, family);

  const papers = rng.next();
  const hasCmnd = age >= 18 && birthYear < 2006 && papers < 0.5;
  const isCmndOnly = hasCmnd && age >= 60 && papers < 0.05;
  const hasNoPapers = !hasCmnd && papers > 0.98;
  const idNumber =
    isCmndOnly || hasNoPapers ? null : uniqueIdNumber(rng, ctx.takenIds, ctx.provinceCode, birthYear, gender);

  const disabilitySeverity: DisabilitySeverity | null =
    plan.category === 'k6' ? (rng.chance(0.55) ? 'severe' : 'extremely-severe') : null;
  const childrenCount = plan.category === 'k4' ? rng.int(1, 3) : null;
  const amount = monthlyAmount(
    { category: plan.category, birthDate, disabilitySeverity, childrenCount },
    ctx.month,
    ctx.provinceCode,
  );
  if (!amount.ok) throw new Error(`demo beneficiary has no amount: ${amount.error.code}`);

  const representative = makeRepresentative(rng, { age, family, disabilitySeverity, ctx });
  const phone = age < 16 ? null : rng.chance(age >= 85 ? 0.45 : 0.85) ? phoneNumber(rng) : null;
  const { method, details, accountStatus } = makePaymentRegistration(rng, { age, disabilitySeverity, name, phone });
  const village = commune.isWard ? `Tổ ${rng.int(1, 12)}` : `Thôn ${rng.int(1, 9)}`;
  const status = rng.weighted([
    ['active', 92],
    ['suspended', 4],
    ['deceased', 2],
    ['terminated', 2],
  ] as const);

  const data: BeneficiaryData = {
    communeCode: commune.code,
    fullName: name,
    birthDate,
    gender,
    idNumber,
    status,
    code: `BTXH-${commune.code}-${String(serial).padStart(5, '0')}`,
    oldIdNumber: hasCmnd ? oldIdNumber(rng) : null,
    village,
    address: `${village}, ${commune.name.charAt(0).toLowerCase()}${commune.name.slice(1)}, thành phố Huế`,
    phone: method === 'mobile-money' ? (details?.walletPhone ?? phone) : phone,
    category: plan.category,
    disabilitySeverity,
    childrenCount,
    monthlyAmount: amount.value.amount,
    paymentMethod: method,
    paymentDetails: details,
    representative,
    accountStatus,
    decisionNo: `${rng.int(1, 2999)}/QĐ-UBND`,
    startMonth: startMonth(rng, birthYear, plan.ages[0], ctx.month),
  };
  return { id: rng.uuid(), data };
}

function makeRepresentative(
  rng: Rng,
  p: { age: number; family: string; disabilitySeverity: DisabilitySeverity | null; ctx: SeedContext },
): Representative | null {
  const isChild = p.age < 16;
  const mayAuthorise = p.age >= 80 || p.disabilitySeverity === 'extremely-severe';
  if (isChild ? !rng.chance(0.9) : !(mayAuthorise && rng.chance(0.14))) return null;
  const [relationship, gender, minAge, maxAge] = rng.pick(isChild ? childCarers : adultProxies);
  const year = Number(p.ctx.month.slice(0, 4));
  const birthYear = year - rng.int(minAge, maxAge);
  const isGuardian = isChild;
  return {
    kind: isGuardian ? 'guardian' : 'authorized',
    // Relatives on the father's side share the family name; the others usually do not.
    fullName: fullName(
      rng,
      gender,
      birthYear,
      relationship.includes('ngoại') || relationship === 'con dâu' ? undefined : p.family,
    ),
    idNumber: uniqueIdNumber(rng, p.ctx.takenIds, p.ctx.provinceCode, birthYear, gender),
    relationship,
    phone: rng.chance(0.9) ? phoneNumber(rng) : null,
    paperRef: isGuardian
      ? `Trích lục đăng ký giám hộ số ${rng.int(1, 300)}/TLGH`
      : `Giấy ủy quyền số ${rng.int(1, 300)}/GUQ, UBND xã xác nhận`,
    validUntil: isGuardian ? null : `${year + rng.int(0, 1)}-12-31`,
  };
}

function makePaymentRegistration(
  rng: Rng,
  p: { age: number; disabilitySeverity: DisabilitySeverity | null; name: string; phone: string | null },
): { method: PaymentMethod | null; details: PaymentDetails | null; accountStatus: BeneficiaryData['accountStatus'] } {
  const isFrail = p.age >= 85 || p.disabilitySeverity === 'extremely-severe';
  const method = rng.weighted<PaymentMethod | null>([
    ['bank', p.age < 16 ? 10 : 25],
    ['mobile-money', p.age >= 80 ? 5 : 14],
    ['cash-point', 35],
    ['home-delivery', isFrail ? 25 : 3],
    [null, 18],
  ]);
  if (method === 'bank' || method === 'mobile-money') {
    const accountStatus = rng.weighted([
      ['opened', 40],
      ['card-handed-over', 30],
      ['submitted', 15],
      ['dossier-ready', 15],
    ] as const);
    const isOpen = accountStatus === 'opened' || accountStatus === 'card-handed-over';
    if (method === 'mobile-money') {
      const walletPhone = p.phone && /^0(3[2-9]|86|9[6-8])/.test(p.phone) ? p.phone : viettelPhone(rng);
      return { method, details: { provider: 'Viettel Money', walletPhone }, accountStatus };
    }
    const [bankName, , length] = rng.weighted(weightedBanks);
    const details: PaymentDetails = { bankName, accountHolder: foldVietnamese(p.name).toUpperCase() };
    if (isOpen) details.accountNumber = rng.digits(length);
    return { method, details, accountStatus };
  }
  if (method === 'home-delivery') {
    const homeDeliveryReason =
      p.disabilitySeverity === 'extremely-severe'
        ? 'disability'
        : p.age >= 85
          ? 'very-old-alone'
          : rng.pick(['ill', 'cannot-use-phone'] as const);
    return { method, details: { homeDeliveryReason }, accountStatus: 'none' };
  }
  return { method, details: null, accountStatus: 'none' };
}

const weightedBanks = banks.map((b) => [b, b[1]] as const);

function startMonth(rng: Rng, birthYear: number, minAge: number, month: string): string {
  const thisYear = Number(month.slice(0, 4));
  const from = Math.min(Math.max(birthYear + minAge, 2016), thisYear - 1);
  const year = rng.int(from, thisYear - 1);
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}`;
}
