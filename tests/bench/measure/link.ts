/**
 * Issue 15's mobile link: a commune of 3,000 on an emulated 1.6 Mbit/s down, 750 kbit/s up,
 * 150 ms RTT link. From a fresh on-disk Chromium profile, the first visit to the built app served
 * by the real server, sign-in, until the service worker is installed and the roster searchable;
 * and the pull's bytes on the wire per person, as Chromium counts them (`encodedDataLength` of
 * each `/api/sync/pull` answer, headers included). Beside it, the same pulls from Node over raw
 * HTTP in both layouts (plain, `format=columns`), uncompressed, gzip and brotli.
 *
 * The throttle is CDP's `Network.emulateNetworkConditions`, set on the page's session and on each
 * worker the page starts (the service worker, whose precache fetches are most of the app's
 * bytes): playwright-core gives no CDP session for a worker, so the page's session auto-attaches
 * to them (non-flat sessions, each held at start until throttled). Chromium throttles each
 * target on its own, so the page and its service worker each get a 1.6 Mbit/s link: a shared
 * link would be slower while both download.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { openDevice } from '../lib/chromium';
import { login } from '../lib/data';
import type { Running } from '../lib/processes';
import { round, summarize } from '../lib/stats';
import { signInAndWait } from './initial-sync';

export const LINK = { downKbit: 1600, upKbit: 750, rttMs: 150 } as const;

export type LinkRun = {
  /** Navigation start → the roster searchable with everyone (the app's sync bar shows a last sync). */
  searchableSeconds: number;
  /** Navigation start → the service worker active (precache installed). */
  installedSeconds: number;
  /** The later of the two: the "first visit → app installed and roster searchable". */
  seconds: number;
  /** Navigation start → the sign-in click (the form usable: the app downloaded and started). */
  signInSeconds: number;
  /** Navigation start → the first rows of the roster on screen. */
  firstRowsSeconds: number;
  pullRequests: number;
  pullEncodedBytes: number;
  pullBytesPerPerson: number;
  pullEncodings: string[];
  /** Everything the page fetched (app and API), encoded bytes. */
  pageEncodedBytes: number;
  /** What the page's workers fetched (the service worker's precache), encoded bytes. */
  workerEncodedBytes: number;
  workerRequests: number;
};

export type PullBytes = {
  format: 'plain' | 'columns';
  encoding: 'identity' | 'gzip' | 'br';
  limit: number;
  pages: number;
  bytes: number;
  bytesPerPerson: number;
};

/** One GET over raw HTTP: the body's bytes as sent (fetch would decode them). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; encoding: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers['content-encoding'] ?? 'identity',
          bytes: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** How many people the supervisor pulls (the roster count the app shows when done). */
export async function peopleInScope(baseUrl: string): Promise<number> {
  const who = await login(baseUrl);
  let cursor = '';
  let people = 0;
  for (;;) {
    const q = new URLSearchParams({ limit: '5000', cursor });
    const res = await fetch(`${baseUrl}/api/sync/pull?${q.toString()}`, {
      headers: { authorization: `Bearer ${who.token}` },
    });
    const page = (await res.json()) as { cursor: string; hasMore: boolean; changes: { entity: string }[] };
    people += page.changes.filter((c) => c.entity === 'beneficiary').length;
    cursor = page.cursor;
    if (!page.hasMore) return people;
  }
}

/** Bytes of a whole bootstrap pull, per layout, encoding and page size. */
export async function pullBytesTable(baseUrl: string, people: number, limits = [2000, 5000]): Promise<PullBytes[]> {
  const who = await login(baseUrl);
  const out: PullBytes[] = [];
  for (const format of ['plain', 'columns'] as const) {
    for (const encoding of ['identity', 'gzip', 'br'] as const) {
      for (const limit of limits) {
        let cursor = '';
        let pages = 0;
        let bytes = 0;
        for (;;) {
          const q = new URLSearchParams({ limit: String(limit), cursor });
          if (format === 'columns') q.set('format', 'columns');
          const res = await rawGet(`${baseUrl}/api/sync/pull?${q.toString()}`, {
            authorization: `Bearer ${who.token}`,
            'accept-encoding': encoding,
          });
          if (res.status !== 200) throw new Error(`pull failed: ${String(res.status)}`);
          pages++;
          bytes += res.bytes.length;
          // As the server chose: one without compression answers plain whatever was asked.
          const text =
            res.encoding === 'br'
              ? brotliDecompressSync(res.bytes)
              : res.encoding === 'gzip'
                ? gunzipSync(res.bytes)
                : res.bytes;
          const page = JSON.parse(text.toString('utf8')) as { cursor: string; hasMore: boolean };
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        out.push({ format, encoding, limit, pages, bytes, bytesPerPerson: Math.round((bytes / people) * 10) / 10 });
      }
    }
  }
  return out;
}

function watchPulls(cdp: CDPSession) {
  const urls = new Map<string, string>();
  const encodings = new Set<string>();
  const totals = { pullRequests: 0, pullEncodedBytes: 0, pageEncodedBytes: 0 };
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.responseReceived', (e) => {
    if (!e.response.url.includes('/api/sync/pull')) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    encodings.add(String(headers['content-encoding'] ?? 'identity'));
  });
  cdp.on('Network.loadingFinished', (e) => {
    totals.pageEncodedBytes += e.encodedDataLength;
    if (!urls.get(e.requestId)?.includes('/api/sync/pull')) return;
    totals.pullRequests++;
    totals.pullEncodedBytes += e.encodedDataLength;
  });
  return { totals, encodings };
}

type Conditions = { offline: false; latency: number; downloadThroughput: number; uploadThroughput: number };

