/**
 * The demo data set (docs/architecture.md "Running"): the Huế pilot communes, synthetic
 * beneficiaries, the current month's period and payment list, and the demo users.
 * Deterministic: the same options give the same data; only the month comes from the clock.
 */
import { markDemo } from './demo-guard';
import { payableMethod } from '../../domain/payment-line';
import { sql, type Kysely } from 'kysely';
import { pilotCommunes } from '../../domain/admin-units';
import { monthlyAmount, standardLevel } from '../../domain/benefits';
import { addMonths } from '../../domain/calendar';
import { sumVnd, vnd, type Vnd } from '../../domain/money';
import type { Role } from '../../domain/vocabulary';
import { vietnamMonth, type Clock } from '../../lib/clock';
import type { User } from '../../protocol/auth';
import type { BeneficiaryData, PaymentLineData, PeriodData } from '../../protocol/entities';
import type { Database } from '../db/schema';
import { putEntities, type EntityChange } from '../services/entity-store';
import type { HashOptions } from '../services/passwords';
import { createUser } from '../services/users';
import { makeBeneficiary, type SeedCommune, type SeedContext } from '../../protocol/sample/beneficiaries';
import { ensureCommunes } from './communes';
import { createRng } from '../../protocol/sample/prng';

export type SeedOptions = {
  clock: Clock;
  beneficiaries: number;
  password: string;
  hashOptions: HashOptions;
  /** Beneficiaries per transaction (each brings its payment line). */
  batchSize?: number;
};

export type SeedResult = {
  users: User[];
  communes: number;
  beneficiaries: number;
  paymentLines: number;
  periodId: string;
};

export const DEMO_SEED = 20250701;
export const PHU_BAI = '19960';
export const LOC_AN = '20140';
const PROVINCE = '46';

/** Extremely difficult mountainous communes of the pilot area (former Nam Đông district and Long Quảng). */
const MOUNTAINOUS = new Set(['20161', '20179', '20182']);

export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const now = options.clock.now();
  const month = vietnamMonth(now);
  const rng = createRng(DEMO_SEED);
  const communes: SeedCommune[] = pilotCommunes.map((c) => ({
    code: c.code,
    name: c.name,
    isWard: c.kind === 'phuong',
    isMountainous: MOUNTAINOUS.has(c.code),
  }));
  const allCodes = communes.map((c) => c.code);

  const users = await createDemoUsers(db, allCodes, options, now);
  // Marked first: a production start refuses this database even if the seed stops half-way.
  await markDemo(db, now);

  const periodId = month;
  const standard = standardLevel(PROVINCE, month);
  if (!standard.ok) throw new Error(`no standard level for ${month}: ${standard.error.code}`);
  const period: PeriodData = { month, status: 'open', standardAmount: standard.value.amount };
  await ensureCommunes(db, now);
  await db
    .transaction()
    .execute((trx) => putEntities(trx, [{ entity: 'period', id: periodId, communeCode: null, data: period }], { now }));

  // Phú Bài and Lộc An (the demo users' communes) get 15% each; the rest share the remainder.
  const weights = communes.map(
    (c) => [c, c.code === PHU_BAI || c.code === LOC_AN ? 15 : 70 / Math.max(1, communes.length - 2)] as const,
  );
  const serials = new Map<string, number>();
  const ctx: SeedContext = { month, provinceCode: PROVINCE, takenIds: new Set() };
  const batchSize = options.batchSize ?? 2500;
  let paymentLines = 0;
  for (let start = 0; start < options.beneficiaries; start += batchSize) {
    const changes: EntityChange[] = [];
    for (let i = start; i < Math.min(start + batchSize, options.beneficiaries); i++) {
      const commune = rng.weighted(weights);
      const serial = (serials.get(commune.code) ?? 0) + 1;
      serials.set(commune.code, serial);
      const b = makeBeneficiary(rng, commune, serial, ctx);
      changes.push({ entity: 'beneficiary', id: b.id, communeCode: commune.code, data: b.data });
      if (b.data.status !== 'active') continue;
      const { arrearsMonths, arrearsAmount } = pickArrears(rng.chance(0.04) ? rng.int(1, 2) : 0, b.data, month);
      const method = payableMethod(b.data.paymentMethod, b.data.accountStatus);
      const line: PaymentLineData = {
        beneficiaryId: b.id,
        periodId,
        amount: sumVnd([b.data.monthlyAmount, arrearsAmount]),
        method,
        status: 'due',
        communeCode: commune.code,
        monthlyAmount: b.data.monthlyAmount,
        arrearsAmount,
        arrearsMonths,
      };
      changes.push({ entity: 'payment-line', id: `${periodId}:${b.id}`, communeCode: commune.code, data: line });
      paymentLines++;
    }
    // One transaction (and one change-counter update) per batch keeps large seeds fast.
    await db.transaction().execute((trx) => putEntities(trx, changes, { now }));
  }

  // Fresh statistics, so the first pulls already use the right plan (same statement on both databases).
  await sql`analyze entities`.execute(db);
  return { users, communes: communes.length, beneficiaries: options.beneficiaries, paymentLines, periodId };
}

