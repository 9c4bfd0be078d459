/**
 * A provider batch at a commune's scale through the real HTTP API (docs/protocol.md "Batches"):
 * 50,000 people of Phú Bài paid by bank at the example provider "Agribank (mẫu ví dụ)", each with
 * a valid account and a holder name that folds to theirs, and a `due` bank line of one month. The
 * bench writes them straight into a fresh database (migrated here, with a supervisor and an
 * approver made by `createUser`), then starts the server on it: the server writes the example
 * providers on start, and seeds no demo since users exist. Timed, on SQLite and on a throw-away
 * PostgreSQL database when one is reachable (as the push group): prepare (`POST /api/batches`),
 * approve, the first download (one `payment.transfer-send` op per line in one transaction, and
 * the file), the same download again (the kept bytes), the bank's result file read and shown
 * (`POST …/results`: a 50,000-row `.xlsx` in the example bank's shape, made from the downloaded
 * file, with a few failures), and applying it (one `payment.transfer-result` op per line). During
 * the export and the apply another user's read is sent too, and timed: it shows whether the
 * step's transaction holds up the rest of the server. The server's RSS is sampled every 100 ms
 * over the whole group. Reported, never asserted.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { standardLevel } from '../../../src/domain/benefits';
import { centuryGenderDigit } from '../../../src/domain/citizen-id-number';
import type { Gender } from '../../../src/domain/vocabulary';
import { foldVietnamese } from '../../../src/domain/vietnamese-text';
import { vietnamMonth } from '../../../src/lib/clock';
import type { PeriodData } from '../../../src/protocol/entities';
import { openDatabase, type DatabaseConfig } from '../../../src/server/db/database';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { ensureCommunes } from '../../../src/server/seed/communes';
import { fullName } from '../../../src/protocol/sample/names';
import { createRng } from '../../../src/protocol/sample/prng';
import { putEntities, type EntityChange } from '../../../src/server/services/entity-store';
import { defaultHashOptions } from '../../../src/server/services/passwords';
import { createUser } from '../../../src/server/services/users';
import { beneficiaryData, paymentLineData } from '../../builders/beneficiary';
import { bankResultXlsx, type ResultLine } from '../../fixtures/batch-files';
import { inclusiveTimes, profileWindow, selfTimes, selfTimesByArea, type CpuProfile } from '../lib/cpu-profile';
import { login } from '../lib/data';
import { createTempDatabase } from '../lib/postgres';
import { cpuSeconds, processMemory, type Running } from '../lib/processes';
import { round } from '../lib/stats';
import { deflateZip } from './list-import';

const PHU_BAI = '19960';
/** Thừa Thiên Huế: the province of the standard level and the first digits of its people's ID numbers. */
const HUE_PROVINCE = '46';
const HUE_ID = '046';
const PROVIDER_NAME = 'Agribank (mẫu ví dụ)';
const PASSWORD = 'bench-batches-1';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mb = (kb: number) => round(kb / 1024, 1);

export type BatchStepName = 'prepare' | 'approve' | 'export' | 'exportAgain' | 'results' | 'apply';

export type BatchStep = {
  status: number;
  /** The error code of a refused request, else null. */
  errorCode: string | null;
  /** Wall time of the request, to the answer's last byte. */
  seconds: number;
  serverCpuSeconds: number;
  rssBeforeMb: number;
  /** Highest RSS sampled every 100 ms during the request. */
  peakRssMb: number;
  rssAfterMb: number;
  answerKb: number;
  /**
   * Export and apply: another user's read (`GET /api/providers`) sent 0.5 s into the step, its
   * wall time; on SQLite the step's transaction holds the server's one connection, so it waits.
   */
  concurrentReadSeconds?: number;
};

