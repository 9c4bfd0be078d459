/** V8 CPU profiles (Chromium's Profiler domain, node --cpu-prof): self time per function and per file. */

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
/** `startTime` (µs, the monotonic clock `process.hrtime` reads too) is in every `--cpu-prof` file. */
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime?: number };

function aggregate(profile: CpuProfile, keyOf: (frame: ProfileNode['callFrame']) => string, top: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()]
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

const functionKey = ({ functionName, url, lineNumber }: ProfileNode['callFrame']): string => {
  const file = (url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '.js');
  const name = functionName || '(anonymous)';
  return file ? `${name} ${file}:${String(lineNumber + 1)}` : name;
};

/** Self time per function (name, file, line), ms, largest first. */
export function selfTimes(profile: CpuProfile, top = 25): { fn: string; ms: number }[] {
  return aggregate(profile, functionKey, top);
}

/**
 * Total time per function (itself and what it called), ms, largest first, for the functions whose
 * file's URL `include` accepts (the server's own code, say): where the time goes, by caller.
 */
export function inclusiveTimes(
  profile: CpuProfile,
  include: (url: string) => boolean,
  top = 25,
): { fn: string; ms: number }[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    // A recursive function counts once per sample.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node || !include(node.callFrame.url)) continue;
      const key = functionKey(node.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + ms);
    }
  });
  return [...totals.entries()]
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/**
 * The samples taken between `fromUs` and `toUs` (µs of the monotonic clock, as `startTime`), as a
 * profile of their own; the whole profile when it has no `startTime`.
 */
export function profileWindow(profile: CpuProfile, fromUs: number, toUs: number): CpuProfile {
  if (profile.startTime === undefined) return profile;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    samples.push(id);
    timeDeltas.push(delta);
  });
  return { nodes: profile.nodes, samples, timeDeltas, startTime: fromUs };
}

/** Self time per source area: the server's folders, each package, node internals, GC, idle. */
export function selfTimesByArea(profile: CpuProfile, top = 20): { fn: string; ms: number }[] {
  return aggregate(
    profile,
    ({ functionName, url }) => {
      if (!url) return functionName || '(native)';
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
      if (pkg) return `package ${pkg}`;
      const src = /\/src\/(.+)\/[^/]+$/.exec(url)?.[1];
      if (src) return `src/${src}`;
      if (url.startsWith('node:')) return 'node internals';
      return url.split('/').slice(-2).join('/');
    },
    top,
  );
}
