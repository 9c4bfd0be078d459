/**
 * The real sync server as a child process on a SQLite file, for the chaos run: start, `kill -9`,
 * restart on the same file, stop. Only processes started here are ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleServer, serverEntries } from '../../src/server/cli/bundle';

export type ServerEntry = { args: string[]; cleanup: () => void };

/**
 * How the server is launched. `bundle` is what production runs: `bundleServer` (the same esbuild
 * bundle as `npm run build`) into .tmp/, plain JavaScript that starts in about half the time of
 * the tsx loader (a chaos run restarts the server many times). `tsx` runs the sources.
 */
export async function prepareServerEntry(mode: 'bundle' | 'tsx'): Promise<ServerEntry> {
  if (mode === 'tsx') return { args: ['--import', 'tsx', 'src/server/main.ts'], cleanup: () => undefined };
  // Inside the repository, so the bundle resolves node_modules like the sources do.
  const dir = resolve(`.tmp/server-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  await bundleServer(dir, { main: serverEntries.main });
  return { args: [join(dir, 'main.js')], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type ServerProcess = {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** SIGKILL: no shutdown handler runs, in-flight transactions die with the process. */
  kill9: () => Promise<void>;
  /** SIGTERM: the server closes its database cleanly. */
  stop: () => Promise<void>;
  /** The last lines the server printed (for failure reports). */
  output: () => string;
};

const OUTPUT_KEEP = 20_000;

export async function startServer(options: {
  entry: ServerEntry;
  sqliteFile: string;
  staticDir: string;
  beneficiaries: number;
  /** A fixed port (a restart that keeps the origin, for a browser); default: any free port. */
  port?: number;
  timeoutMs?: number;
  /** Extra environment (e.g. NODE_ENV=production), over the test defaults. */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, options.entry.args, {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      NODE_ENV: 'test',
      SQLITE_FILE: options.sqliteFile,
      STATIC_DIR: options.staticDir,
      DATABASE_URL: '',
      DEMO_BENEFICIARIES: String(options.beneficiaries),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, options.timeoutMs ?? 60_000);
    // Always drained: a full pipe would block the server's request log and stall it.
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-OUTPUT_KEEP);
      const m = /đang chạy tại http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code ?? signal)}) before it was ready:\n${out}`));
    });
  });
  const pid = child.pid ?? -1;
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { url, pid, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), output: () => out };
}