export type BatchRun = {
  database: 'sqlite' | 'postgres';
  lines: number;
  failures: number;
  period: string;
  /** Writing the people, lines and users into the fresh database (bench process, before the server starts). */
  seedSeconds: number;
  serverNodeArgs: string[];
  steps: Partial<Record<BatchStepName, BatchStep>>;
  /** Steps that did not run: one before them was refused. */
  skipped: BatchStepName[];
  batch: { reference: string; lineCount: number; total: number; heldBack: number } | null;
  exportFile: { bytes: number; mb: number } | null;
  resultFile: { rows: number; bytes: number; mb: number; buildSeconds: number } | null;
  /** What the preview and the apply answered. */
  preview: { rows: number; paid: number; failed: number; findings: number; balance: unknown } | null;
  applied: { paid: number; failed: number; findings: number; balance: unknown } | null;
  /** Server RSS over the whole group, from sign-in to the apply's answer. */
  rssStartMb: number;
  peakRssMb: number;
  /** VmHWM at the end: the process's peak since it started (the start included). */
  hwmMb: number;
  rssEndMb: number;
  serverCpuSeconds: number;
  /** Under `--batch-profile`: where the server's time went in each step. */
  profile?: Partial<Record<BatchStepName, unknown>>;
};

export type BatchesDeps = {
  work: string;
  startServer: (beneficiaries: number, env?: Record<string, string>, nodeArgs?: string[]) => Promise<Running>;
  stop: (server: Running) => Promise<void>;
  log: (s: string) => void;
  notMeasured: (why: string) => void;
};

/**
 * The bench's `batches` group: `--batch-lines=N` (default 50,000; `--quick` 10,000); `profile`
 * names the databases (`sqlite`, `postgres`) to run the measurement on once more under V8's
 * profiler, to see where the server's time goes in each step.
 */
export async function batchesGroup(
  flag: (name: string) => string | undefined,
  quick: boolean,
  profile: readonly string[],
  deps: BatchesDeps,
): Promise<Record<string, unknown>> {
  const lines = Number(flag('batch-lines') ?? (quick ? 10_000 : 50_000));
  const failures = 2;
  deps.log(
    `\n9. Provider batch: ${lines.toLocaleString('en-US')} bank lines at "${PROVIDER_NAME}": prepare, export, results, apply`,
  );
  const out: Record<string, unknown> = { lines, failures, commune: PHU_BAI, provider: PROVIDER_NAME };
  const profiles: Record<string, unknown> = {};
  const keepProfile = (run: BatchRun) => {
    profiles[run.database] = {
      note: 'a second run under --cpu-prof: self time by area and by function, total time by server function',
      stepSeconds: Object.fromEntries(Object.entries(run.steps).map(([k, s]) => [k, s.seconds])),
      ...run.profile,
    };
  };
  out['sqlite'] = await measureOn(deps, lines, failures, 'sqlite', false);
  if (profile.includes('sqlite')) keepProfile(await measureOn(deps, lines, failures, 'sqlite', true));
  const db = await createTempDatabase();
  if ('unavailable' in db) {
    deps.notMeasured(`batches on PostgreSQL: ${db.unavailable}`);
  } else {
    try {
      out['postgres'] = await measureOn(deps, lines, failures, { url: db.url }, false);
    } finally {
      await db.drop();
    }
    if (profile.includes('postgres')) {
      const again = await createTempDatabase();
      if (!('unavailable' in again)) {
        try {
          keepProfile(await measureOn(deps, lines, failures, { url: again.url }, true));
        } finally {
          await again.drop();
        }
      }
    }
  }
  if (Object.keys(profiles).length > 0) out['profiles'] = profiles;
  return out;
}

