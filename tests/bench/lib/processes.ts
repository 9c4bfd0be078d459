/** Child processes of the bench: the real server, the PouchDB peer server, and /proc readings. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Running = {
  url: string;
  pid: number;
  /** Resident set size now, in KiB (VmRSS), and its peak (VmHWM). */
  memory: () => { rssKb: number; peakKb: number };
  stop: () => Promise<void>;
  output: () => string;
};

/**
 * Starts `node --import tsx <entry>` and waits for a line matching `ready`, whose first group is
 * the URL. One process (the tsx loader runs in it), so its PID is the server's.
 */
export function startNode(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 600_000,
  nodeArgs: string[] = [],
): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    // Logs of long runs: keep the start (the URL, the seed) and the latest lines only.
    if (out.length > 200_000) out = out.slice(0, 20_000) + '\n…\n' + out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in time:\n${out.slice(-4000)}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${String(code)}:\n${out.slice(-4000)}`));
    };
    child.once('exit', onExit);
    const check = () => {
      const m = ready.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      const pid = child.pid ?? 0;
      resolve({
        url: m[1],
        pid,
        memory: () => processMemory(pid),
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
  });
}

export function processMemory(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

/** Clock ticks per second of /proc/<pid>/stat times (100 on Linux for x86-64 and arm64). */
const TICKS = 100;

/** CPU seconds (user + system) that a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

type ProcInfo = { pid: number; ppid: number; cmdline: string };

function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Chromium's kind of process from its command line: browser, renderer, gpu, network, storage, … */
function chromiumKind(cmdline: string): string {
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'utility') {
    const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1] ?? 'utility';
    if (sub.includes('network')) return 'network';
    if (sub.includes('storage')) return 'storage';
    return sub.replace(/\.mojom\./, ':');
  }
  return type;
}

/**
 * The browser process started with `profileDir` and its descendants (renderers, zygotes,
 * utilities), so CPU can be read per kind of Chromium process.
 */
export function chromiumProcesses(profileDir: string): { pid: number; kind: string }[] {
  const all = listProcesses();
  const roots = all.filter((p) => p.cmdline.includes(`--user-data-dir=${profileDir}`) && !/--type=/.test(p.cmdline));
  const found = new Map<number, ProcInfo>(roots.map((p) => [p.pid, p]));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()].map((p) => ({ pid: p.pid, kind: chromiumKind(p.cmdline) }));
}

/** CPU seconds per kind of Chromium process, summed. */
export function chromiumCpu(profileDir: string): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const p of chromiumProcesses(profileDir)) byKind[p.kind] = (byKind[p.kind] ?? 0) + cpuSeconds(p.pid);
  return byKind;
}

/** Difference of two CPU readings per kind (processes that ended are left out). */
export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) out[k] = Math.max(0, v - (before[k] ?? 0));
  return out;
}
