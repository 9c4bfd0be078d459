/**
 * `npm run bench [-- --quick] [-- --runs=N] [-- --only=sync,device,push,profile,bundle,lists,batches,reports]`
 * `[-- --peers=ours,floor,pouchdb]` (initial sync: which contenders run; default all; the JSON keys
 * stay, a contender left out is reported as not measured)
 * `[-- --list-rows=150000] [-- --list-groups=k5b,by-age] [-- --list-zip=zlib] [-- --list-stack-kb=N]`
 * `[-- --list-heap-mb=N]`
 * (lists: a monthly list .xlsx imported through the HTTP API, time and server RSS, about a minute;
 * `--quick` makes 20,000 rows; groups: `k5b` on every row, or `by-age` the group that fits the
 * age; zip: `zlib` as Excel saves, `sheetjs` the library's own, about 3× larger; a stack size in
 * KB and an old-generation cap in MB for that server are diagnostics).
 * `[-- --batch-lines=50000] [-- --batch-profile[=sqlite,postgres]]`
 * (batches: a provider batch of that many bank lines prepared, exported, its result file shown and
 * applied through the HTTP API, on SQLite and PostgreSQL, times and server RSS; `--quick` makes
 * 10,000 lines; `--batch-profile` adds a run under V8's profiler on those databases (bare: SQLite),
 * its time split by step).
 * `[-- --report-people=150000]` (reports: a province of that many people with 12 months of lines,
 * each report timed on SQLite and PostgreSQL beside a query over the entities' JSON; `--quick`
 * makes 20,000).
 * `--only=lists`, `--only=batches`, `--only=reports` or any of them together skip building the PWA.
 *
 * Measures issue 6's figures side by side with the peers, in one run, on this machine: real
 * Chromium (playwright-core, /usr/bin/chromium, a new on-disk profile per run), the real server
 * (a child process on a fresh SQLite file, or PostgreSQL), the PouchDB peer (express-pouchdb in
 * its own process) and the raw IndexedDB floor. Prints a table and writes bench-results.json.
 * The bench never fails on a target: it measures and reports.
 */
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, buildBenchPages, REPO_ROOT } from './lib/build';
import { CHROMIUM_PATH } from './lib/chromium';
import { selfTimes, selfTimesByArea, type CpuProfile } from './lib/cpu-profile';
import { floorRows, login, pouchDocs, pullEverything, writeJson } from './lib/data';
import { createTempDatabase } from './lib/postgres';
import { startNode, type Running } from './lib/processes';
import { percentile, round, summarize, type Summary } from './lib/stats';
import { bundleFigures, loadedJsFigures } from './measure/bundle';
import { measureDevice } from './measure/device';
import { batchesGroup } from './measure/batches';
import { reportsGroup } from './measure/reports';
import { listImportGroup } from './measure/list-import';
import { linkGroup } from './measure/link';
import { runFloor, runOurs, runPouch, type SyncRun } from './measure/initial-sync';
import { measureProfile } from './measure/profile';
import { fsyncCost, measurePush, pushAvailable, sqliteCommitCost } from './measure/push';
import { printTable } from './report';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = new Set((flag('only') ?? 'bundle,sync,profile,device,push,lists,batches,reports,link').split(','));
const runs = Number(flag('runs') ?? (quick ? 2 : 3));
const sizes = (flag('sizes') ?? (quick ? '10000' : '10000,50000')).split(',').map(Number);
const deviceSize = Number(flag('device-size') ?? (quick ? 10_000 : 100_000));
const profileSize = Number(flag('profile-size') ?? sizes[sizes.length - 1]);
const pushSeed = 12_000;
/** PouchDB at 50,000 takes minutes per run: fewer runs of it in the full mode (median of what ran). */
const peerRunsLarge = Number(flag('peer-runs') ?? Math.min(runs, 2));
/** Initial-sync contender groups to run: `ours`, `floor` (the three raw IndexedDB runs), `pouchdb`. */
const peers = new Set((flag('peers') ?? 'ours,floor,pouchdb').split(','));
const peerGroup = (name: string) => (name === 'ours' ? 'ours' : name.startsWith('pouchdb') ? 'pouchdb' : 'floor');

const startedAt = new Date();
const log = (s: string) => console.log(s);
const work = mkdtempSync(join(tmpdir(), 'chitra-bench-'));
const staticDir = join(work, 'client');
const running: Running[] = [];

type Results = Record<string, unknown> & { notMeasured: string[] };
const results: Results = { notMeasured: [] };

