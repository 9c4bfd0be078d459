/**
 * Where the bootstrap's time goes: the app's own pullAll on a page without UI, phase by phase,
 * with CPU per process (server, renderer, browser where IndexedDB writes) and a JS CPU profile
 * of the renderer (self time per function of the unminified app modules).
 */
import { openDevice } from '../lib/chromium';
import { selfTimes, type CpuProfile } from '../lib/cpu-profile';
import { chromiumCpu, cpuDelta, cpuSeconds, type Running } from '../lib/processes';

export type ProfileFigures = {
  beneficiaries: number;
  phases: Record<string, unknown>;
  cpuSeconds: Record<string, number>;
  wallSeconds: number;
  /** Renderer main-thread self time per function, ms, largest first. */
  topFunctions: { fn: string; ms: number }[];
};

export async function measureProfile(server: Running, beneficiaries: number): Promise<ProfileFigures> {
  const device = await openDevice({ baseURL: server.url });
  try {
    const page = device.page;
    await page.goto('/bench/app-bench.html');
    await page.waitForFunction(() => window.appBench !== undefined);
    const token = await page.evaluate(async () => {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          protocol: 1,
          username: 'supervisor',
          password: 'demo1234',
          device: { id: crypto.randomUUID(), name: 'bench profile' },
        }),
      });
      return ((await response.json()) as { token: string }).token;
    });
    const cdp = await device.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const before = { ...chromiumCpu(device.profileDir), server: cpuSeconds(server.pid) };
    const t0 = performance.now();
    const phases = await page.evaluate(async (token) => {
      if (!window.appBench) throw new Error('no app bench');
      return window.appBench.pullProfiled('chitra', token, 2000);
    }, token);
    const wallSeconds = (performance.now() - t0) / 1000;
    const after = { ...chromiumCpu(device.profileDir), server: cpuSeconds(server.pid) };
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const split = await page.evaluate(() => {
      if (!window.appBench) throw new Error('no app bench');
      return window.appBench.splitLastPull();
    });
    return {
      beneficiaries,
      phases: { ...phases, split },
      cpuSeconds: cpuDelta(before, after),
      wallSeconds,
      topFunctions: selfTimes(profile),
    };
  } finally {
    await device.close();
  }
}
