/**
 * Reports at a province's scale (issue 14, docs/reports.md): `--report-people` people (150,000;
 * `--quick` 20,000) over the pilot's communes with 12 months of payment lines each, written into a
 * fresh SQLite file and a throw-away PostgreSQL database through `putEntities` (so the report
 * tables are kept as in production). Each report of the province scope (an admin's) is timed,
 * median of 3 after one warm-up, beside the same `methods` figures computed by a query over the
 * entities' JSON. Reported, never asserted.
 */
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { addMonths } from '../../../src/domain/calendar';
import { pilotCommunes } from '../../../src/domain/admin-units';
import { openDatabase, type AppDatabase, type DatabaseConfig } from '../../../src/server/db/database';
import { isPostgres } from '../../../src/server/db/dialect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import type { Database } from '../../../src/server/db/schema';
import {
  funnelReport,
  methodsReport,
  progressReport,
  qualityReport,
  type ReportScope,
} from '../../../src/server/reports/report-queries';
import { putEntities, type EntityChange } from '../../../src/server/services/entity-store';
import { createRng } from '../../../src/protocol/sample/prng';
import { beneficiaryData, paymentLineData } from '../../builders/beneficiary';
import { createTempDatabase } from '../lib/postgres';
import { median, round } from '../lib/stats';

const PERIOD = '2026-11';
const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths(PERIOD, i - 11) ?? PERIOD);
const ALL: ReportScope = { kind: 'all' };
const METHODS = ['cash-point', 'cash-point', 'home-delivery', 'home-delivery', 'bank', 'mobile-money'] as const;

export type ReportTimes = Record<'methods' | 'funnel' | 'progress' | 'quality' | 'methodsOverJson', number>;
export type ReportsFigures = {
  people: number;
  lines: number;
  sqlite: { seedSeconds: number; ms: ReportTimes } | null;
  postgres: { seedSeconds: number; ms: ReportTimes } | { unavailable: string };
};

/** One person and their 12 lines; who moved from cash to an account did so in the fourth month. */
function personChanges(i: number, rng: () => number): EntityChange[] {
  const commune = pilotCommunes[i % pilotCommunes.length]?.code ?? '19960';
  const method = METHODS[Math.floor(rng() * METHODS.length)] ?? 'cash-point';
  const nonCash = method === 'bank' || method === 'mobile-money';
  const id = `p${String(i)}`;
  const changes: EntityChange[] = [
    {
      entity: 'beneficiary',
      id,
      communeCode: commune,
      data: beneficiaryData({
        communeCode: commune,
        village: `Thôn ${String(1 + (i % 12))}`,
        paymentMethod: method,
        accountStatus: nonCash ? 'card-handed-over' : rng() < 0.3 ? 'dossier-ready' : 'none',
      }),
    },
  ];
  MONTHS.forEach((month, m) => {
    const lineMethod = nonCash && m < 3 ? 'cash-point' : method;
    const roll = rng();
    const amount = 500_000 + 100_000 * (i % 5);
    const day = `${month}-${String(5 + (i % 20)).padStart(2, '0')}`;
    const fact = { opId: `op-${id}-${month}`, actorId: 'user-payer', recordedAt: `${day}T09:00:00+07:00` };
    const outcome =
      roll < 0.9
        ? { status: 'paid', payment: { ...fact, amount, receiver: { kind: roll < 0.1 ? 'guardian' : 'self' } } }
        : roll < 0.95
          ? { status: 'unpaid', lastVisit: { ...fact, reason: 'absent', note: null } }
          : { status: 'due' };
    changes.push({
      entity: 'payment-line',
      id: `${month}:${id}`,
      communeCode: commune,
      data: {
        ...paymentLineData({ beneficiaryId: id, communeCode: commune, periodId: month, amount, method: lineMethod }),
        ...outcome,
      },
    });
  });
  return changes;
}