async function startServer(
  beneficiaries: number,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Running> {
  const t0 = performance.now();
  const server = await startNode(
    join(REPO_ROOT, 'src', 'server', 'main.ts'),
    {
      PORT: '0',
      NODE_ENV: 'bench',
      SQLITE_FILE: join(work, `server-${String(beneficiaries)}-${String(Date.now())}.sqlite`),
      DEMO_BENEFICIARIES: String(beneficiaries),
      STATIC_DIR: staticDir,
      DATABASE_URL: '',
      ...env,
    },
    /đang chạy tại (http:\/\/\S+)/,
    600_000,
    // The flags production runs with, then the bench's own diagnostics.
    [...SERVER_NODE_FLAGS, ...nodeArgs],
  );
  running.push(server);
  log(
    `  server with ${String(beneficiaries)} people at ${server.url} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return server;
}

async function stop(server: Running): Promise<void> {
  await server.stop();
  running.splice(running.indexOf(server), 1);
}

function seconds(
  runs: (SyncRun & { load?: number })[],
): Summary & { cpuSeconds: Record<string, number>; loadAverage1m: number[] } {
  const s = summarize(runs.map((r) => round(r.ms / 1000, 2)));
  // CPU per process kind, median over runs, to see who worked while the clock ran.
  const kinds = new Set(runs.flatMap((r) => Object.keys(r.cpu)));
  const cpu: Record<string, number> = {};
  for (const k of kinds) cpu[k] = round(summarize(runs.map((r) => r.cpu[k] ?? 0)).median, 2);
  return { ...s, cpuSeconds: cpu, loadAverage1m: runs.map((r) => round(r.load ?? 0, 1)) };
}

function ratio(a: number[], b: number[]): Summary {
  return summarize(a.map((x, i) => round(x / (b[i] ?? Number.NaN), 2)));
}

async function initialSync(): Promise<void> {
  log('\n1. Initial sync (ours, PouchDB peer, raw IndexedDB floor)');
  const servers = new Map<number, Running>();
  const docs: string[] = [];
  mkdirSync(join(staticDir, 'bench', 'data'), { recursive: true });
  for (const n of sizes) {
    const server = await startServer(n);
    servers.set(n, server);
    const who = await login(server.url);
    const changes = await pullEverything(server.url, who.token);
    const floorBytes = writeJson(join(staticDir, 'bench', 'data', `floor-${String(n)}.json`), floorRows(changes));
    const pouchFile = join(work, `pouch-${String(n)}.json`);
    writeJson(pouchFile, pouchDocs(changes));
    docs.push(`${pouchFile}=bench-${String(n)}`);
    log(
      `  ${String(changes.length)} records for ${String(n)} people (${(floorBytes / 1e6).toFixed(1)} MB as stored rows)`,
    );
  }
  // The PouchDB server also serves the floors' rows: only ours needs neither.
  const pouch =
    peers.has('floor') || peers.has('pouchdb')
      ? await startNode(
          join(import.meta.dirname, 'pouch-server.ts'),
          { PORT: '0', STATIC_DIR: staticDir, DOCS: docs.join(',') },
          /pouch server at (http:\/\/\S+)/,
        )
      : null;
  if (pouch) {
    running.push(pouch);
    log(`  PouchDB server (express-pouchdb, memory adapter) at ${pouch.url}`);
  }
  const pouchUrl = pouch?.url ?? '';
  const pouchPid = pouch?.pid ?? 0;

  const out: Record<string, Record<string, unknown>> = {
    ours: {},
    pouchdb: {},
    indexeddbFloor: {},
    indexeddbNoIndexFloor: {},
    indexeddbPacked: {},
    ratios: {},
  };
  if (!quick) out['pouchdbBatch500'] = {};
  for (const n of sizes) {
    const server = servers.get(n);
    if (!server) continue;
    const per: Record<string, SyncRun[]> = {
      ours: [],
      pouchdb: [],
      indexeddbFloor: [],
      indexeddbNoIndexFloor: [],
      indexeddbPacked: [],
    };
    const withBatch500 = !quick && n >= 50_000;
    if (withBatch500) per['pouchdbBatch500'] = [];
    const contenders = (
      [
        ['ours', () => runOurs(server.url, server.pid, n)],
        ['indexeddbFloor', () => runFloor(pouchUrl, n, 'indexes')],
        ['indexeddbNoIndexFloor', () => runFloor(pouchUrl, n, 'no-index')],
        ['indexeddbPacked', () => runFloor(pouchUrl, n, 'packed')],
        ['pouchdb', () => runPouch(pouchUrl, pouchPid, n)],
        ...(withBatch500
          ? [['pouchdbBatch500', () => runPouch(pouchUrl, pouchPid, n, 500)] as [string, () => Promise<SyncRun>]]
          : []),
      ] as [string, () => Promise<SyncRun>][]
    ).filter(([name]) => peers.has(peerGroup(name)));
    const isPeer = (name: string) => name.startsWith('pouchdb');
    for (let r = 0; r < runs; r++) {
      // Rotate the order each run, so no contender always goes first (or after the slowest).
      for (let k = 0; k < contenders.length; k++) {
        const entry = contenders[(k + r) % contenders.length];
        if (!entry) continue;
        const [name, fn] = entry;
        if (isPeer(name) && n >= 50_000 && r >= peerRunsLarge) continue;
        const load = loadavg()[0] ?? 0;
        const result = { ...(await fn()), load };
        per[name]?.push(result);
        log(`  N=${String(n)} run ${String(r + 1)}/${String(runs)} ${name}: ${(result.ms / 1000).toFixed(2)} s`);
      }
    }
    for (const [name, list] of Object.entries(per)) {
      if (list.length) (out[name] as Record<string, unknown>)[String(n)] = seconds(list);
    }
    const ms = (name: string) => (per[name] ?? []).map((x) => x.ms);
    (out['ratios'] as Record<string, unknown>)[String(n)] = {
      oursOverFloor: ratio(ms('ours'), ms('indexeddbFloor')),
      oursOverNoIndexFloor: ratio(ms('ours'), ms('indexeddbNoIndexFloor')),
      pouchdbOverOurs: ratio(ms('pouchdb'), ms('ours')),
      ...(withBatch500 ? { pouchdbBatch500OverOurs: ratio(ms('pouchdbBatch500'), ms('ours')) } : {}),
    };
    if (n !== profileSize) {
      await stop(server);
      servers.delete(n);
    }
  }
  results['initialSync'] = out;
  if (pouch) await stop(pouch);
  if (only.has('profile')) {
    const server = servers.get(profileSize) ?? (await startServer(profileSize));
    log(`\n   Profile of the bootstrap (app modules without UI), ${String(profileSize)} people`);
    const p = await measureProfile(server, profileSize);
    log(`  ${JSON.stringify(p.phases)}`);
    log(`  CPU s: ${JSON.stringify(p.cpuSeconds)} over ${p.wallSeconds.toFixed(1)} s`);
    results['profile'] = p;
    await stop(server);
  } else for (const s of servers.values()) await stop(s);
}

async function device(): Promise<void> {
  log(`\n2, 3, 5, 7. Search, payments, offline cold start, server memory (${String(deviceSize)} people)`);
  // Seeding 100,000 people grows the server's heap in its own process (about 220 MB here, before
  // any pull): the server is started again on the seeded file, as production runs, so its memory
  // is the pull's.
  const file = join(work, `device-${String(deviceSize)}-${String(Date.now())}.sqlite`);
  await stop(await startServer(deviceSize, { SQLITE_FILE: file }));
  const server = await startServer(deviceSize, { SQLITE_FILE: file });
  const before = server.memory();
  log(`  server restarted on the seeded file: RSS ${(before.rssKb / 1024).toFixed(0)} MB`);
  const d = await measureDevice({
    server,
    staticDir,
    beneficiaries: deviceSize,
    coldRuns: quick ? 3 : 5,
    payments: quick ? 200 : 1000,
    searchRounds: quick ? 1 : 2,
    log,
  });
  await stop(server);
  const byQuery: Record<string, unknown> = {};
  for (const [kind, q] of Object.entries(d.search.byQuery)) {
    byQuery[kind] = {
      query: q.query,
      keystrokes: q.domMs.length,
      p50Ms: round(percentile(q.domMs, 50)),
      p95Ms: round(percentile(q.domMs, 95)),
      queryP95Ms: round(percentile(d.search.queryByKind[kind] ?? [], 95)),
    };
  }
  results['search'] = {
    beneficiaries: deviceSize,
    p50Ms: round(percentile(d.search.samples, 50)),
    p95Ms: round(percentile(d.search.samples, 95)),
    maxMs: round(Math.max(...d.search.samples)),
    paintP50Ms: round(percentile(d.search.paintSamples, 50)),
    paintP95Ms: round(percentile(d.search.paintSamples, 95)),
    queryP50Ms: round(percentile(d.search.querySamples, 50)),
    queryP95Ms: round(percentile(d.search.querySamples, 95)),
    indexBuildMs: round(d.search.indexBuildMs),
    indexBytesPerPerson: round(d.search.indexBytesPerPerson),
    filterMs: d.search.filterMs,
    keystrokes: d.search.samples.length,
    diagnostics: d.search.diagnostics.map((x) => ({
      ...x,
      ms: round(x.ms),
    })),
    keystrokesWithoutVisibleChange: d.search.skipped,
    mainThreadMsPerKeystroke: Object.fromEntries(
      Object.entries(d.search.mainThreadSeconds).map(([k, v]) => [
        k,
        round((v * 1000) / Math.max(1, d.search.samples.length + d.search.skipped), 1),
      ]),
    ),
    timeouts: d.search.timeouts,
    byQuery,
  };
  results['payment'] = {
    count: d.payment.samples.length,
    p50Ms: round(percentile(d.payment.samples, 50)),
    p95Ms: round(percentile(d.payment.samples, 95)),
    maxMs: round(Math.max(...d.payment.samples)),
    failed: d.payment.failed,
    signaturePngBytes: Math.round(d.payment.signatureBytes),
    indexedDbCallsOfOnePayment: d.payment.firstPayment,
    rawCommitStrictP50Ms: round(percentile(d.payment.commit.strict, 50)),
    rawCommitStrictP95Ms: round(percentile(d.payment.commit.strict, 95)),
    rawCommitRelaxedP50Ms: round(percentile(d.payment.commit.relaxed, 50)),
    rawCommitRelaxedP95Ms: round(percentile(d.payment.commit.relaxed, 95)),
    beneficiaries: deviceSize,
  };
  const cold = summarize(d.coldStart.runs.map((x) => round(x, 0)));
  results['coldStart'] = {
    beneficiaries: deviceSize,
    medianMs: cold.median,
    minMs: cold.min,
    maxMs: cold.max,
    runsMs: cold.runs,
    firstRowMedianMs: round(summarize(d.coldStart.firstRowRuns).median, 0),
    // Without the person's typing: to the lock screen, then from the PIN to a usable roster.
    appOwnMedianMs: round(summarize(d.coldStart.marks.map((m) => m['appOwn'] ?? NaN)).median, 0),
    unlockToUsableMedianMs: round(
      summarize(d.coldStart.marks.map((m) => (m['usable'] ?? NaN) - (m['pinSent'] ?? NaN))).median,
      0,
    ),
    marksMs: d.coldStart.marks.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v, 0)]))),
  };
  // The real initial JS: what the page had loaded when the roster was usable (lazy routes included).
  const loaded = loadedJsFigures(staticDir, d.coldStart.scripts);
  if (loaded.files.length > 0 && results['bundle']) {
    Object.assign(results['bundle'], {
      initialJsGzipKb: loaded.gzipKb,
      initialJsKb: loaded.kb,
      initialJsFiles: loaded.files,
      initialJsMeasuredAs: 'scripts loaded by the roster screen (offline cold start)',
    });
  }
  results['serverMemory'] = {
    rssBeforePullMb: round(before.rssKb / 1024, 1),
    beneficiaries: deviceSize,
    rssMb: round(d.server.rssMb, 1),
    peakRssMb: round(d.server.peakRssMb, 1),
  };
  results['deviceBootstrap'] = { beneficiaries: deviceSize, seconds: round(d.bootstrapMs / 1000, 2) };
}

async function push(): Promise<void> {
  log('\n4. Push throughput (10,000 payment ops in batches of 500, then replayed)');
  const out: Record<string, unknown> = {};
  const sqlite = await startServer(pushSeed);
  if (!(await pushAvailable(sqlite.url))) {
    results.notMeasured.push('push: POST /api/sync/push is not on the server yet');
    await stop(sqlite);
    return;
  }
  const s = await measurePush(sqlite.url, sqlite.pid);
  await stop(sqlite);
  log(
    `  SQLite: ${s.opsPerSec.toFixed(0)} ops/s, replay ${s.replayOpsPerSec.toFixed(0)} ops/s ${JSON.stringify(s.statuses)}`,
  );
  Object.assign(out, {
    sqliteOpsPerSec: Math.round(s.opsPerSec),
    sqliteReplayOpsPerSec: Math.round(s.replayOpsPerSec),
    sqliteStatuses: s.statuses,
    sqliteReplayStatuses: s.replayStatuses,
    sqliteBatchMsMedian: round(summarize(s.batchMs).median, 0),
    sqliteServerCpuSeconds: round(s.serverCpuSeconds, 2),
    sqliteWallSeconds: round(s.wallSeconds, 2),
    sqliteCommitOfThisDisk: sqliteCommitCost(work),
    fsyncOfThisDisk: (() => {
      const f = fsyncCost(work);
      return { p50Ms: round(f.p50Ms), p95Ms: round(f.p95Ms) };
    })(),
  });
  // Where the server's time goes: the same push again on a fresh server under V8's profiler.
  // Seeded first without the profiler, so the profile holds the push (and its replay), not the seed.
  const profileDir = join(work, 'push-profile');
  const seededFile = join(work, 'push-profiled.sqlite');
  await stop(await startServer(pushSeed, { SQLITE_FILE: seededFile }));
  const profiled = await startServer(pushSeed, { SQLITE_FILE: seededFile }, [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
  ]);
  const sp = await measurePush(profiled.url, profiled.pid);
  await stop(profiled);
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    out['sqliteProfile'] = {
      opsPerSecUnderProfiler: Math.round(sp.opsPerSec),
      note: 'self time of the server process: start, reading the line list, the push and its replay',
      byArea: selfTimesByArea(profile),
      topFunctions: selfTimes(profile, 20),
    };
  }
  const db = await createTempDatabase();
  if ('unavailable' in db) {
    results.notMeasured.push(`push on PostgreSQL: ${db.unavailable}`);
  } else {
    try {
      const server = await startServer(pushSeed, { DATABASE_URL: db.url });
      const p = await measurePush(server.url, server.pid);
      await stop(server);
      log(`  PostgreSQL: ${p.opsPerSec.toFixed(0)} ops/s, replay ${p.replayOpsPerSec.toFixed(0)} ops/s`);
      Object.assign(out, {
        postgresOpsPerSec: Math.round(p.opsPerSec),
        postgresReplayOpsPerSec: Math.round(p.replayOpsPerSec),
        postgresStatuses: p.statuses,
        postgresReplayStatuses: p.replayStatuses,
        postgresBatchMsMedian: round(summarize(p.batchMs).median, 0),
        postgresServerCpuSeconds: round(p.serverCpuSeconds, 2),
        postgresWallSeconds: round(p.wallSeconds, 2),
      });
    } finally {
      await db.drop();
    }
  }
  results['push'] = { ops: 10_000, batch: 500, seededBeneficiaries: pushSeed, ...out };
}

function machine(): Record<string, unknown> {
  const chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    chromium,
    node: process.version,
  };
}

async function main(): Promise<void> {
  results['meta'] = {
    date: startedAt.toISOString(),
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    mode: quick ? 'quick' : 'full',
    runs,
    sizes,
    machine: machine(),
  };
  // Only the browser groups need the built app and the bench pages.
  if ([...only].some((g) => g !== 'lists' && g !== 'batches' && g !== 'reports')) {
    log(`Building the PWA and the bench pages into ${staticDir}`);
    buildApp(staticDir);
    await buildBenchPages(staticDir);
  }
  if (only.has('bundle')) {
    results['bundle'] = bundleFigures(staticDir);
    log(`\n6. Bundle: ${JSON.stringify(results['bundle'])}`);
  }
  if (only.has('sync')) await initialSync();
  if (only.has('device')) await device();
  if (only.has('push')) await push();
  if (only.has('lists')) results['listImport'] = await listImportGroup(flag, quick, { work, startServer, stop, log });
  if (only.has('batches')) {
    const profile = args.includes('--batch-profile') ? 'sqlite' : (flag('batch-profile') ?? '');
    results['batches'] = await batchesGroup(flag, quick, profile.split(',').filter(Boolean), {
      work,
      startServer,
      stop,
      log,
      notMeasured: (why) => results.notMeasured.push(why),
    });
  }
  if (only.has('reports')) results['reports'] = await reportsGroup(flag, quick, { work, log });
  if (only.has('link')) results['link'] = await linkGroup(flag, runs, { startServer, stop, log });
  results['meta'] = { ...(results['meta'] as object), minutes: round((Date.now() - startedAt.getTime()) / 60_000, 1) };
  writeFileSync(join(REPO_ROOT, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
  printTable(results);
  log(`\nbench-results.json written (${String((results['meta'] as { minutes: number }).minutes)} min).`);
}

// Ctrl-C or a kill: stop the servers this run started (only those), then leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(running.map((s) => s.stop())).finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

try {
  await main();
} finally {
  for (const s of [...running]) await s.stop();
  rmSync(work, { recursive: true, force: true });
}
