/**
 * The real sync server as a child process on a SQLite file, for the chaos run: start, `kill -9`,
 * restart on the same file, stop. Only processes started here are ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type ServerEntry = { args: string[]; cleanup: () => void };

/**
 * How the server is launched. `bundle` compiles src/server/main.ts once with esbuild (the same
 * compiler tsx uses, per file) into .tmp/, which starts in about half the time of the tsx
 * loader: a chaos run restarts the server many times. `tsx` runs the sources through tsx.
 */
export async function prepareServerEntry(mode: 'bundle' | 'tsx'): Promise<ServerEntry> {
  const viaTsx: ServerEntry = { args: ['--import', 'tsx', 'src/server/main.ts'], cleanup: () => undefined };
  if (mode === 'tsx') return viaTsx;
  // esbuild comes with tsx and vite; should it ever be missing, the tsx loader still works.
  const esbuild = await import('esbuild').catch(() => null);
  if (!esbuild) return viaTsx;
  const { build } = esbuild;
  // Inside the repository, so the bundle resolves node_modules like the sources do.
  const dir = resolve('.tmp/chaos');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `server-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: ['src/server/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return { args: [outfile], cleanup: () => rmSync(outfile, { force: true }) };
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
