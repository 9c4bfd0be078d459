/** V8 CPU profiles (Chromium's Profiler domain, node --cpu-prof): self time per function and per file. */

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

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

/** Self time per function (name, file, line), ms, largest first. */
export function selfTimes(profile: CpuProfile, top = 25): { fn: string; ms: number }[] {
  return aggregate(
    profile,
    ({ functionName, url, lineNumber }) => {
      const file = (url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '.js');
      const name = functionName || '(anonymous)';
      return file ? `${name} ${file}:${String(lineNumber + 1)}` : name;
    },
    top,
  );
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
