/**
 * One simulated device of the load test, over real HTTP and the real protocol: sign in, pull
 * everything, then push payment ops in batches, replay some batches (to either server) and pull
 * again, with random pauses, until the deadline. Keeps what the chaos audit needs: its ops with
 * their final answers, and its lines after the last pull.
 */
import type { OpResult, OutboxRow } from '../../src/storage/app-db';
import type { Prng } from '../chaos/prng';

export type Metrics = {
  signInMs: number[];
  pushMs: number[];
  pullMs: number[];
  /** Ops answered by a server, a replayed op each time it is answered. */
  opsAnswered: number;
  errors: Map<string, number>;
};

type Line = { id: string; status: string; amount: number };

export type Device = ReturnType<typeof createDevice>;

export function createDevice(options: {
  key: string;
  username: string;
  password: string;
  urls: string[];
  /** The device's client address, sent as `X-Forwarded-For`. */
  address: string;
  rng: Prng;
  metrics: Metrics;
}) {
  const { urls, rng, metrics } = options;
  const deviceId = crypto.randomUUID();
  // Each tablet is on its own mobile connection: the servers run behind a "proxy" (TRUST_PROXY),
  // so the sign-in throttle sees one address per device, as in the field.
  const address = options.address;
  let token = '';
  let userId = '';
  let cursor: string | null = null;
  let seq = 0;
  const lines = new Map<string, Line>();
  const ops: OutboxRow[] = [];
  const url = () => urls[rng.int(urls.length)] ?? '';
  let lastFailure = '';
  const fail = (code: string) => {
    lastFailure = code;
    metrics.errors.set(code, (metrics.errors.get(code) ?? 0) + 1);
  };

  async function request(path: string, init: RequestInit, times: number[]): Promise<unknown> {
    const t0 = performance.now();
    let response: Response;
    try {
      response = await fetch(`${url()}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': address },
      });
    } catch {
      fail('network');
      return null;
    }
    const text = await response.text();
    times.push(performance.now() - t0);
    if (!response.ok) {
      fail(String(response.status));
      return null;
    }
    return JSON.parse(text) as unknown;
  }

  async function signIn(): Promise<void> {
    const body = {
      protocol: 1,
      username: options.username,
      password: options.password,
      device: { id: deviceId, name: options.key },
    };
    // Three hundred tablets signing in at once is a morning's rush: a refused or dropped sign-in
    // is tried again after a pause, as a person would.
    let answer: { token: string; user: { id: string } } | null = null;
    for (let attempt = 0; attempt < 10 && !answer; attempt++) {
      if (attempt > 0) await pause(2000 * attempt);
      answer = (await request('/api/auth/login', { method: 'POST', body: JSON.stringify(body) }, metrics.signInMs)) as {
        token: string;
        user: { id: string };
      } | null;
    }
    if (!answer) throw new Error(`${options.key}: sign-in failed (${lastFailure})`);
    token = answer.token;
    userId = answer.user.id;
  }

  /** Pulls every change after the cursor (all pages). */
  async function pull(): Promise<boolean> {
    for (;;) {
      const q = new URLSearchParams({ limit: '5000' });
      if (cursor) q.set('cursor', cursor);
      const page = (await request(`/api/sync/pull?${q.toString()}`, { method: 'GET' }, metrics.pullMs)) as {
        cursor: string;
        hasMore: boolean;
        changes: { entity: string; id: string; deleted: boolean; data: Record<string, unknown> | null }[];
      } | null;
      if (!page) return false;
      for (const c of page.changes) {
        if (c.entity !== 'payment-line') continue;
        if (c.deleted || !c.data) lines.delete(c.id);
        else lines.set(c.id, { id: c.id, status: String(c.data['status']), amount: Number(c.data['amount']) });
      }
      cursor = page.cursor;
      if (!page.hasMore) return true;
    }
  }

  /** Pushes `batch` until it is answered; true when answered. */
  async function push(batch: OutboxRow[]): Promise<boolean> {
    const body = JSON.stringify({ protocol: 1, deviceId, lastSeq: seq, ops: batch.map((o) => o.envelope) });
    const answer = (await request('/api/sync/push', { method: 'POST', body }, metrics.pushMs)) as {
      results: (OpResult & { id: string })[];
    } | null;
    if (!answer) return false;
    metrics.opsAnswered += answer.results.length;
    const byId = new Map(batch.map((o) => [o.id, o]));
    for (const r of answer.results) {
      const op = byId.get(r.id);
      if (!op) continue;
      op.result = { status: r.status, code: r.code, firstCode: r.firstCode, version: r.version };
      const status = r.status === 'duplicate' ? r.code : r.status;
      op.state = status === 'applied' ? 'done' : status === 'conflict' ? 'conflict' : 'rejected';
    }
    return true;
  }

  function newOps(count: number): OutboxRow[] {
    const due = [...lines.values()].filter((l) => l.status === 'due');
    const made: OutboxRow[] = [];
    for (let i = 0; i < count && due.length > 0; i++) {
      const line = due.splice(rng.int(due.length), 1)[0];
      if (!line) break;
      line.status = 'paid';
      const envelope = {
        id: crypto.randomUUID(),
        deviceId,
        seq: ++seq,
        type: 'payment.record',
        entityId: line.id,
        actorId: userId,
        recordedAt: new Date().toISOString(),
        payload: { amount: line.amount, receiver: { kind: 'self' } },
      };
      made.push({
        seq,
        id: envelope.id,
        type: envelope.type,
        entityId: line.id,
        state: 'pending',
        envelope,
        attempts: 0,
        lastError: null,
        result: null,
      });
    }
    ops.push(...made);
    return made;
  }

  const pause = (maxMs: number) => new Promise((done) => setTimeout(done, rng.int(maxMs)));

  return {
    key: options.key,
    username: options.username,
    deviceId,
    async run(deadline: number): Promise<void> {
      await signIn();
      while (!(await pull())) await pause(1000);
      while (Date.now() < deadline) {
        const batch = newOps(10 + rng.int(90));
        if (batch.length > 0) {
          await push(batch);
          // A retry of a batch already answered (a lost response): every op answers duplicate.
          if (rng.next() < 0.2) await push(batch);
        }
        if (rng.next() < 0.3) await pull();
        await pause(3000);
      }
    },
    /** Sends every op still unanswered until it is answered. */
    async sendPending(): Promise<void> {
      for (let round = 0; round < 20; round++) {
        const pending = ops.filter((o) => o.state === 'pending');
        if (pending.length === 0) break;
        for (let i = 0; i < pending.length; i += 500) await push(pending.slice(i, i + 500));
      }
    },
    /** Pulls the final state: called once every device has sent everything. */
    async pullFinal(): Promise<void> {
      while (!(await pull())) await pause(1000);
    },
    snapshot: () => ({
      key: options.key,
      username: options.username,
      deviceId,
      ops,
      lines: [...lines.values()].map((l) => ({ id: l.id, status: l.status })),
      lastSeq: seq,
    }),
  };
}