async function measureOn(
  deps: BatchesDeps,
  lines: number,
  failures: number,
  target: 'sqlite' | { url: string },
  profiled: boolean,
): Promise<BatchRun> {
  const database = target === 'sqlite' ? 'sqlite' : 'postgres';
  const period = vietnamMonth(Date.now());
  const file = join(deps.work, `batches-${String(lines)}-${String(Date.now())}.sqlite`);
  const config: DatabaseConfig = target === 'sqlite' ? { kind: 'sqlite', file } : { kind: 'postgres', url: target.url };
  const t0 = performance.now();
  await seedBatchMonth(config, lines, period);
  const seedSeconds = round((performance.now() - t0) / 1000, 1);
  deps.log(`  ${database}: ${String(lines)} people and bank lines of ${period} written in ${seedSeconds.toFixed(1)} s`);
  const profileDir = join(deps.work, `batches-profile-${String(Date.now())}`);
  const nodeArgs = profiled ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  if (profiled) mkdirSync(profileDir, { recursive: true });
  const env = target === 'sqlite' ? { SQLITE_FILE: file } : { DATABASE_URL: target.url };
  const server = await deps.startServer(lines, env, nodeArgs);
  const run: BatchRun = {
    database,
    lines,
    failures,
    period,
    seedSeconds,
    serverNodeArgs: nodeArgs,
    steps: {},
    skipped: [],
    batch: null,
    exportFile: null,
    resultFile: null,
    preview: null,
    applied: null,
    rssStartMb: 0,
    peakRssMb: 0,
    hwmMb: 0,
    rssEndMb: 0,
    serverCpuSeconds: 0,
  };
  const windows: Partial<Record<BatchStepName, [number, number]>> = {};
  try {
    await runSteps(deps, server, run, windows);
  } finally {
    await deps.stop(server);
  }
  if (profiled) run.profile = stepProfiles(profileDir, windows);
  return run;
}

/** The people, their lines, the month and the two users, in a fresh database. */
async function seedBatchMonth(config: DatabaseConfig, count: number, period: string): Promise<void> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const now = Date.now();
    await ensureCommunes(db.kysely, now);
    const users = [
      { id: 'bench-supervisor', username: 'supervisor', role: 'supervisor', displayName: 'Giám sát (bench)' },
      { id: 'bench-approver', username: 'approver', role: 'approver', displayName: 'Phê duyệt (bench)' },
    ] as const;
    for (const u of users) {
      const made = await createUser(
        db.kysely,
        { ...u, communes: [PHU_BAI], password: PASSWORD },
        { now, hashOptions: defaultHashOptions },
      );
      if (!made.ok) throw new Error(`bench user ${u.username}: ${made.error}`);
    }
    const standard = standardLevel(HUE_PROVINCE, period);
    if (!standard.ok) throw new Error(`no standard level for ${period}: ${standard.error.code}`);
    const month: PeriodData = { month: period, status: 'open', standardAmount: standard.value.amount };
    await db.kysely
      .transaction()
      .execute((trx) => putEntities(trx, [{ entity: 'period', id: period, communeCode: null, data: month }], { now }));
    const rng = createRng(12);
    const perTransaction = 2500;
    for (let start = 1; start <= count; start += perTransaction) {
      const changes: EntityChange[] = [];
      for (let i = start; i < Math.min(start + perTransaction, count + 1); i++) {
        changes.push(...personAndLine(rng, i, period));
      }
      await db.kysely.transaction().execute((trx) => putEntities(trx, changes, { now }));
    }
    // As the demo seed: fresh planner statistics before the first request.
    await sql`analyze entities`.execute(db.kysely);
  } finally {
    await db.close();
  }
}

