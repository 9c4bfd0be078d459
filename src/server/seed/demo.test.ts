import { categoryAgeIssue } from '../../domain/category-age';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { monthlyAmount } from '../../domain/benefits';
import { ageOn } from '../../domain/calendar';
import { checkIdNumber } from '../../domain/citizen-id';
import { checkPhone } from '../../domain/phone';
import type { CategoryCode } from '../../domain/vocabulary';
import { fixedClock, vietnamDate } from '../../lib/clock';
import {
  beneficiaryDataSchema,
  communeDataSchema,
  paymentLineDataSchema,
  periodDataSchema,
  type BeneficiaryData,
} from '../../protocol/entities';
import type { AppDatabase } from '../db/database';
import { testHashOptions } from '../services/passwords';
import { makeSqliteDb } from '../testing/databases';
import { TEST_NOW } from '../testing/harness';
import { LOC_AN, PHU_BAI, seedDemo, type SeedResult } from './demo';

const clock = fixedClock(TEST_NOW);
const today = vietnamDate(TEST_NOW);

async function seed(beneficiaries: number): Promise<{ db: AppDatabase; result: SeedResult }> {
  const db = await makeSqliteDb();
  const result = await seedDemo(db.kysely, {
    clock,
    beneficiaries,
    password: 'demo1234',
    hashOptions: testHashOptions,
  });
  return { db, result };
}

async function entities(db: AppDatabase) {
  return db.kysely.selectFrom('entities').selectAll().orderBy('change_seq').execute();
}

