/**
 * Measurements 2, 3, 5 and 7 on one device that holds a whole roster: search as you type in the
 * real app, offline cold start with the service worker, server memory after the full pull, then
 * query-level search and payments through the app's own modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { openDevice, removeProfile, type Device } from '../lib/chromium';
import type { Running } from '../lib/processes';
import { percentile } from '../lib/stats';
import { BENCH_PIN } from '../lib/pin';
import { signInAndWait } from './initial-sync';

export type DeviceFigures = {
  beneficiaries: number;
  bootstrapMs: number;
  server: { rssMb: number; peakRssMb: number };
  search: {
    /** Keystroke (input event) to the matching results in the DOM (React committed them). */
    samples: number[];
    /** Keystroke to the first frame after that (the results painted). */
    paintSamples: number[];
    byQuery: Record<string, { query: string; domMs: number[]; paintMs: number[] }>;
    skipped: number;
    timeouts: number;
    /** Renderer main thread while typing (all queries), from Chromium's Performance metrics. */
    mainThreadSeconds: Record<string, number>;
    /** searchRoster alone (through the in-memory roster index), every prefix of every query. */
    querySamples: number[];
    /** The in-memory roster index built from IndexedDB, as after an app start (ms). */
    indexBuildMs: number;
    /** Its estimated heap bytes per person. */
    indexBytesPerPerson: number;
    /** filteredRosterKeys per filter case, from IndexedDB and from the index (ms). */
    filterMs: Record<string, { indexedDbMs: number; indexMs: number }>;
    queryByKind: Record<string, number[]>;
    diagnostics: {
      query: string;
      ms: number;
      cursorSteps: number;
      rows: number;
    }[];
  };
  coldStart: { runs: number[]; firstRowRuns: number[]; marks: Record<string, number>[]; scripts: string[] };
  payment: {
    firstPayment: Record<string, number>;
    samples: number[];
    failed: number;
    signatureBytes: number;
    commit: { strict: number[]; relaxed: number[] };
  };
};

/** The app-modules bench script (its hashed file name read from the built page). */
function appBenchScript(staticDir: string): string {
  const html = readFileSync(join(staticDir, 'bench', 'app-bench.html'), 'utf8');
  const src = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('bench page without a script');
  return src;
}

/**
 * Types `query` into the roster's search box one character at a time, each keystroke as an input
 * event; measures until the list shows what searchRoster returns for that prefix. A keystroke
 * whose expected first names equal the previous ones changes nothing visible: it is skipped.
 */
async function typeAndMeasure(
  page: Page,
  query: string,
  expectedByPrefix: string[][],
): Promise<{ domMs: number[]; paintMs: number[]; skipped: number; timeouts: number }> {
  return page.evaluate(
    async ({ query, expectedByPrefix }) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]');
      if (!input) throw new Error('no search box');
      // React tracks the value through the prototype's setter: set it there, then fire input.
      const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
      if (!descriptor) throw new Error('no value property');
      const type = (value: string) => {
        Reflect.apply(Reflect.get(descriptor, 'set') as (v: string) => void, input, [value]);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const shown = () =>
        [...document.querySelectorAll('.roster-scroll .roster-name')].slice(0, 12).map((e) => e.textContent ?? '');
      const matches = (expected: string[]) => {
        if (expected.length === 0) return document.querySelector('.roster .empty') !== null;
        const names = shown();
        return names.length >= expected.length && expected.every((n, i) => names[i] === n);
      };
      const afterPaint = () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve(performance.now());
            ch.port2.postMessage(null);
          }),
        );
      const waitFor = (expected: string[]) =>
        new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => {
            observer.disconnect();
            resolve(null);
          }, 5000);
          const observer = new MutationObserver(() => {
            if (!matches(expected)) return;
            const at = performance.now();
            observer.disconnect();
            clearTimeout(timer);
            resolve(at);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      // Start from the full list, then let it settle.
      type('');
      await new Promise((r) => setTimeout(r, 300));
      const domMs: number[] = [];
      const paintMs: number[] = [];
      let skipped = 0;
      let timeouts = 0;
      let previous: string[] | null = null;
      for (let i = 1; i <= query.length; i++) {
        const expected = expectedByPrefix[i - 1] ?? [];
        const unchanged =
          query[i - 1] === ' ' ||
          (previous !== null && previous.length === expected.length && previous.every((n, k) => n === expected[k]));
        previous = expected;
        const t0 = performance.now();
        type(query.slice(0, i));
        if (unchanged) {
          skipped++;
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        const at = await waitFor(expected);
        if (at === null) {
          timeouts++;
          continue;
        }
        const painted = await afterPaint();
        domMs.push(at - t0);
        paintMs.push(painted - t0);
        // A person types a key every ~150 ms; let idle work finish like it would.
        await new Promise((r) => setTimeout(r, 150));
      }
      type('');
      await new Promise((r) => setTimeout(r, 300));
      return { domMs, paintMs, skipped, timeouts };
    },
    { query, expectedByPrefix },
  );
}