/** Person `i`: paid by bank at Agribank, a 13-digit account, the holder their name as banks print it. */
function personAndLine(rng: ReturnType<typeof createRng>, i: number, period: string): EntityChange[] {
  const gender: Gender = rng.chance(0.6) ? 'female' : 'male';
  const birthYear = rng.int(1930, 1960);
  const name = fullName(rng, gender, birthYear);
  const serial = String(i).padStart(6, '0');
  const id = `bb-${serial}`;
  const monthly = rng.chance(0.5) ? 750_000 : 1_000_000;
  // About one in 30 also collects last month's amount (truy lĩnh).
  const arrearsMonths = rng.chance(1 / 30) ? 1 : 0;
  return [
    {
      entity: 'beneficiary',
      id,
      communeCode: PHU_BAI,
      data: beneficiaryData({
        fullName: name,
        gender,
        birthDate: `${String(birthYear)}-0${String(1 + (i % 9))}-1${String(i % 10)}`,
        idNumber: `${HUE_ID}${String(centuryGenderDigit(birthYear, gender))}${String(birthYear).slice(2)}${serial}`,
        oldIdNumber: null,
        code: `BT-${serial}`,
        phone: null,
        monthlyAmount: monthly,
        paymentMethod: 'bank',
        accountStatus: 'card-handed-over',
        paymentDetails: {
          bankName: 'Agribank',
          accountNumber: `4000${String(i).padStart(9, '0')}`,
          accountHolder: foldVietnamese(name).toUpperCase(),
        },
      }),
    },
    {
      entity: 'payment-line',
      id: `${period}:${id}`,
      communeCode: PHU_BAI,
      data: paymentLineData({
        beneficiaryId: id,
        periodId: period,
        amount: monthly * (1 + arrearsMonths),
        method: 'bank',
        status: 'due',
        monthlyAmount: monthly,
        arrearsAmount: monthly * arrearsMonths,
        arrearsMonths,
      }),
    },
  ];
}

type Answer = { status: number; bytes: Buffer; seconds: number };

