/**
 * The chaos run (issue 4, "Tests"): simulated devices — the app's real Dexie database on
 * fake-indexeddb and its real sync engine — against the real server as a child process on
 * SQLite, through a proxy that refuses connections, drops answers after the server committed,
 * doubles requests and `kill -9`s the server mid-push. Each schedule is drawn from a seeded
 * PRNG, so a seed names a schedule; the audit (audit.ts) decides whether anything was lost.
 */
import 'fake-indexeddb/auto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDb, PaymentLineRow } from '../../src/storage/app-db';
import { createAppDb } from '../../src/storage/app-db';
import { lastSeq, recordOp, type OpContext } from '../../src/storage/outbox';
import { hashEvidence } from '../../src/storage/payments';
import { createSyncEngine, type SyncEngine } from '../../src/sync/sync-engine';
import { ensureDeviceId, saveSession } from '../../src/sync/session';
import { createHttpTransport, TransportError, type Transport } from '../../src/sync/transport';
import { audit, finalStatus, serverPaidTotal, type AuditFigures, type DeviceSnapshot } from './audit';
import { createPrng, type Prng } from './prng';
import { startProxy, type ChaosProxy, type Fault } from './proxy';
import { prepareServerEntry, startServer, type ServerEntry, type ServerProcess } from './server-process';

export type ChaosOptions = {
  /** How many schedules to run. */
  schedules: number;
  /** Seed of the first schedule; schedule i uses seed + i. */
  seed: number;
  /** Random steps per schedule (before the final drain). */
  steps?: number;
  /** Demo roster size of the server (small keeps bootstraps fast). */
  beneficiaries?: number;
  /** Users signing in, one device each; the same user twice gives two devices of one person. */
  users?: readonly string[];
  server?: 'bundle' | 'tsx';
  /** Schedules run at the same time (each has its own server, proxy and devices). */
  jobs?: number;
  /**
   * Wraps each device's transport. Only for checking the audit itself: a test plants a client
   * bug here and expects the audit to catch it.
   */
  wrapTransport?: (transport: Transport) => Transport;
  /** Called after each schedule (progress). */
  onSchedule?: (report: ScheduleReport, index: number) => void;
};

export type ChaosFigures = AuditFigures & {
  payments: number;
  doublePayments: number;
  unpaidVisits: number;
  refusedOps: number;
  replays: number;
  syncs: number;
  kills: number;
  killsDuringPush: number;
  restarts: number;
  droppedResponses: number;
  duplicatedRequests: number;
  refusedConnections: number;
  offlinePeriods: number;
};

export type ScheduleReport = {
  seed: number;
  figures: ChaosFigures;
  violations: string[];
  /** What happened, step by step (printed when a schedule fails). */
  events: string[];
  ms: number;
};

export type ChaosTotals = {
  schedules: number;
  failed: number;
  figures: ChaosFigures;
  failures: { seed: number; violations: string[]; events: string[] }[];
  ms: number;
};

const DEFAULT_USERS = ['payer', 'payer', 'officer', 'officer2'] as const;
const PASSWORD = 'demo1234';
const FINAL_ROUNDS = 8;

export function emptyFigures(): ChaosFigures {
  return {
    ops: 0,
    applied: 0,
    conflicts: 0,
    rejected: 0,
    duplicateAnswers: 0,
    paidLines: 0,
    paidTotal: 0,
    losses: 0,
    payments: 0,
    doublePayments: 0,
    unpaidVisits: 0,
    refusedOps: 0,
    replays: 0,
    syncs: 0,
    kills: 0,
    killsDuringPush: 0,
    restarts: 0,
    droppedResponses: 0,
    duplicatedRequests: 0,
    refusedConnections: 0,
    offlinePeriods: 0,
  };
}

function addFigures(into: ChaosFigures, from: ChaosFigures): void {
  for (const key of Object.keys(into) as (keyof ChaosFigures)[]) into[key] += from[key];
}

