/**
 * The sample commune of practice mode (issue 17, "Practice mode"): a fictional commune whose
 * people and payment lines are generated from a seed, with every situation an officer or payer
 * meets at least once: a child paid to a guardian, an elderly person paid to an authorised
 * person, someone known only by an old 9-digit CMND, someone missing papers for an account, a line
 * someone else already paid (the practice server answers `already-paid`), and a failed transfer.
 * Each person with a card number gets the text of a practice CCCD QR, for the printable cards.
 * Pure and deterministic: the same seed and month give the same commune.
 */
import { monthlyAmount } from '../../domain/benefits';
import { decodeIdNumber } from '../../domain/citizen-id-number';
import { applyPaymentOp, newPaymentLine, payableMethod } from '../../domain/payment-line';
import { classifyReadiness } from '../../domain/readiness';
import { vnd } from '../../domain/money';
import type { BeneficiaryData, CommuneData, PaymentLineData, PeriodData } from '../entities';
import { makeBeneficiary, type SeedCommune } from './beneficiaries';
import { createRng } from './prng';

/** Not a code of any real unit: practice data can never be taken for a real commune's. */
export const PRACTICE_COMMUNE_CODE = '00000';
export const PRACTICE_PROVINCE_CODE = '46';

export const practiceSituations = [
  'guardian',
  'authorized',
  'old-cmnd',
  'missing-papers',
  'double-payment',
  'failed-transfer',
] as const;
export type PracticeSituation = (typeof practiceSituations)[number];

export type PracticeCard = {
  beneficiaryId: string;
  holder: 'beneficiary' | 'representative';
  fullName: string;
  qr: string;
};

export type PracticeCommune = {
  month: string;
  commune: CommuneData;
  period: PeriodData & { id: string };
  beneficiaries: { id: string; data: BeneficiaryData }[];
  lines: { id: string; data: PaymentLineData }[];
  /** For each situation, the beneficiaries (or, for lines, the line ids) that show it. */
  situations: Record<PracticeSituation, string[]>;
  /** Lines the practice server holds as paid by another payer: paying one is `already-paid`. */
  paidElsewhere: string[];
  cards: PracticeCard[];
};

const COMMUNE: SeedCommune = { code: PRACTICE_COMMUNE_CODE, name: 'Xã Luyện Tập', isWard: false, isMountainous: false };
const PEOPLE = 40;
const MAX_DRAWS = 5000;

/** The text of a CCCD QR (docs/domain.md §1.1): 7 fields, dates `ddMMyyyy`. */
export function cccdQrText(p: {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female';
  address: string;
}): string {
  // A year-only birth date is printed on the card as 1 January of that year.
  const [yyyy = '', mm = '01', dd = '01'] = p.birthDate.split('-');
  return [
    p.idNumber,
    p.oldIdNumber ?? '',
    p.fullName,
    `${dd}${mm}${yyyy}`,
    p.gender === 'male' ? 'Nam' : 'Nữ',
    p.address,
    '01062021',
  ].join('|');
}