/** Cumulative main-thread seconds of the page: script, layout, style, all tasks. */
async function mainThreadMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const keep = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration'];
  return Object.fromEntries(metrics.filter((m) => keep.includes(m.name)).map((m) => [m.name, m.value]));
}

async function waitForAppBench(page: Page): Promise<void> {
  await page.waitForFunction(() => window.appBench !== undefined, undefined, { timeout: 60_000 });
}

/** Until the roster shows `expected` people (offline cold start), from the navigation's start. */
async function coldStartOnce(
  profileDir: string,
  baseUrl: string,
  expected: number,
): Promise<[number, number, Record<string, number>, string[]]> {
  const device: Device = await openDevice({ baseURL: baseUrl, profileDir, offline: true, keepProfile: true });
  try {
    await device.page.addInitScript((n: number) => {
      const state: { usableAt?: number; firstRowAt?: number; lockAt?: number; pinAt?: number } = {};
      (window as unknown as { __cold: typeof state }).__cold = state;
      // Every start is locked (issue 13): when the lock screen shows, and when its PIN is sent.
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element | null)?.closest('[data-testid="pin-lock"] button[type="submit"]'))
            state.pinAt ??= performance.now();
        },
        true,
      );
      const check = () => {
        if (state.lockAt === undefined && document.querySelector('[data-testid="pin-lock"]'))
          state.lockAt = performance.now();
        const count = Number(
          (document.querySelector('[data-testid="roster-count"]')?.textContent ?? '').replace(/\D/g, ''),
        );
        const row = document.querySelector('.roster-scroll .roster-name');
        if (count === n && state.usableAt === undefined) state.usableAt = performance.now();
        if (row && state.firstRowAt === undefined) state.firstRowAt = performance.now();
        if (state.usableAt !== undefined && state.firstRowAt !== undefined) observer.disconnect();
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true });
    }, expected);
    const cdp = await device.context.newCDPSession(device.page);
    await cdp.send('Performance.enable');
    await device.page.goto('/');
    await device.page.locator('#unlock-pin').fill(BENCH_PIN);
    await device.page.locator('[data-testid="pin-lock"] button[type="submit"]').click();
    await device.page.waitForFunction(
      () => {
        const s = (window as unknown as { __cold: { usableAt?: number; firstRowAt?: number } }).__cold;
        return s.usableAt !== undefined && s.firstRowAt !== undefined;
      },
      undefined,
      { timeout: 60_000 },
    );
    const main = await mainThreadMetrics(cdp);
    const served = await device.page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!served) throw new Error('the cold start was not served by the service worker');
    // performance.now() counts from the navigation's start (timeOrigin).
    // The scripts the page had loaded when the roster became usable: the real initial JS.
    // Only those requested by then: screens preloaded once the browser is idle after the first
    // roster paint come later and are not what the roster waited for.
    const scripts = await device.page.evaluate(() => {
      const s = (window as unknown as { __cold: { usableAt: number; firstRowAt: number } }).__cold;
      const usableAt = Math.max(s.usableAt, s.firstRowAt);
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= usableAt)
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js'));
    });
    const [usable, firstRow, marks] = await device.page.evaluate(() => {
      const s = (
        window as unknown as { __cold: { usableAt: number; firstRowAt: number; lockAt: number; pinAt: number } }
      ).__cold;
      // Where the time went: the worker's start, the shell from its cache, the app's script.
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const script = performance.getEntriesByType('resource').find((e) => /\/assets\/index-.*\.js$/.test(e.name)) as
        PerformanceResourceTiming | undefined;
      const marks: Record<string, number> = {
        workerStart: nav?.workerStart ?? -1,
        shellResponseEnd: nav?.responseEnd ?? -1,
        scriptResponseEnd: script?.responseEnd ?? -1,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
        lockShown: s.lockAt,
        pinSent: s.pinAt,
        firstRow: s.firstRowAt,
        usable: Math.max(s.usableAt, s.firstRowAt),
        // The app's own time: to the lock screen, then from the PIN to a usable roster (the
        // person's typing between the two is not the app's).
        appOwn: s.lockAt + (Math.max(s.usableAt, s.firstRowAt) - s.pinAt),
      };
      return [Math.max(s.usableAt, s.firstRowAt), s.firstRowAt, marks] as [number, number, Record<string, number>];
    });
    // Main-thread totals since the page was created (a little after "usable": read afterwards).
    for (const [k, v] of Object.entries(main)) marks[`main${k}`] = v * 1000;
    return [usable, firstRow, marks, scripts];
  } finally {
    await device.close();
  }
}