async function seed(db: AppDatabase, people: number, log: (s: string) => void): Promise<number> {
  const t0 = performance.now();
  const rng = createRng(14);
  const perTransaction = 2_000;
  for (let start = 0; start < people; start += perTransaction) {
    const changes: EntityChange[] = [];
    for (let i = start; i < Math.min(people, start + perTransaction); i++)
      changes.push(...personChanges(i, () => rng.next()));
    await db.kysely.transaction().execute((trx) => putEntities(trx, changes, { now: Date.UTC(2026, 10, 30) }));
    if ((start / perTransaction) % 10 === 0) log(`    seeded ${String(start + perTransaction)} people…`);
  }
  if (isPostgres(db.kysely)) await sql`analyze`.execute(db.kysely);
  return round((performance.now() - t0) / 1000, 1);
}

/** The `methods` figures from the entities' JSON, as reports would without their tables. */
function methodsOverJson(db: Kysely<Database>) {
  // Literals, not parameters: PostgreSQL matches a GROUP BY expression to the select list's by text.
  const field = (name: string) =>
    isPostgres(db)
      ? sql<string>`(data::jsonb ->> ${sql.lit(name)})`
      : sql<string>`json_extract(data, ${sql.lit(`$.${name}`)})`;
  const number = (name: string) =>
    isPostgres(db)
      ? sql<number>`((data::jsonb ->> ${sql.lit(name)})::bigint)`
      : sql<number>`json_extract(data, ${sql.lit(`$.${name}`)})`;
  const paidAmount = isPostgres(db)
    ? sql<number>`((data::jsonb -> 'payment' ->> 'amount')::bigint)`
    : sql<number>`json_extract(data, '$.payment.amount')`;
  return db
    .selectFrom('entities')
    .select((eb) => [
      field('periodId').as('period'),
      'commune_code',
      field('method').as('method'),
      eb.fn.countAll().as('lines'),
      eb.fn.sum(number('amount')).as('amount'),
      eb.fn.sum(eb.case().when(field('status'), '=', 'paid').then(1).else(0).end()).as('paid_lines'),
      eb.fn.sum(paidAmount).as('paid_amount'),
    ])
    .where('entity', '=', 'payment-line')
    .where('deleted', '=', 0)
    .where(field('periodId'), '>=', MONTHS[0] ?? PERIOD)
    .where(field('periodId'), '<=', PERIOD)
    .groupBy([field('periodId'), 'commune_code', field('method')])
    .execute();
}

async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return round(median(samples), 1);
}

async function measure(config: DatabaseConfig, people: number, log: (s: string) => void) {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const seedSeconds = await seed(db, people, log);
    const k = db.kysely;
    const ms: ReportTimes = {
      methods: await time(() => methodsReport(k, ALL, PERIOD)),
      funnel: await time(() => funnelReport(k, ALL, PERIOD)),
      progress: await time(() => progressReport(k, ALL, PERIOD)),
      quality: await time(() => qualityReport(k, ALL, PERIOD)),
      methodsOverJson: await time(() => methodsOverJson(k)),
    };
    return { seedSeconds, ms };
  } finally {
    await db.close();
  }
}

export async function reportsGroup(
  flag: (name: string) => string | undefined,
  quick: boolean,
  ctx: { work: string; log: (s: string) => void },
): Promise<ReportsFigures> {
  const people = Number(flag('report-people') ?? (quick ? 20_000 : 150_000));
  ctx.log(`\nReports: ${String(people)} people × 12 months on SQLite`);
  const sqlite = await measure({ kind: 'sqlite', file: join(ctx.work, 'reports.sqlite') }, people, ctx.log);
  ctx.log(`  SQLite: ${JSON.stringify(sqlite)}`);
  const temp = await createTempDatabase();
  let postgres: ReportsFigures['postgres'];
  if ('unavailable' in temp) postgres = { unavailable: temp.unavailable };
  else {
    ctx.log('  … and on PostgreSQL');
    try {
      postgres = await measure({ kind: 'postgres', url: temp.url }, people, ctx.log);
    } finally {
      await temp.drop();
    }
    ctx.log(`  PostgreSQL: ${JSON.stringify(postgres)}`);
  }
  return { people, lines: people * 12, sqlite, postgres };
}
