/**
 * A tiny HTTP proxy between the simulated devices and the server (the "network edge" of the
 * chaos run). Each device talks through its own path prefix `/d/<key>`, so faults are per
 * device: refuse its connections, drop a response after the server committed it, send a
 * request twice at once, or `kill -9` the server while a request is in flight.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = 'push' | 'blob' | 'pull' | 'other';
export type Fault =
  /** Forward, let the server commit and answer, then reset the client's connection. */
  | { kind: 'drop-response'; route: Route }
  /** Forward the same request twice concurrently; the device sees the first answer. */
  | { kind: 'duplicate'; route: Route }
  /** Forward, then `kill -9` the server `delayMs` after the request was written. */
  | { kind: 'kill-during'; route: Route; delayMs: number };

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export type ProxyStats = {
  requests: number;
  refused: number;
  dropped: number;
  duplicated: number;
  killedDuring: number;
  /** A request sent twice got two answers that disagree (a broken idempotency key). */
  duplicateMismatches: string[];
};

export type ChaosProxy = {
  baseUrlFor: (deviceKey: string) => string;
  /** The server's address, or null while it is down (connections are then reset). */
  setUpstream: (url: string | null) => void;
  setNetwork: (deviceKey: string, up: boolean) => void;
  addFault: (deviceKey: string, fault: Fault) => void;
  /** Forgets queued faults of one device, or of all. */
  clearFaults: (deviceKey?: string) => void;
  pendingFaults: (deviceKey: string) => number;
  stats: ProxyStats;
  close: () => Promise<void>;
};

export function routeOf(method: string, path: string): Route {
  if (method === 'POST' && path.startsWith('/api/sync/push')) return 'push';
  if (method === 'PUT' && path.startsWith('/api/blobs/')) return 'blob';
  if (method === 'GET' && path.startsWith('/api/sync/pull')) return 'pull';
  return 'other';
}

/** The statuses of a push answer, a duplicate read as its first outcome. */
function pushOutcomes(body: Buffer): string[] | null {
  try {
    const json = JSON.parse(body.toString()) as { results?: { id: string; status: string; code?: string }[] };
    return (json.results ?? []).map((r) => `${r.id}:${r.status === 'duplicate' ? String(r.code) : r.status}`);
  } catch {
    return null;
  }
}

export async function startProxy(options: { onKill: () => Promise<void> }): Promise<ChaosProxy> {
  let upstream: URL | null = null;
  const down = new Set<string>();
  const faults = new Map<string, Fault[]>();
  const stats: ProxyStats = {
    requests: 0,
    refused: 0,
    dropped: 0,
    duplicated: 0,
    killedDuring: 0,
    duplicateMismatches: [],
  };

  function forward(
    target: URL,
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
    onWritten?: () => void,
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const { host: _host, connection: _connection, 'content-length': _length, ...rest } = headers;
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          // A fresh connection each time: a killed server must not leave a pooled socket behind.
          agent: false,
          headers: { ...rest, 'content-length': String(body.length), connection: 'close' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.on('finish', () => onWritten?.());
      req.end(body);
    });
  }

  const server: Server = createServer((req, res) => {
    const m = /^\/d\/([^/]+)(\/.*)$/.exec(req.url ?? '');
    if (!m?.[1] || !m[2]) {
      res.writeHead(404).end();
      return;
    }
    const key = m[1];
    const path = m[2];
    const method = req.method ?? 'GET';
    stats.requests++;
    // Offline at the network edge: the connection is reset, the device sees a network error.
    if (down.has(key) || upstream === null) {
      stats.refused++;
      req.socket.destroy();
      return;
    }
    const target = upstream;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const route = routeOf(method, path);
      const queue = faults.get(key) ?? [];
      const index = queue.findIndex((f) => f.route === route);
      const fault = index >= 0 ? queue.splice(index, 1)[0] : undefined;
      const reply = (a: Answer) => {
        const {
          'transfer-encoding': _te,
          connection: _c,
          'keep-alive': _ka,
          'content-length': _cl,
          ...headers
        } = a.headers;
        res.writeHead(a.status, { ...headers, 'content-length': String(a.body.length) });
        res.end(a.body);
      };
      const reset = () => req.socket.destroy();

      const run = async () => {
        if (fault?.kind === 'duplicate') {
          stats.duplicated++;
          const [first, second] = await Promise.allSettled([
            forward(target, method, path, req.headers, body),
            forward(target, method, path, req.headers, body),
          ]);
          if (first.status === 'fulfilled' && second.status === 'fulfilled' && route === 'push') {
            const a = pushOutcomes(first.value.body);
            const b = pushOutcomes(second.value.body);
            if (first.value.status !== second.value.status || JSON.stringify(a) !== JSON.stringify(b)) {
              stats.duplicateMismatches.push(
                `${key} ${path}: ${first.value.status} ${JSON.stringify(a)} vs ${second.value.status} ${JSON.stringify(b)}`,
              );
            }
          }
          if (first.status === 'fulfilled') reply(first.value);
          else reset();
          return;
        }
        if (fault?.kind === 'kill-during') {
          let killing: Promise<void> = Promise.resolve();
          const answer = forward(target, method, path, req.headers, body, () => {
            stats.killedDuring++;
            killing = new Promise((r) => setTimeout(r, fault.delayMs)).then(() => options.onKill());
          });
          const settled = await answer.then(
            (a) => ({ ok: true as const, a }),
            () => ({ ok: false as const }),
          );
          await killing;
          // An answer that left the server before it died reaches the device, as it would.
          if (settled.ok) reply(settled.a);
          else reset();
          return;
        }
        const answer = await forward(target, method, path, req.headers, body);
        if (fault?.kind === 'drop-response') {
          // The server committed and answered; the device never hears it.
          stats.dropped++;
          reset();
          return;
        }
        reply(answer);
      };
      run().catch(reset);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrlFor: (deviceKey) => `http://127.0.0.1:${port}/d/${deviceKey}`,
    setUpstream: (url) => {
      upstream = url === null ? null : new URL(url);
    },
    setNetwork: (deviceKey, up) => {
      if (up) down.delete(deviceKey);
      else down.add(deviceKey);
    },
    addFault: (deviceKey, fault) => {
      faults.set(deviceKey, [...(faults.get(deviceKey) ?? []), fault]);
    },
    clearFaults: (deviceKey) => {
      if (deviceKey === undefined) faults.clear();
      else faults.delete(deviceKey);
    },
    pendingFaults: (deviceKey) => faults.get(deviceKey)?.length ?? 0,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
