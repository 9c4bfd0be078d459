/**
 * `npm run load` (README "Performance"): 300 simulated devices against two server processes on one
 * fresh PostgreSQL database, over loopback HTTP, bounded in time, then the chaos audit over the op
 * log. `-- --devices=N --seconds=S --people=N` narrow a run. Writes load-results.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { hashPassword, defaultHashOptions } from '../../src/server/services/passwords';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags';
import { auditRows, type ServerOp } from '../chaos/audit';
import { createPrng } from '../chaos/prng';
import { createTempDatabase } from '../bench/lib/postgres';
import { startNode, type Running } from '../bench/lib/processes';
import { percentile } from '../bench/lib/stats';
import { createDevice, type Metrics } from './device';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const DEVICES = Number(flag('devices') ?? 300);
const SECONDS = Number(flag('seconds') ?? 150);
const PEOPLE = Number(flag('people') ?? 60_000);
const PASSWORD = 'load-test-1234';

async function main(): Promise<void> {
  const started = Date.now();
  const db = await createTempDatabase();
  if ('unavailable' in db) throw new Error(db.unavailable);
  const servers: Running[] = [];
  let client: pg.Client | undefined;
  const peaks = new Map<number, number>();
  const sample = setInterval(() => {
    for (const s of servers) peaks.set(s.pid, Math.max(peaks.get(s.pid) ?? 0, s.memory().peakKb));
  }, 1000);
  try {
    const start = () =>
      startNode(
        join(REPO_ROOT, 'src', 'server', 'main.ts'),
        {
          PORT: '0',
          NODE_ENV: 'bench',
          TRUST_PROXY: '1',
          DATABASE_URL: db.url,
          DEMO_BENEFICIARIES: String(PEOPLE),
          STATIC_DIR: '',
        },
        /đang chạy tại (http:\/\/\S+)/,
        600_000,
        [...SERVER_NODE_FLAGS],
      );
    // The first seeds the province; the second finds it seeded.
    servers.push(await start());
    servers.push(await start());
    console.log(
      `servers ${servers.map((s) => s.url).join(', ')} on one database (${String((Date.now() - started) / 1000)} s)`,
    );

    client = new pg.Client({ connectionString: db.url });
    // The database is dropped at the end with its connections: that must not crash the report.
    client.on('error', () => undefined);
    await client.connect();
    const communes = (
      await client.query<{ commune_code: string }>(
        "select distinct commune_code from entities where entity = 'payment-line' and commune_code is not null order by 1",
      )
    ).rows.map((r) => r.commune_code);
    // Users written directly (one hash for all): the sign-in is still the real one.
    const hash = await hashPassword(PASSWORD, defaultHashOptions);
    for (let i = 0; i < DEVICES; i++) {
      const commune = communes[i % communes.length] ?? '';
      await client.query(
        `insert into users (id, username, display_name, role, communes, password_hash, created_at, disabled)
         values ($1, $2, $3, 'payer', $4, $5, $6, 0)`,
        [`load-${String(i)}`, `load${String(i)}`, `Thiết bị ${String(i)}`, JSON.stringify([commune]), hash, Date.now()],
      );
    }
    const baseline = await paidTotal(client);
    console.log(`${String(DEVICES)} devices over ${String(communes.length)} communes, ${String(SECONDS)} s`);

    const metrics: Metrics = { signInMs: [], pushMs: [], pullMs: [], opsAnswered: 0, errors: new Map() };
    const rng = createPrng(15);
    const devices = Array.from({ length: DEVICES }, (_, i) =>
      createDevice({
        key: `d${String(i)}`,
        username: `load${String(i)}`,
        password: PASSWORD,
        urls: servers.map((s) => s.url),
        address: `10.${String(i >> 8)}.${String(i & 255)}.1`,
        rng: rng.fork(),
        metrics,
      }),
    );
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(devices.map((d) => d.run(deadline)));
    // Everything unanswered is sent first, by every device; only then does each pull, else a
    // device's last pull could miss another's last push and the audit would report a stale line.
    await Promise.all(devices.map((d) => d.sendPending()));
    await Promise.all(devices.map((d) => d.pullFinal()));
    const ranFor = (Date.now() - deadline + SECONDS * 1000) / 1000;

    const rows = await serverRows(client);
    const snapshots = devices.map((d) => d.snapshot());
    const result = auditRows(rows, { devices: snapshots as never, baseline, mustBeRejected: new Set() });
    const doubled = result.violations.filter((v) => /accepted payments|server rows \(expected/.test(v)).length;
    const figures = {
      date: new Date().toISOString(),
      devices: DEVICES,
      communes: communes.length,
      people: PEOPLE,
      seconds: Math.round(ranFor),
      signIns: metrics.signInMs.length,
      signInP50Ms: Math.round(percentile(metrics.signInMs, 50)),
      signInP99Ms: Math.round(percentile(metrics.signInMs, 99)),
      pushes: metrics.pushMs.length,
      opsAnsweredPerSecond: Math.round(metrics.opsAnswered / ranFor),
      pulls: metrics.pullMs.length,
      pushP50Ms: Math.round(percentile(metrics.pushMs, 50)),
      pushP99Ms: Math.round(percentile(metrics.pushMs, 99)),
      pullP50Ms: Math.round(percentile(metrics.pullMs, 50)),
      pullP99Ms: Math.round(percentile(metrics.pullMs, 99)),
      errors: Object.fromEntries(metrics.errors),
      audit: result.figures,
      lostOps: result.figures.losses,
      doubledOps: doubled,
      violations: result.violations.slice(0, 50),
      violationCount: result.violations.length,
      serverPeakRssMb: servers.map((s) => Math.round((peaks.get(s.pid) ?? s.memory().peakKb) / 1024)),
    };
    writeFileSync(join(REPO_ROOT, 'load-results.json'), JSON.stringify(figures, null, 2));
    console.log(JSON.stringify({ ...figures, violations: figures.violations.slice(0, 10) }, null, 2));
    if (result.violations.length > 0) process.exitCode = 1;
  } finally {
    clearInterval(sample);
    await client?.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await db.drop();
  }
}

async function paidTotal(client: pg.Client): Promise<{ total: number; lines: number }> {
  const { rows } = await client.query<{ data: string }>(
    "select data from entities where entity = 'payment-line' and deleted = 0",
  );
  let total = 0;
  let lines = 0;
  for (const r of rows) {
    const d = JSON.parse(r.data) as { status: string; payment?: { amount: number } | null };
    if (d.status === 'paid' && d.payment) {
      total += d.payment.amount;
      lines++;
    }
  }
  return { total, lines };
}

async function serverRows(client: pg.Client) {
  const q = async <T extends pg.QueryResultRow>(text: string) => (await client.query<T>(text)).rows;
  // Only the load's devices: the demo's own rows (seeded ops) are not theirs to account for.
  const ops = await q<ServerOp>(
    "select op_id, device_id, seq, type, entity_id, status, code, envelope from ops where user_id like 'load-%'",
  );
  return {
    ops,
    lines: await q<{ id: string; data: string }>(
      "select id, data from entities where entity = 'payment-line' and deleted = 0",
    ),
    devices: (
      await q<{ id: string; last_seq_reported: string; max_seq_received: string }>(
        'select id, last_seq_reported, max_seq_received from devices',
      )
    ).map((d) => ({
      id: d.id,
      last_seq_reported: Number(d.last_seq_reported),
      max_seq_received: Number(d.max_seq_received),
    })),
    gaps: (
      await q<{ device_id: string; from_seq: string; to_seq: string }>(
        'select device_id, from_seq, to_seq from seq_gaps',
      )
    ).map((g) => ({ device_id: g.device_id, from_seq: Number(g.from_seq), to_seq: Number(g.to_seq) })),
    conflictOpIds: (await q<{ op_id: string }>('select op_id from conflicts')).map((r) => r.op_id),
  };
}

await main();