/** A request without client timeouts (fetch gives up on headers after 300 s; a step may take longer). */
function call(
  url: string,
  options: { method: string; token: string; body?: Uint8Array | string; headers?: Record<string, string> },
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method, headers: { authorization: `Bearer ${options.token}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            bytes: Buffer.concat(chunks),
            seconds: (performance.now() - t0) / 1000,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

function parse<T>(bytes: Buffer): Partial<T> & { error?: { code?: string } } {
  try {
    return JSON.parse(bytes.toString('utf8')) as Partial<T> & { error?: { code?: string } };
  } catch {
    return {};
  }
}

type Detail = {
  batch: { id: string; reference: string; lineCount: number; total: number; heldBack: unknown[] };
};
type Preview = {
  importId: string | null;
  rows: number;
  paid: number;
  failed: number;
  findings: unknown[];
  balance: unknown;
  headers: string[];
};

async function runSteps(
  deps: BatchesDeps,
  server: Running,
  run: BatchRun,
  windows: Partial<Record<BatchStepName, [number, number]>>,
): Promise<void> {
  const memory = () => {
    try {
      return processMemory(server.pid);
    } catch {
      return { rssKb: Number.NaN, peakKb: Number.NaN };
    }
  };
  const start = memory();
  const cpuStart = cpuSeconds(server.pid);
  let groupPeakKb = start.rssKb;
  let stepPeakKb = 0;
  const sampler = setInterval(() => {
    const now = memory().rssKb;
    if (!Number.isFinite(now)) return;
    groupPeakKb = Math.max(groupPeakKb, now);
    stepPeakKb = Math.max(stepPeakKb, now);
  }, 100);
  const order: BatchStepName[] = ['prepare', 'approve', 'export', 'exportAgain', 'results', 'apply'];
  /**
   * One timed request; undefined when it was refused (the steps after it cannot run). `other`:
   * a request of another user sent 0.5 s in, timed too.
   */
  const step = async (
    name: BatchStepName,
    send: () => Promise<Answer>,
    other?: () => Promise<Answer>,
  ): Promise<Answer | undefined> => {
    const before = memory().rssKb;
    stepPeakKb = before;
    const cpu0 = cpuSeconds(server.pid);
    const from = Number(process.hrtime.bigint() / 1000n);
    const concurrent = other
      ? new Promise<number | undefined>((resolve) => setTimeout(resolve, 500)).then(() =>
          other().then(
            (a) => (a.status === 200 ? a.seconds : undefined),
            () => undefined,
          ),
        )
      : undefined;
    let answer: Answer;
    try {
      answer = await send();
    } catch (e) {
      answer = { status: 0, bytes: Buffer.from(JSON.stringify({ error: { code: String(e) } })), seconds: 0 };
    }
    windows[name] = [from, Number(process.hrtime.bigint() / 1000n)];
    const otherSeconds = await concurrent;
    const after = memory().rssKb;
    const ok = answer.status === 200;
    run.steps[name] = {
      status: answer.status,
      errorCode: ok ? null : (parse(answer.bytes).error?.code ?? answer.bytes.toString('utf8').slice(0, 200)),
      seconds: round(answer.seconds, 2),
      serverCpuSeconds: round(cpuSeconds(server.pid) - cpu0, 1),
      rssBeforeMb: mb(before),
      peakRssMb: mb(Math.max(stepPeakKb, after)),
      rssAfterMb: mb(after),
      answerKb: round(answer.bytes.length / 1024, 1),
      ...(otherSeconds === undefined ? {} : { concurrentReadSeconds: round(otherSeconds, 2) }),
    };
    const s = run.steps[name];
    deps.log(
      `  ${run.database} ${name}: HTTP ${String(s.status)}${s.errorCode ? ` ${s.errorCode}` : ''} in ${s.seconds.toFixed(2)} s ` +
        `(server CPU ${s.serverCpuSeconds.toFixed(1)} s), RSS ${String(s.rssBeforeMb)} → peak ${String(s.peakRssMb)} MB` +
        (otherSeconds === undefined ? '' : `; a read sent meanwhile took ${otherSeconds.toFixed(2)} s`),
    );
    if (ok) return answer;
    run.skipped = order.slice(order.indexOf(name) + 1);
    deps.log(server.output().slice(-3000));
    return undefined;
  };

  try {
    const supervisor = await login(server.url, 'supervisor', PASSWORD);
    const approver = await login(server.url, 'approver', PASSWORD);
    const base = `${server.url}/api`;
    const providers = parse<{ providers: { id: string; name: string }[] }>(
      (await call(`${base}/providers`, { method: 'GET', token: supervisor.token })).bytes,
    ).providers;
    const provider = providers?.find((p) => p.name === PROVIDER_NAME);
    if (!provider) throw new Error(`no provider "${PROVIDER_NAME}" on the server`);

    const prepared = await step('prepare', () =>
      call(`${base}/batches`, {
        method: 'POST',
        token: supervisor.token,
        ...json({ providerId: provider.id, commune: PHU_BAI, period: run.period }),
      }),
    );
    if (!prepared) return;
    const detail = parse<Detail>(prepared.bytes).batch;
    if (!detail) throw new Error('the prepare answered no batch');
    run.batch = {
      reference: detail.reference,
      lineCount: detail.lineCount,
      total: detail.total,
      heldBack: detail.heldBack.length,
    };
    const batchUrl = `${base}/batches/${detail.id}`;
    if (
      !(await step('approve', () =>
        call(`${batchUrl}/approve`, { method: 'POST', token: approver.token, ...json({}) }),
      ))
    )
      return;
    const read = () => call(`${base}/providers`, { method: 'GET', token: approver.token });
    const exported = await step(
      'export',
      () => call(`${batchUrl}/file`, { method: 'GET', token: supervisor.token }),
      read,
    );
    if (!exported) return;
    run.exportFile = { bytes: exported.bytes.length, mb: round(exported.bytes.length / 2 ** 20, 2) };
    if (!(await step('exportAgain', () => call(`${batchUrl}/file`, { method: 'GET', token: approver.token })))) return;

    // The bank's answer to the file it got: every row paid but `failures` of them.
    const b0 = performance.now();
    const results = resultFile(exported.bytes, run.failures);
    const resultBytes = deflateZip(Buffer.from(bankResultXlsx(results)));
    run.resultFile = {
      rows: results.length,
      bytes: resultBytes.byteLength,
      mb: round(resultBytes.byteLength / 2 ** 20, 2),
      buildSeconds: round((performance.now() - b0) / 1000, 1),
    };
    writeFileSync(join(deps.work, `ket-qua-${run.database}.xlsx`), resultBytes);
    const shown = await step('results', () =>
      call(`${batchUrl}/results`, {
        method: 'POST',
        token: supervisor.token,
        body: resultBytes,
        headers: { 'content-type': XLSX_TYPE, 'x-filename': encodeURIComponent('Kết quả chi lương hộ.xlsx') },
      }),
    );
    if (!shown) return;
    const preview = parse<Preview>(shown.bytes);
    run.preview = {
      rows: preview.rows ?? 0,
      paid: preview.paid ?? 0,
      failed: preview.failed ?? 0,
      findings: preview.findings?.length ?? 0,
      balance: preview.balance ?? null,
    };
    if (!preview.importId) {
      run.skipped = ['apply'];
      deps.log(`  ${run.database}: the result file was not read (headers ${JSON.stringify(preview.headers)})`);
      return;
    }
    const importId = preview.importId;
    const applied = await step(
      'apply',
      () => call(`${batchUrl}/results/${importId}/apply`, { method: 'POST', token: supervisor.token, ...json({}) }),
      read,
    );
    if (!applied) return;
    const a = parse<Preview>(applied.bytes);
    run.applied = {
      paid: a.paid ?? 0,
      failed: a.failed ?? 0,
      findings: a.findings?.length ?? 0,
      balance: a.balance ?? null,
    };
  } finally {
    clearInterval(sampler);
    const end = memory();
    run.rssStartMb = mb(start.rssKb);
    run.peakRssMb = mb(Math.max(groupPeakKb, Number.isFinite(end.rssKb) ? end.rssKb : 0));
    run.hwmMb = mb(end.peakKb);
    run.rssEndMb = mb(end.rssKb);
    run.serverCpuSeconds = round(cpuSeconds(server.pid) - cpuStart, 1);
    deps.log(
      `  ${run.database}: server RSS ${String(run.rssStartMb)} → peak ${String(run.peakRssMb)} MB ` +
        `(VmHWM ${String(run.hwmMb)} MB), batch ${JSON.stringify(run.batch)}, applied ${JSON.stringify(run.applied)}`,
    );
  }
}

/** The result rows for the downloaded file: by its headers, each row paid, `failures` spread out failed. */
function resultFile(file: Buffer, failures: number): ResultLine[] {
  const book = XLSX.read(file);
  const sheet = book.Sheets[book.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('the downloaded batch file has no sheet');
  const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
  const head = (grid[0] ?? []).map(String);
  const col = (header: string) => {
    const at = head.indexOf(header);
    if (at < 0) throw new Error(`the batch file has no column "${header}" (${head.join(', ')})`);
    return at;
  };
  const [reference, account, amount] = [col('Mã tham chiếu'), col('Số tài khoản'), col('Số tiền')];
  const rows = grid.slice(1).filter((r) => typeof r[reference] === 'string' && r[reference] !== '');
  const failed = new Set(
    Array.from({ length: failures }, (_, k) => Math.floor(((k + 1) * rows.length) / (failures + 1))),
  );
  const reasons = ['Tài khoản không tồn tại', 'Tài khoản đã đóng'];
  return rows.map((r, i) => ({
    reference: String(r[reference]),
    accountNumber: String(r[account]),
    amount: Number(r[amount]),
    paid: !failed.has(i),
    ...(failed.has(i) ? { reason: reasons[i % reasons.length] ?? 'Lỗi' } : {}),
  }));
}

/** Where the server's time went in each step, from the `--cpu-prof` file it wrote on exit. */
function stepProfiles(
  dir: string,
  windows: Partial<Record<BatchStepName, [number, number]>>,
): Partial<Record<BatchStepName, unknown>> {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return {};
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const serverCode = (url: string) => url.includes('/src/server/') || url.includes('/src/domain/');
  const out: Partial<Record<BatchStepName, unknown>> = {};
  for (const [name, window] of Object.entries(windows) as [BatchStepName, [number, number]][]) {
    const part = profileWindow(profile, window[0], window[1]);
    out[name] = {
      sampledMs: Math.round(part.timeDeltas.reduce((a, b) => a + b, 0) / 1000),
      byArea: selfTimesByArea(part, 15),
      topFunctions: selfTimes(part, 20),
      serverFunctionsTotal: inclusiveTimes(part, serverCode, 25),
    };
  }
  return out;
}