export async function measureDevice(options: {
  server: Running;
  staticDir: string;
  beneficiaries: number;
  coldRuns: number;
  payments: number;
  searchRounds: number;
  log: (s: string) => void;
}): Promise<DeviceFigures> {
  const { server, beneficiaries, log } = options;
  const device = await openDevice({ baseURL: server.url, keepProfile: true });
  const profileDir = device.profileDir;
  try {
    const page = device.page;
    const t = await signInAndWait(page, beneficiaries);
    const bootstrapMs = t.searchableAt - t.clickAt;
    log(`  device bootstrap of ${String(beneficiaries)}: ${(bootstrapMs / 1000).toFixed(1)} s`);
    // Let the pull's idle work end before reading memory (the pull is over when searchable).
    await new Promise((r) => setTimeout(r, 2000));
    const mem = server.memory();

    // Search in the real app. The expected answers come from the app's own searchRoster.
    await page.evaluate(async (src) => {
      await import(src);
    }, appBenchScript(options.staticDir));
    await waitForAppBench(page);
    const queries = await page.evaluate(() => {
      if (!window.appBench) throw new Error('no app bench');
      return window.appBench.pickQueries('chitra');
    });
    log(`  queries: ${JSON.stringify(queries)}`);
    // The expected answers first, so that only typing runs while the main thread is measured.
    const expected: Record<string, string[][]> = {};
    for (const [kind, query] of Object.entries(queries)) {
      expected[kind] = await page.evaluate(
        async ({ query }) => {
          const bench = window.appBench;
          if (!bench) throw new Error('no app bench');
          const out: string[][] = [];
          for (let i = 1; i <= query.length; i++) out.push(await bench.expectedNames('chitra', query.slice(0, i)));
          return out;
        },
        { query },
      );
    }
    // Search as the app does once its in-memory roster index is ready (it shows a hint until then).
    await page.waitForFunction(() => !document.querySelector('[data-testid="roster-index-pending"]'), undefined, {
      timeout: 120_000,
    });
    const cdp = await device.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metricsBefore = await mainThreadMetrics(cdp);
    const byQuery: DeviceFigures['search']['byQuery'] = {};
    let skipped = 0;
    let timeouts = 0;
    for (let round = 0; round < options.searchRounds; round++) {
      for (const [kind, query] of Object.entries(queries)) {
        const r = await typeAndMeasure(page, query, expected[kind] ?? []);
        const entry = (byQuery[kind] ??= { query, domMs: [], paintMs: [] });
        entry.domMs.push(...r.domMs);
        entry.paintMs.push(...r.paintMs);
        skipped += r.skipped;
        timeouts += r.timeouts;
      }
    }
    const metricsAfter = await mainThreadMetrics(cdp);
    const mainThread = Object.fromEntries(
      Object.entries(metricsAfter).map(([k, v]) => [k, v - (metricsBefore[k] ?? 0)]),
    );
    const samples = Object.values(byQuery).flatMap((q) => q.domMs);
    const paintSamples = Object.values(byQuery).flatMap((q) => q.paintMs);
    log(
      `  search in the app: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms ` +
        `(to paint p95 ${percentile(paintSamples, 95).toFixed(1)} ms; ${String(samples.length)} keystrokes)`,
    );
    // The worker must have the shell before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await device.close();

    // Offline cold start: Chromium relaunched on the same profile, network off from the start.
    const coldRuns: number[] = [];
    const firstRowRuns: number[] = [];
    const marks: Record<string, number>[] = [];
    const scripts = new Set<string>();
    for (let i = 0; i < options.coldRuns; i++) {
      const [usable, firstRow, m, loaded] = await coldStartOnce(profileDir, server.url, beneficiaries);
      for (const src of loaded) scripts.add(src);
      coldRuns.push(usable);
      firstRowRuns.push(firstRow);
      marks.push(m);
    }
    log(`  offline cold start: ${coldRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    // Query-level search and payments, through the app's modules on a page without the app
    // (the worker is unregistered first: it would answer the bench page's URL with the app).
    const again = await openDevice({ baseURL: server.url, profileDir, keepProfile: true });
    try {
      await again.page.goto('/');
      await again.page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      });
      await again.page.goto('/bench/app-bench.html');
      await waitForAppBench(again.page);
      const build = await again.page.evaluate(() => {
        if (!window.appBench) throw new Error('no app bench');
        return window.appBench.indexBuild('chitra');
      });
      log(
        `  roster index build: ${build.ms.toFixed(0)} ms, ~${(build.bytes / Math.max(1, build.people)).toFixed(0)} bytes per person`,
      );
      const filters = await again.page.evaluate(() => {
        if (!window.appBench) throw new Error('no app bench');
        return window.appBench.filterTimes('chitra');
      });
      log(`  roster filters (IndexedDB → index): ${JSON.stringify(filters)}`);
      const q = await again.page.evaluate(
        ({ queries, rounds }) => {
          if (!window.appBench) throw new Error('no app bench');
          return window.appBench.searchTimes('chitra', queries, rounds);
        },
        { queries, rounds: Math.max(3, options.searchRounds) },
      );
      const diagnostics = await again.page.evaluate((queries) => {
        if (!window.appBench) throw new Error('no app bench');
        const prefixes = Object.values(queries).flatMap((q) =>
          Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((p) => !p.endsWith(' ')),
        );
        return window.appBench.searchDiagnostics('chitra', prefixes);
      }, queries);
      const commit = await again.page.evaluate(
        (n) => {
          if (!window.appBench) throw new Error('no app bench');
          return window.appBench.commitCost(n);
        },
        Math.min(200, options.payments),
      );
      const pay = await again.page.evaluate((n) => {
        if (!window.appBench) throw new Error('no app bench');
        return window.appBench.payments('chitra', n);
      }, options.payments);
      log(
        `  payments: ${String(pay.samples.length)}, p50 ${percentile(pay.samples, 50).toFixed(1)} ms, ` +
          `p95 ${percentile(pay.samples, 95).toFixed(1)} ms, failed ${String(pay.failed)}`,
      );
      return {
        beneficiaries,
        bootstrapMs,
        server: { rssMb: mem.rssKb / 1024, peakRssMb: mem.peakKb / 1024 },
        search: {
          samples,
          paintSamples,
          byQuery,
          skipped,
          timeouts,
          mainThreadSeconds: mainThread,
          querySamples: Object.values(q.byQuery).flat(),
          indexBuildMs: build.ms,
          indexBytesPerPerson: build.bytes / Math.max(1, build.people),
          filterMs: filters,
          queryByKind: q.byQuery,
          diagnostics: diagnostics.perQuery,
        },
        coldStart: { runs: coldRuns, firstRowRuns, marks, scripts: [...scripts] },
        payment: {
          samples: pay.samples,
          failed: pay.failed,
          signatureBytes: pay.signatureBytes,
          commit,
          firstPayment: pay.firstPayment,
        },
      };
    } finally {
      await again.close();
    }
  } finally {
    removeProfile(profileDir);
  }
}