/**
 * Throttles every worker the page starts (the service worker above all) as the page, and counts
 * what they fetch. Workers wait at start until their throttle is set.
 */
async function throttleWorkers(cdp: CDPSession, conditions: Conditions) {
  const totals = { workerRequests: 0, workerEncodedBytes: 0 };
  let id = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    const send = (method: string, params: object = {}) =>
      void cdp
        .send('Target.sendMessageToTarget', {
          sessionId: e.sessionId,
          message: JSON.stringify({ id: id++, method, params }),
        })
        .catch(() => undefined); // the worker may be gone already
    send('Network.enable');
    send('Network.emulateNetworkConditions', conditions);
    send('Runtime.runIfWaitingForDebugger');
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { method?: string; params?: { encodedDataLength?: number } };
    if (m.method !== 'Network.loadingFinished') return;
    totals.workerRequests++;
    totals.workerEncodedBytes += m.params?.encodedDataLength ?? 0;
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return totals;
}

/** One first visit on the emulated link, from a new profile. */
export async function runLink(baseUrl: string, people: number): Promise<LinkRun> {
  const device = await openDevice({ baseURL: baseUrl });
  try {
    const cdp = await device.context.newCDPSession(device.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    const conditions: Conditions = {
      offline: false,
      latency: LINK.rttMs,
      downloadThroughput: (LINK.downKbit * 1000) / 8,
      uploadThroughput: (LINK.upKbit * 1000) / 8,
    };
    await cdp.send('Network.emulateNetworkConditions', conditions);
    const workers = await throttleWorkers(cdp, conditions);
    const watched = watchPulls(cdp);
    await device.page.addInitScript(() => {
      void navigator.serviceWorker?.ready.then(() => {
        (window as unknown as { __installedAt: number }).__installedAt = performance.now();
      });
    });
    const t = await signInAndWait(device.page, people);
    await device.page.waitForFunction(
      () => (window as unknown as { __installedAt?: number }).__installedAt !== undefined,
      undefined,
      { timeout: 300_000, polling: 100 },
    );
    const installedAt = await device.page.evaluate(
      () => (window as unknown as { __installedAt: number }).__installedAt,
    );
    const s = (ms: number) => Math.round(ms / 10) / 100;
    return {
      searchableSeconds: s(t.searchableAt),
      installedSeconds: s(installedAt),
      seconds: s(Math.max(t.searchableAt, installedAt)),
      signInSeconds: s(t.clickAt),
      firstRowsSeconds: s(t.firstCountAt),
      ...watched.totals,
      ...workers,
      pullBytesPerPerson: Math.round((watched.totals.pullEncodedBytes / people) * 10) / 10,
      pullEncodings: [...watched.encodings],
    };
  } finally {
    await device.close();
  }
}

/**
 * The bench's `link` group (`--only=link`): a server with `--link-people` demo people (3,000; the
 * supervisor pulls them all), the bytes table, then `runs` first visits on the emulated link.
 */
export async function linkGroup(
  flag: (name: string) => string | undefined,
  runs: number,
  deps: {
    startServer: (beneficiaries: number) => Promise<Running>;
    stop: (server: Running) => Promise<void>;
    log: (s: string) => void;
  },
): Promise<Record<string, unknown>> {
  const { log } = deps;
  const demo = Number(flag('link-people') ?? 3000);
  log(
    `\n9. First visit on a mobile link (${String(LINK.downKbit)} kbit/s down, ${String(LINK.upKbit)} up, ${String(LINK.rttMs)} ms RTT), ${String(demo)} people`,
  );
  const server = await deps.startServer(demo);
  try {
    const people = await peopleInScope(server.url);
    const table = await pullBytesTable(server.url, people);
    for (const row of table) {
      log(
        `  pull ${row.format} ${row.encoding} limit ${String(row.limit)}: ${String(row.pages)} pages, ${String(row.bytes)} bytes, ${String(row.bytesPerPerson)} B/person`,
      );
    }
    const visits: LinkRun[] = [];
    for (let r = 0; r < runs; r++) {
      const v = await runLink(server.url, people);
      visits.push(v);
      log(
        `  run ${String(r + 1)}/${String(runs)}: sign-in click ${String(v.signInSeconds)} s, first rows ${String(v.firstRowsSeconds)} s, searchable ${String(v.searchableSeconds)} s, installed ${String(v.installedSeconds)} s; pull ${String(v.pullEncodedBytes)} bytes in ${String(v.pullRequests)} answers (${v.pullEncodings.join(', ')}), ${String(v.pullBytesPerPerson)} B/person; page total ${String(v.pageEncodedBytes)} bytes, service worker ${String(v.workerEncodedBytes)} bytes in ${String(v.workerRequests)}`,
      );
    }
    const med = (f: (v: LinkRun) => number) => summarize(visits.map((v) => round(f(v), 2)));
    return {
      link: LINK,
      people,
      firstVisitSeconds: med((v) => v.seconds),
      searchableSeconds: med((v) => v.searchableSeconds),
      installedSeconds: med((v) => v.installedSeconds),
      signInSeconds: med((v) => v.signInSeconds),
      pullBytesPerPerson: med((v) => v.pullBytesPerPerson),
      pageEncodedKb: med((v) => v.pageEncodedBytes / 1024),
      workerEncodedKb: med((v) => v.workerEncodedBytes / 1024),
      targets: { firstVisitSeconds: 10, pullBytesPerPerson: 150 },
      note: 'CDP throttles the page and its service worker, each as its own 1.6 Mbit/s link',
      visits,
      pullBytes: table,
    };
  } finally {
    await deps.stop(server);
  }
}