export function practiceCommune(seed: number, month: string, today: string): PracticeCommune {
  const rng = createRng(seed);
  const ctx = { month, provinceCode: PRACTICE_PROVINCE_CODE, takenIds: new Set<string>() };
  const people: { id: string; data: BeneficiaryData }[] = [];
  const found = new Map<PracticeSituation, string>();
  const situationsOf = (p: BeneficiaryData): PracticeSituation[] => {
    const s: PracticeSituation[] = [];
    if (p.status !== 'active') return s;
    if (p.representative?.kind === 'guardian') s.push('guardian');
    if (p.representative?.kind === 'authorized') s.push('authorized');
    if (p.idNumber === null && p.oldIdNumber !== null) s.push('old-cmnd');
    const readiness = classifyReadiness({
      beneficiary: p,
      paymentMethod: p.paymentMethod,
      walletPhone: p.paymentDetails?.walletPhone ?? null,
      representative: p.representative,
      today,
    });
    if (readiness.status === 'missing-papers') s.push('missing-papers');
    return s;
  };
  // Draw people until there are enough and every situation of a person is there; keep the first
  // PEOPLE and the first example of each situation.
  for (let serial = 1; serial <= MAX_DRAWS; serial++) {
    const person = makeBeneficiary(rng, COMMUNE, serial, ctx);
    const shows = situationsOf(person.data).filter((s) => !found.has(s));
    if (people.length < PEOPLE || shows.length > 0) {
      people.push(person);
      for (const s of shows) found.set(s, person.id);
    }
    const personal = ['guardian', 'authorized', 'old-cmnd', 'missing-papers'] as const;
    if (people.length >= PEOPLE && personal.every((s) => found.has(s))) break;
  }

  const lines = people
    .filter((p) => p.data.status === 'active')
    .map((p, i) => {
      const amount = monthlyAmount(p.data, month, PRACTICE_PROVINCE_CODE);
      const data: PaymentLineData = {
        beneficiaryId: p.id,
        periodId: month,
        amount: amount.ok ? amount.value.amount : p.data.monthlyAmount,
        method: payableMethod(p.data.paymentMethod, p.data.accountStatus),
        status: 'due',
        communeCode: COMMUNE.code,
        monthlyAmount: p.data.monthlyAmount,
        arrearsAmount: vnd(0),
        arrearsMonths: 0,
      };
      return { id: `practice-line-${String(i + 1).padStart(3, '0')}`, data };
    });

  const special = new Set(found.values());
  // A transfer that failed: a line paid into an opened account, sent, and refused by the bank.
  const transferred = lines.find((l) => l.data.method === 'bank' && !special.has(l.data.beneficiaryId));
  if (transferred) Object.assign(transferred.data, failedTransfer(transferred.id, transferred.data.amount, month));
  // Paid by another payer on the practice server: the device still shows it due.
  const twice = lines.find(
    (l) =>
      l.data.status === 'due' &&
      l.data.method !== 'bank' &&
      l.data.method !== 'mobile-money' &&
      !special.has(l.data.beneficiaryId),
  );

  const situations = Object.fromEntries(practiceSituations.map((s) => [s, [] as string[]])) as Record<
    PracticeSituation,
    string[]
  >;
  for (const [s, id] of found) situations[s].push(id);
  if (twice) situations['double-payment'].push(twice.id);
  if (transferred) situations['failed-transfer'].push(transferred.id);

  const cards: PracticeCard[] = people.flatMap((p) => {
    const own: PracticeCard[] =
      p.data.idNumber && p.data.status === 'active'
        ? [
            {
              beneficiaryId: p.id,
              holder: 'beneficiary',
              fullName: p.data.fullName,
              qr: cccdQrText({ ...p.data, idNumber: p.data.idNumber }),
            },
          ]
        : [];
    const rep = p.data.representative;
    const decoded = rep?.idNumber ? decodeIdNumber(rep.idNumber) : null;
    if (rep?.idNumber && decoded && p.data.status === 'active') {
      own.push({
        beneficiaryId: p.id,
        holder: 'representative',
        fullName: rep.fullName,
        qr: cccdQrText({
          idNumber: rep.idNumber,
          oldIdNumber: null,
          fullName: rep.fullName,
          birthDate: `${String(decoded.birthYear)}-01-01`,
          gender: decoded.gender,
          address: p.data.address,
        }),
      });
    }
    return own;
  });

  return {
    month,
    commune: {
      code: COMMUNE.code,
      name: COMMUNE.name,
      codeVersion: '2025',
      provinceCode: PRACTICE_PROVINCE_CODE,
      formerUnits: [],
    },
    period: { id: month, month, status: 'open', standardAmount: vnd(500_000) },
    beneficiaries: people,
    lines,
    situations,
    paidElsewhere: twice ? [twice.id] : [],
    cards,
  };
}

/** A line's history after a transfer the bank refused (domain reducers, as the server records it). */
function failedTransfer(lineId: string, amount: PaymentLineData['amount'], month: string) {
  const at = `${month}-10T09:00:00.000+07:00`;
  const base = { actorId: 'practice-supervisor', recordedAt: at };
  const context = { beneficiaryStatus: 'active' as const };
  const sent = applyPaymentOp(
    newPaymentLine(amount, 'due', 'bank'),
    {
      ...base,
      id: `${lineId}-send`,
      type: 'payment.transfer-send',
      payload: { batchId: 'practice-batch', providerId: 'practice-bank', reference: `LT-${lineId}`, amount },
    },
    context,
  );
  const failed = applyPaymentOp(
    sent.line,
    {
      ...base,
      id: `${lineId}-result`,
      type: 'payment.transfer-result',
      payload: { batchId: 'practice-batch', outcome: 'failed', reason: 'Sai số tài khoản' },
    },
    context,
  );
  return failed.line;
}