type World = {
  workDir: string;
  entry: ServerEntry;
  template: string;
  staticDir: string;
  beneficiaries: number;
  baseline: { total: number; lines: number };
};

/** Runs `options.schedules` schedules, each on a fresh copy of one seeded database. */
export async function runChaos(options: ChaosOptions): Promise<ChaosTotals> {
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'chitra-chaos-'));
  const entry = await prepareServerEntry(options.server ?? 'bundle');
  try {
    const beneficiaries = options.beneficiaries ?? 300;
    // No PWA build: this run needs only the API (the server then serves the API alone).
    const staticDir = join(workDir, 'no-static');
    const template = join(workDir, 'template.sqlite');
    // Seeded once (migrations, demo roster, password hashes), then copied per schedule.
    const seeding = await startServer({ entry, sqliteFile: template, staticDir, beneficiaries });
    await seeding.stop();
    const world: World = {
      workDir,
      entry,
      template,
      staticDir,
      beneficiaries,
      baseline: serverPaidTotal(template),
    };
    const totals: ChaosTotals = { schedules: 0, failed: 0, figures: emptyFigures(), failures: [], ms: 0 };
    let next = 0;
    const worker = async () => {
      while (next < options.schedules) {
        const i = next++;
        const report = await runSchedule(world, options.seed + i, options);
        totals.schedules++;
        addFigures(totals.figures, report.figures);
        if (report.violations.length > 0) {
          totals.failed++;
          totals.failures.push({ seed: report.seed, violations: report.violations, events: report.events });
        }
        options.onSchedule?.(report, totals.schedules - 1);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
    totals.failures.sort((a, b) => a.seed - b.seed);
    totals.ms = Math.round(performance.now() - started);
    return totals;
  } finally {
    entry.cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

type SimDevice = {
  key: string;
  username: string;
  deviceId: string;
  communes: string[];
  db: AppDb;
  transport: Transport;
  engine: SyncEngine;
  ctx: OpContext;
  token: string;
  /** What the app believes (navigator.onLine): the engine does not even try when false. */
  online: boolean;
  /** Whether the proxy lets this device's connections through. */
  networkUp: boolean;
};

type Step =
  | 'pay'
  | 'double-pay'
  | 'unpaid'
  | 'refused-op'
  | 'sync'
  | 'sync-many'
  | 'toggle-online'
  | 'toggle-network'
  | 'kill'
  | 'restart'
  | 'replay';

async function runSchedule(world: World, seed: number, options: ChaosOptions): Promise<ScheduleReport> {
  const started = performance.now();
  const prng = createPrng(seed);
  const figures = emptyFigures();
  const violations: string[] = [];
  const events: string[] = [];
  const t0 = Date.now();
  const log = (line: string) => events.push(`+${String(Date.now() - t0).padStart(5)}ms ${line}`);
  const mustBeRejected = new Set<string>();

  const sqliteFile = join(world.workDir, `schedule-${seed}.sqlite`);
  copyFileSync(world.template, sqliteFile);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(world.template + suffix)) copyFileSync(world.template + suffix, sqliteFile + suffix);

  let server: ServerProcess | null = null;
  let proxy: ChaosProxy | null = null;
  const devices: SimDevice[] = [];

  const kill = async (why: string): Promise<boolean> => {
    const victim = server;
    if (!victim) return false;
    server = null;
    proxy?.setUpstream(null);
    await victim.kill9();
    figures.kills++;
    log(`kill -9 server pid ${victim.pid} (${why})`);
    return true;
  };
  const restart = async () => {
    if (server) return;
    server = await startServer({
      entry: world.entry,
      sqliteFile,
      staticDir: world.staticDir,
      beneficiaries: world.beneficiaries,
    });
    proxy?.setUpstream(server.url);
    figures.restarts++;
    log(`server (re)started, pid ${server.pid}`);
  };

  try {
    server = await startServer({
      entry: world.entry,
      sqliteFile,
      staticDir: world.staticDir,
      beneficiaries: world.beneficiaries,
    });
    proxy = await startProxy({
      onKill: async () => {
        // Two devices' pushes may both be picked for a kill; the server dies once.
        if (await kill('during a push')) figures.killsDuringPush++;
      },
    });
    proxy.setUpstream(server.url);
    const net = proxy;

    // ---- devices: sign in (one device id each) and bootstrap over the proxy ----
    const users = options.users ?? DEFAULT_USERS;
    for (const [i, username] of users.entries()) {
      const key = `d${i}`;
      const deviceId = prng.uuid();
      const ids = prng.fork();
      const jitter = prng.fork();
      const db = createAppDb(`chaos-${seed}-${key}-${deviceId}`);
      const http = createHttpTransport({ baseUrl: net.baseUrlFor(key), timeoutMs: 30_000 });
      const transport = options.wrapTransport ? options.wrapTransport(http) : http;
      const login = await transport.login({ username, password: PASSWORD, device: { id: deviceId, name: key } });
      await ensureDeviceId(db, () => deviceId);
      await saveSession(db, { token: login.token, expiresAt: login.expiresAt, user: login.user });
      // The engine asks for connectivity while it is being built: read it through a holder.
      const link = { online: true };
      const device: SimDevice = {
        key,
        username,
        deviceId,
        communes: login.user.communes,
        db,
        transport,
        token: login.token,
        get online() {
          return link.online;
        },
        set online(value: boolean) {
          link.online = value;
        },
        networkUp: true,
        ctx: {
          deviceId,
          actorId: login.user.id,
          now: () => Date.now(),
          makeId: () => ids.uuid(),
          utcOffsetMinutes: 420,
        },
        engine: createSyncEngine({
          db,
          transport,
          clock: { now: () => Date.now() },
          isOnline: () => link.online,
          random: () => jitter.next(),
          makeId: () => deviceId,
          // The schedule drives every sync itself: no timers of the engine's own.
          debounceMs: 3_600_000,
          intervalMs: 3_600_000,
          onAuthError: (code) => violations.push(`${key}: the server ended the session (${code})`),
        }),
      };
      devices.push(device);
    }

    const sync = async (device: SimDevice, faults: Fault[] = []) => {
      for (const f of faults) net.addFault(device.key, f);
      try {
        await device.engine.syncNow();
      } catch (e) {
        violations.push(`${device.key}: syncNow threw ${String(e)}`);
      } finally {
        // The engine schedules its own retry after a failure; the schedule decides instead.
        device.engine.stop();
        net.clearFaults(device.key);
      }
      figures.syncs++;
      const state = device.engine.getState();
      // Through this proxy the only honest failure is the network: anything else is a bug.
      if (state.errorCode !== null && state.errorCode !== 'network')
        violations.push(`${device.key}: sync failed with ${state.errorCode}`);
      const faultText = faults.map((f) => `${f.kind}:${f.route}`).join(',');
      log(
        `${device.key} sync${faultText ? ` [${faultText}]` : ''} → ${state.status}${state.errorCode ? ` (${state.errorCode})` : ''}, pending ${state.pendingCount}`,
      );
    };

    for (const device of devices) {
      await sync(device);
      const lines = await device.db.paymentLines.count();
      if (lines === 0) throw new Error(`${device.key} bootstrapped no payment lines`);
    }

    // ---- the random schedule ----
    const steps = options.steps ?? 40;
    for (let step = 0; step < steps; step++) {
      const weights: Record<Step, number> = {
        pay: 22,
        'double-pay': 9,
        unpaid: 7,
        'refused-op': 3,
        sync: 24,
        'sync-many': 8,
        'toggle-online': 6,
        'toggle-network': 4,
        kill: server ? 2 : 0,
        restart: server ? 0 : 30,
        replay: 4,
      };
      const kind = prng.weighted(weights);
      await runStep(kind);
    }

    async function runStep(kind: Step): Promise<void> {
      switch (kind) {
        case 'pay': {
          const device = prng.pick(devices);
          const line = prng.pick([...(await payableLines(device)), null]);
          if (line) await pay(device, line);
          return;
        }
        case 'double-pay': {
          // Two devices of one commune pay the same line before either hears of the other.
          const a = prng.pick(devices);
          const others = devices.filter((d) => d !== a && d.communes.some((c) => a.communes.includes(c)));
          if (others.length === 0) return;
          const b = prng.pick(others);
          const onB = new Set((await payableLines(b)).map((l) => l.id));
          const both = (await payableLines(a)).filter((l) => onB.has(l.id));
          if (both.length === 0) return;
          const line = prng.pick(both);
          figures.doublePayments++;
          log(`double payment of ${line.id} on ${a.key} and ${b.key}`);
          await pay(a, line);
          const lineOnB = await b.db.paymentLines.get(line.id);
          if (lineOnB) await pay(b, lineOnB);
          return;
        }
        case 'unpaid': {
          const device = prng.pick(devices);
          const all = await device.db.paymentLines.toArray();
          const payable = all.filter((l) => l.status === 'due' || l.status === 'unpaid');
          // Mostly open lines; sometimes a line someone paid (a contradictory visit).
          const line = prng.pick([...(prng.chance(0.7) && payable.length > 0 ? payable : all), null]);
          if (!line) return;
          const reason = prng.pick(['absent', 'moved', 'deceased', 'refused', 'wrong-person', 'other'] as const);
          const r = await recordOp(device.db, device.ctx, 'payment.unpaid', line.id, {
            reason,
            ...(prng.chance(0.3) ? { note: 'Đã đến nhà, không gặp' } : {}),
          });
          if (!r.ok) violations.push(`${device.key}: payment.unpaid refused locally (${r.error.code})`);
          else {
            figures.unpaidVisits++;
            log(`${device.key} unpaid ${line.id} (${reason}) op #${r.value.seq}`);
          }
          return;
        }
        case 'refused-op':
          await refusedOp(prng.pick(devices));
          return;
        case 'sync': {
          const device = prng.pick(devices);
          const pending = await device.db.outbox.where('state').equals('pending').count();
          // A kill -9 is only interesting while a push is in flight.
          await sync(device, drawFaults(server !== null && pending > 0));
          return;
        }
        case 'sync-many': {
          const chosen = devices.filter(() => prng.chance(0.7));
          const plans = chosen.map(() => drawFaults(false));
          log(`sync together: ${chosen.map((d) => d.key).join(', ') || '(none)'}`);
          await Promise.all(chosen.map((d, i) => sync(d, plans[i])));
          return;
        }
        case 'toggle-online': {
          const device = prng.pick(devices);
          device.online = !device.online;
          if (!device.online) figures.offlinePeriods++;
          log(`${device.key} ${device.online ? 'online' : 'offline'} (app)`);
          return;
        }
        case 'toggle-network': {
          const device = prng.pick(devices);
          device.networkUp = !device.networkUp;
          net.setNetwork(device.key, device.networkUp);
          if (!device.networkUp) figures.offlinePeriods++;
          log(`${device.key} network ${device.networkUp ? 'up' : 'down (connections refused)'}`);
          return;
        }
        case 'kill':
          await kill('between requests');
          return;
        case 'restart':
          await restart();
          return;
        case 'replay':
          await replay(prng.pick(devices));
          return;
      }
    }

    function drawFaults(mayKill: boolean): Fault[] {
      const plan = prng.weighted({
        none: 40,
        'drop-push': 20,
        'drop-blob': 5,
        'drop-pull': 8,
        'duplicate-push': 14,
        'drop-push-twice': 5,
        'kill-during-push': mayKill ? 14 : 0,
      });
      switch (plan) {
        case 'none':
          return [];
        case 'drop-push':
          return [{ kind: 'drop-response', route: 'push' }];
        case 'drop-blob':
          return [{ kind: 'drop-response', route: 'blob' }];
        case 'drop-pull':
          return [{ kind: 'drop-response', route: 'pull' }];
        case 'duplicate-push':
          return [{ kind: 'duplicate', route: 'push' }];
        case 'drop-push-twice':
          return [
            { kind: 'drop-response', route: 'push' },
            { kind: 'drop-response', route: 'push' },
          ];
        case 'kill-during-push':
          return [{ kind: 'kill-during', route: 'push', delayMs: prng.int(25) }];
      }
    }

    async function pay(device: SimDevice, line: PaymentLineRow): Promise<void> {
      const kind = prng.pick(['self', 'self', 'guardian', 'authorized'] as const);
      const receiver =
        kind === 'self'
          ? { kind }
          : { kind, fullName: 'Nguyễn Thị Hoà', idNumber: String(prng.int(1e9)).padStart(9, '0') + '123' };
      const signature = prng.chance(0.3) ? await hashEvidence({ bytes: fakePng(prng), type: 'image/png' }) : undefined;
      const r = await recordOp(
        device.db,
        device.ctx,
        'payment.record',
        line.id,
        { amount: line.amount, receiver, ...(signature ? { signature: signature.hash } : {}) },
        { evidence: signature ? [signature] : [] },
      );
      if (!r.ok) {
        violations.push(`${device.key}: payment of ${line.id} refused locally (${r.error.code})`);
        return;
      }
      figures.payments++;
      log(
        `${device.key} pays ${line.id} ${line.amount} đ to ${kind}${signature ? ' with signature' : ''} op #${r.value.seq}`,
      );
    }

    /** An op the server must refuse (wrong amount, a line outside the user's communes, no such line). */
    async function refusedOp(device: SimDevice): Promise<void> {
      const own = await payableLines(device);
      const foreign: PaymentLineRow[] = [];
      for (const other of devices)
        if (!other.communes.some((c) => device.communes.includes(c)))
          foreign.push(...(await other.db.paymentLines.limit(20).toArray()));
      const variant = prng.pick(['amount', 'foreign', 'unknown'] as const);
      let entityId: string;
      let amount: number;
      if (variant === 'amount' && own.length > 0) {
        const line = prng.pick(own);
        entityId = line.id;
        amount = line.amount + 1000;
      } else if (variant === 'foreign' && foreign.length > 0) {
        const line = prng.pick(foreign);
        entityId = line.id;
        amount = line.amount;
      } else {
        entityId = `no-such-line-${prng.uuid()}`;
        amount = 500_000;
      }
      // Well formed, so recorded: the device's copy stays as it is and the server rejects it.
      const recorded = await recordOp(device.db, device.ctx, 'payment.record', entityId, {
        amount,
        receiver: { kind: 'self' },
      });
      if (!recorded.ok) throw new Error(`a well-formed payment was not recorded: ${recorded.error.code}`);
      const op = recorded.value;
      mustBeRejected.add(op.id);
      figures.refusedOps++;
      log(`${device.key} records a payment the server must refuse (${variant}) on ${entityId} op #${op.seq}`);
    }

    /** Sends an op again behind the engine's back: a settled op must be answered as a duplicate of its first outcome. */
    async function replay(device: SimDevice): Promise<void> {
      const ops = await device.db.outbox.toArray();
      const op = prng.pick([...ops, null]);
      if (!op) return;
      let answer;
      try {
        answer = await device.transport.push(device.token, {
          deviceId: device.deviceId,
          lastSeq: await lastSeq(device.db),
          ops: [op.envelope],
        });
      } catch (e) {
        log(
          `${device.key} replay of op #${op.seq} not delivered (${e instanceof TransportError ? e.code : String(e)})`,
        );
        return;
      }
      figures.replays++;
      const result = answer.results[0];
      // Re-read: a sync running meanwhile cannot have changed it (syncs are awaited), but be exact.
      const now = await device.db.outbox.get(op.seq);
      log(
        `${device.key} replays op #${op.seq} (${now?.state ?? '?'}) → ${result?.status ?? '?'} ${result?.code ?? ''}`,
      );
      if (!result || result.id !== op.id) {
        violations.push(`${device.key}: replay of ${op.id} answered for another id`);
        return;
      }
      if (now && now.state !== 'pending') {
        const expected = finalStatus(now.result);
        if (result.status !== 'duplicate' || result.code !== expected)
          violations.push(
            `${device.key}: replay of settled op #${op.seq} (${String(expected)}) answered ${result.status} ${result.code ?? ''}`,
          );
      }
    }

    // ---- the end: everything online, drain every outbox, then one more pull each ----
    net.clearFaults();
    await restart();
    for (const device of devices) {
      device.online = true;
      device.networkUp = true;
      net.setNetwork(device.key, true);
    }
    log('final drain');
    for (let round = 0; round < FINAL_ROUNDS; round++) {
      for (const device of devices) await sync(device);
      const pending = await Promise.all(devices.map((d) => d.db.outbox.where('state').equals('pending').count()));
      if (pending.every((n) => n === 0)) break;
    }
    for (const device of devices) await sync(device);

    const snapshots: DeviceSnapshot[] = [];
    for (const device of devices) {
      snapshots.push({
        key: device.key,
        username: device.username,
        deviceId: device.deviceId,
        ops: await device.db.outbox.orderBy('seq').toArray(),
        lines: await device.db.paymentLines.toArray(),
        lastSeq: await lastSeq(device.db),
      });
    }
    figures.droppedResponses = net.stats.dropped;
    figures.duplicatedRequests = net.stats.duplicated;
    figures.refusedConnections = net.stats.refused;
    for (const m of net.stats.duplicateMismatches) violations.push(`a request sent twice got different answers: ${m}`);

    const stopping: ServerProcess | null = server;
    server = null;
    await stopping?.stop();
    const verdict = audit({ sqliteFile, devices: snapshots, baseline: world.baseline, mustBeRejected });
    Object.assign(figures, verdict.figures);
    violations.push(...verdict.violations);
  } catch (e) {
    violations.push(`schedule aborted: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    const remaining: ServerProcess | null = server;
    if (remaining) {
      if (violations.length > 0) events.push(`server output:\n${remaining.output()}`);
      await remaining.kill9();
    }
    await proxy?.close();
    for (const device of devices) {
      device.engine.stop();
      device.db.close();
      await device.db.delete();
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
  }
  return { seed, figures, violations, events, ms: Math.round(performance.now() - started) };
}

/** Lines the device itself would let a payer pay now. */
function payableLines(device: SimDevice): Promise<PaymentLineRow[]> {
  return device.db.paymentLines.filter((l) => l.status === 'due' || l.status === 'unpaid').toArray();
}

/** A few bytes that pass the server's PNG sniffing; unique per draw, so each is a new blob. */
function fakePng(prng: Prng): ArrayBuffer {
  const bytes = new Uint8Array(40);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < bytes.length; i++) bytes[i] = prng.int(256);
  return bytes.buffer;
}

/** One line per figure, for the CLI and failure messages. */
export function formatTotals(totals: ChaosTotals): string {
  const f = totals.figures;
  const rows: [string, number | string][] = [
    ['schedules', totals.schedules],
    ['failed schedules', totals.failed],
    ['ops generated', f.ops],
    ['  applied', f.applied],
    ['  conflicts', f.conflicts],
    ['  rejected', f.rejected],
    ['  answered as duplicate', f.duplicateAnswers],
    ['payments recorded', f.payments],
    ['  same line on two devices', f.doublePayments],
    ['unpaid visits', f.unpaidVisits],
    ['ops made to be refused', f.refusedOps],
    ['replays', f.replays],
    ['syncs', f.syncs],
    ['offline periods', f.offlinePeriods],
    ['dropped responses', f.droppedResponses],
    ['doubled requests', f.duplicatedRequests],
    ['refused connections', f.refusedConnections],
    ['kill -9', f.kills],
    ['  during a push', f.killsDuringPush],
    ['restarts', f.restarts],
    ['lines paid', f.paidLines],
    ['paid total (đ)', f.paidTotal.toLocaleString('vi-VN')],
    ['losses', f.losses],
    ['time', `${(totals.ms / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n');
}