/** Every string anywhere inside a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const ageLimits: Record<CategoryCode, [number, number]> = {
  k1: [0, 15],
  k2: [16, 22],
  k3: [0, 15],
  k4: [18, 60],
  k5a: [60, 120],
  k5b: [75, 79],
  k5c: [80, 120],
  k5d: [60, 120],
  k6: [0, 120],
  k7: [0, 2],
  k8: [16, 120],
};

describe('demo seed', () => {
  let db: AppDatabase;
  let result: SeedResult;
  let beneficiaries: { id: string; data: BeneficiaryData }[];
  let rows: Awaited<ReturnType<typeof entities>>;
  beforeAll(async () => {
    ({ db, result } = await seed(2000));
    rows = await entities(db);
    beneficiaries = rows
      .filter((r) => r.entity === 'beneficiary')
      .map((r) => ({ id: r.id, data: beneficiaryDataSchema.parse(JSON.parse(r.data ?? 'null')) }));
  });
  afterAll(() => db.close());

  test('the same options give the same data', async () => {
    const other = await seed(2000);
    const strip = (list: typeof rows) => list.map(({ updated_at: _u, ...rest }) => rest);
    expect(strip(await entities(other.db))).toEqual(strip(rows));
    const users = (d: AppDatabase) =>
      d.kysely
        .selectFrom('users')
        .select(['id', 'username', 'role', 'communes', 'display_name'])
        .orderBy('id')
        .execute();
    expect(await users(other.db)).toEqual(await users(db));
    await other.db.close();
  });

  test('only the month comes from the clock: any day of the same month gives the same data', async () => {
    const firstDay = Date.UTC(2026, 9, 31, 17, 30); // 2026-11-01 00:30 in Vietnam
    const lastDay = Date.UTC(2026, 10, 30, 16, 0); // 2026-11-30 23:00 in Vietnam
    const at = async (instant: number) => {
      const d = await makeSqliteDb();
      const clockAt = fixedClock(instant);
      await seedDemo(d.kysely, { clock: clockAt, beneficiaries: 200, password: 'x', hashOptions: testHashOptions });
      const list = (await entities(d)).map(({ updated_at: _u, ...rest }) => rest);
      await d.close();
      return list;
    };
    const [a, b] = [await at(firstDay), await at(lastDay)];
    expect(a).toEqual(b);
    expect(a.find((r) => r.entity === 'period')?.id).toBe('2026-11');
  });

  test('creates exactly the demo users with their roles and communes', () => {
    const byName = Object.fromEntries(result.users.map((u) => [u.username, u]));
    expect(Object.keys(byName).sort()).toEqual([
      'admin',
      'approver',
      'monitor',
      'officer',
      'officer2',
      'payer',
      'payer2',
      'supervisor',
      'supervisor2',
    ]);
    expect(byName['supervisor2']).toMatchObject({ role: 'supervisor', communes: [LOC_AN] });
    expect(byName['approver']).toMatchObject({ role: 'approver', communes: [PHU_BAI, LOC_AN] });
    expect(byName['payer']).toMatchObject({ role: 'payer', communes: [PHU_BAI] });
    expect(byName['payer2']).toMatchObject({ role: 'payer', communes: [PHU_BAI] });
    expect(byName['officer']).toMatchObject({ role: 'officer', communes: [PHU_BAI] });
    expect(byName['officer2']).toMatchObject({ role: 'officer', communes: [LOC_AN] });
    expect(byName['supervisor']?.communes).toHaveLength(result.communes);
    expect(byName['monitor']).toMatchObject({ role: 'monitoring' });
    expect(byName['monitor']?.communes).toHaveLength(result.communes);
    expect(byName['admin']).toMatchObject({ role: 'admin' });
    expect(byName['admin']?.communes).toHaveLength(result.communes);
  });

  test('communes and the current period fit their schemas', () => {
    const communes = rows.filter((r) => r.entity === 'commune');
    expect(communes.map((c) => c.id)).toEqual(expect.arrayContaining([PHU_BAI, LOC_AN]));
    for (const c of communes) expect(communeDataSchema.safeParse(JSON.parse(c.data ?? '')).success).toBe(true);
    const periods = rows.filter((r) => r.entity === 'period');
    expect(periods.map((p) => p.id)).toEqual(['2026-11']);
    expect(periodDataSchema.parse(JSON.parse(periods[0]?.data ?? ''))).toEqual({
      month: '2026-11',
      status: 'open',
      standardAmount: 500000,
    });
    expect(periods[0]?.commune_code).toBeNull();
  });

  test('spreads beneficiaries with a few hundred each in Phú Bài and Lộc An', () => {
    expect(beneficiaries).toHaveLength(2000);
    for (const code of [PHU_BAI, LOC_AN]) {
      const n = beneficiaries.filter((b) => b.data.communeCode === code).length;
      expect(n).toBeGreaterThan(200);
      expect(n).toBeLessThan(450);
    }
    expect(new Set(beneficiaries.map((b) => b.data.communeCode)).size).toBe(result.communes);
  });

  test('all text is NFC, and names use both tone placements', () => {
    for (const r of rows) for (const s of strings(JSON.parse(r.data ?? 'null'))) expect(s).toBe(s.normalize('NFC'));
    const names = beneficiaries.map((b) => b.data.fullName).join('\n');
    expect(names).toMatch(/(Hòa|Thủy|Thúy|Khỏe)\b/u);
    expect(names).toMatch(/(Hoà|Thuỷ|Thuý|Khoẻ)\b/u);
    expect(names).toMatch(/^(Nguyễn|Trần|Lê|Phạm|Hoàng|Phan|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Huỳnh) /mu);
  });

  test('ID numbers agree with birth year and gender and are unique; some people only have a CMND or nothing', () => {
    const ids = new Set<string>();
    for (const { data } of beneficiaries) {
      if (data.idNumber !== null) {
        expect(checkIdNumber(data.idNumber, { birthDate: data.birthDate, gender: data.gender, today })).toEqual([]);
        expect(data.idNumber.startsWith('046')).toBe(true);
        expect(ids.has(data.idNumber)).toBe(false);
        ids.add(data.idNumber);
      }
      if (data.oldIdNumber !== null) expect(data.oldIdNumber).toMatch(/^\d{9}$/);
      const rep = data.representative;
      if (rep?.idNumber)
        expect(checkIdNumber(rep.idNumber, { today }).filter((i) => i.severity === 'error')).toEqual([]);
    }
    expect(beneficiaries.some((b) => b.data.idNumber === null && b.data.oldIdNumber !== null)).toBe(true);
    expect(beneficiaries.some((b) => b.data.idNumber === null && b.data.oldIdNumber === null)).toBe(true);
    expect(beneficiaries.some((b) => b.data.idNumber !== null && b.data.oldIdNumber !== null)).toBe(true);
    expect(beneficiaries.some((b) => /^\d{4}$/.test(b.data.birthDate))).toBe(true);
  });

  test('ages fit the categories and amounts follow Decree 20 at the 500,000 standard', () => {
    for (const { data } of beneficiaries) {
      const [min, max] = ageLimits[data.category];
      for (const day of ['2026-11-01', '2026-11-30']) {
        const age = ageOn(data.birthDate, day);
        expect(age, `${data.category} ${data.birthDate}`).toBeGreaterThanOrEqual(min);
        expect(age, `${data.category} ${data.birthDate}`).toBeLessThanOrEqual(max);
      }
      // …so the person page and the enrolment form never warn about a demo person's age.
      expect(categoryAgeIssue(data.category, data.birthDate, '2026-11')).toBeNull();
      expect(data.disabilitySeverity !== null).toBe(data.category === 'k6');
      expect(data.childrenCount !== null).toBe(data.category === 'k4');
      const expected = monthlyAmount(data, '2026-11', '46');
      expect(expected.ok && expected.value.amount).toBe(data.monthlyAmount);
      expect(data.monthlyAmount).toBeGreaterThanOrEqual(500000);
    }
    expect(new Set(beneficiaries.map((b) => b.data.category)).size).toBeGreaterThanOrEqual(9);
  });

  test('registrations mix methods with details; about 15% have a guardian or authorised person; most adults have a phone', () => {
    const count = (pred: (b: BeneficiaryData) => boolean) => beneficiaries.filter((b) => pred(b.data)).length;
    for (const method of ['bank', 'mobile-money', 'cash-point', 'home-delivery'] as const) {
      expect(count((b) => b.paymentMethod === method)).toBeGreaterThan(40);
    }
    expect(count((b) => b.paymentMethod === null)).toBeGreaterThan(40);
    const banks = new Set(beneficiaries.map((b) => b.data.paymentDetails?.bankName).filter(Boolean));
    expect(banks).toEqual(new Set(['Agribank', 'Vietcombank', 'BIDV', 'VietinBank', 'LienVietPostBank']));
    for (const { data } of beneficiaries.filter((b) => b.data.paymentMethod === 'mobile-money')) {
      expect(data.paymentDetails).toMatchObject({ provider: 'Viettel Money' });
      const wallet = checkPhone(data.paymentDetails?.walletPhone ?? '');
      expect(wallet.carrierHint).toBe('viettel');
      expect(wallet.issues).toEqual([]);
    }
    const represented = count((b) => b.representative !== null) / beneficiaries.length;
    expect(represented).toBeGreaterThan(0.08);
    expect(represented).toBeLessThan(0.25);
    const adults = beneficiaries.filter((b) => (ageOn(b.data.birthDate, today) ?? 0) >= 18);
    const withPhone = adults.filter((b) => b.data.phone !== null);
    expect(withPhone.length / adults.length).toBeGreaterThan(0.6);
    for (const phone of beneficiaries.flatMap((b) => [b.data.phone, b.data.representative?.phone ?? null])) {
      if (phone !== null) expect(checkPhone(phone)).toMatchObject({ national: phone, kind: 'mobile', issues: [] });
    }
    expect(count((b) => b.status === 'suspended')).toBeGreaterThan(0);
    expect(count((b) => b.status === 'deceased')).toBeGreaterThan(0);
    expect(count((b) => /^(Tổ ([1-9]|1[0-2])|Thôn [1-9])$/.test(b.village))).toBe(beneficiaries.length);
  });

  test('one due payment line per active beneficiary for the current month, with the registered method', () => {
    const lines = rows
      .filter((r) => r.entity === 'payment-line')
      .map((r) => ({ id: r.id, data: paymentLineDataSchema.parse(JSON.parse(r.data ?? '')) }));
    const active = beneficiaries.filter((b) => b.data.status === 'active');
    expect(lines).toHaveLength(active.length);
    expect(result.paymentLines).toBe(active.length);
    const byBeneficiary = new Map(beneficiaries.map((b) => [b.id, b.data]));
    for (const line of lines) {
      const b = byBeneficiary.get(line.data.beneficiaryId);
      expect(b?.status).toBe('active');
      expect(line.id).toBe(`2026-11:${line.data.beneficiaryId}`);
      expect(line.data).toMatchObject({ periodId: '2026-11', status: 'due', communeCode: b?.communeCode });
      expect(line.data.amount).toBe(line.data.monthlyAmount + line.data.arrearsAmount);
      expect(line.data.monthlyAmount).toBe(b?.monthlyAmount);
      if (b?.paymentMethod === 'cash-point' || b?.paymentMethod === 'home-delivery') {
        expect(line.data.method).toBe(b.paymentMethod);
      }
      if (b?.paymentMethod === null) expect(line.data.method).toBe('cash-point');
    }
    expect(lines.some((l) => l.data.arrearsMonths > 0)).toBe(true);
    expect(lines.some((l) => l.data.method === 'bank')).toBe(true);
  });
});
