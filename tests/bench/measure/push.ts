/**
 * Measurement 4: push throughput over HTTP to the real server: 10,000 payment ops in batches of
 * 500 (each op in its own transaction, as docs/protocol.md requires), then the same batches replayed.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { login, pullEverything } from '../lib/data';
import { cpuSeconds } from '../lib/processes';
import { percentile } from '../lib/stats';

export type PushFigures = {
  ops: number;
  batch: number;
  opsPerSec: number;
  replayOpsPerSec: number;
  statuses: Record<string, number>;
  replayStatuses: Record<string, number>;
  batchMs: number[];
  /** CPU the server process used while the clock ran: far below the wall time means waiting (disk). */
  serverCpuSeconds: number;
  wallSeconds: number;
};

/**
 * What one SQLite transaction costs here in the server's own settings (WAL, synchronous FULL)
 * against synchronous OFF: a one-row insert per transaction, as a push makes per op.
 */
export function sqliteCommitCost(dir: string, n = 1000): Record<string, number> {
  const out: Record<string, number> = {};
  for (const mode of ['FULL', 'OFF'] as const) {
    const file = join(dir, `commit-probe-${mode}.sqlite`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode}`);
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    const tx = db.transaction((v: string) => insert.run(v));
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      tx('x'.repeat(300));
      samples.push(performance.now() - t0);
    }
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    out[`synchronous${mode}P50Ms`] = Math.round(percentile(samples, 50) * 1000) / 1000;
    out[`synchronous${mode}P95Ms`] = Math.round(percentile(samples, 95) * 1000) / 1000;
    out[`synchronous${mode}MeanMs`] = Math.round((samples.reduce((a, b) => a + b, 0) / n) * 1000) / 1000;
  }
  return out;
}

/** What one durable commit costs on this disk at least: a 4 KiB write and fsync, p50 / p95 in ms. */
export function fsyncCost(dir: string, n = 200): { p50Ms: number; p95Ms: number } {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    writeSync(fd, block, 0, block.length, i * 4096);
    fsyncSync(fd);
    samples.push(performance.now() - t0);
  }
  closeSync(fd);
  rmSync(file);
  return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}

/** Whether the server has the push route yet (another engineer is finishing it). */
export async function pushAvailable(baseUrl: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return response.status !== 404 && response.status !== 405;
}

export async function measurePush(
  baseUrl: string,
  serverPid: number,
  total = 10_000,
  batch = 500,
): Promise<PushFigures> {
  const who = await login(baseUrl);
  const lines = (await pullEverything(baseUrl, who.token)).filter(
    (c) => c.entity === 'payment-line' && c.data?.['status'] === 'due',
  );
  if (lines.length < total) throw new Error(`only ${String(lines.length)} due lines for ${String(total)} ops`);
  const offset = '+07:00';
  const ops = lines.slice(0, total).map((line, i) => ({
    id: crypto.randomUUID(),
    deviceId: who.deviceId,
    seq: i + 1,
    type: 'payment.record',
    entityId: line.id,
    actorId: who.userId,
    recordedAt: new Date(Date.now() + 7 * 3600_000).toISOString().replace('Z', offset),
    payload: { amount: line.data?.['amount'], receiver: { kind: 'self' } },
  }));
  const bodies: string[] = [];
  for (let i = 0; i < ops.length; i += batch) {
    bodies.push(JSON.stringify({ protocol: 1, deviceId: who.deviceId, lastSeq: total, ops: ops.slice(i, i + batch) }));
  }
  const send = async (statuses: Record<string, number>, times: number[]) => {
    const t0 = performance.now();
    for (const body of bodies) {
      const b0 = performance.now();
      const response = await fetch(`${baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
        body,
      });
      if (!response.ok) throw new Error(`push answered ${String(response.status)}: ${await response.text()}`);
      const answer = (await response.json()) as { results: { status: string; code?: string }[] };
      times.push(performance.now() - b0);
      for (const r of answer.results) {
        const key = r.code ? `${r.status}:${r.code}` : r.status;
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }
    return performance.now() - t0;
  };
  const statuses: Record<string, number> = {};
  const replayStatuses: Record<string, number> = {};
  const batchMs: number[] = [];
  const cpu0 = cpuSeconds(serverPid);
  const firstMs = await send(statuses, batchMs);
  const serverCpuSeconds = cpuSeconds(serverPid) - cpu0;
  const replayMs = await send(replayStatuses, []);
  return {
    ops: total,
    batch,
    opsPerSec: total / (firstMs / 1000),
    replayOpsPerSec: total / (replayMs / 1000),
    statuses,
    replayStatuses,
    batchMs,
    serverCpuSeconds,
    wallSeconds: firstMs / 1000,
  };
}