/**
 * About 4% collect arrears (truy lĩnh) for the months just before this one, each at that
 * month's amount. Only months in which the person already had an allowance count.
 */
function pickArrears(count: number, b: BeneficiaryData, month: string): { arrearsMonths: number; arrearsAmount: Vnd } {
  const amounts: Vnd[] = [];
  for (let i = 1; i <= count; i++) {
    const earlier = addMonths(month, -i);
    const amount = earlier ? monthlyAmount(b, earlier, PROVINCE) : undefined;
    if (!amount?.ok || amount.value.amount === 0) return { arrearsMonths: 0, arrearsAmount: vnd(0) };
    amounts.push(amount.value.amount);
  }
  return { arrearsMonths: count, arrearsAmount: sumVnd(amounts) };
}

const demoUsers: readonly { username: string; role: Role; displayName: string; communes: 'all' | string[] }[] = [
  { username: 'admin', role: 'admin', displayName: 'Quản trị hệ thống', communes: 'all' },
  { username: 'supervisor', role: 'supervisor', displayName: 'Trần Quốc Bảo', communes: 'all' },
  // A supervisor of one commune only, so anyone can try the scope rules.
  { username: 'supervisor2', role: 'supervisor', displayName: 'Đặng Thị Mai', communes: [LOC_AN] },
  { username: 'officer', role: 'officer', displayName: 'Lê Thị Thu Hà', communes: [PHU_BAI] },
  { username: 'payer', role: 'payer', displayName: 'Phạm Văn Đức', communes: [PHU_BAI] },
  // A second payer of the same commune: cash handed over between payers (issue 16).
  { username: 'payer2', role: 'payer', displayName: 'Ngô Thị Lan', communes: [PHU_BAI] },
  { username: 'officer2', role: 'officer', displayName: 'Nguyễn Thị Hạnh', communes: [LOC_AN] },
  // Approves the monthly lists the officers prepare (the commune chairman, or whom the province names).
  { username: 'approver', role: 'approver', displayName: 'Hoàng Văn Minh', communes: [PHU_BAI, LOC_AN] },
  // Province staff who follow the pilot: reports only, every demo commune.
  { username: 'monitor', role: 'monitoring', displayName: 'Võ Thị Ngọc Lan', communes: 'all' },
];

async function createDemoUsers(
  db: Kysely<Database>,
  allCodes: string[],
  options: SeedOptions,
  now: number,
): Promise<User[]> {
  const users: User[] = [];
  for (const u of demoUsers) {
    const created = await createUser(
      db,
      {
        id: `user-${u.username}`,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        communes: u.communes === 'all' ? allCodes : u.communes,
        password: options.password,
      },
      { now, hashOptions: options.hashOptions },
    );
    if (!created.ok) throw new Error(`demo user ${u.username} already exists`);
    users.push(created.value);
  }
  return users;
}
