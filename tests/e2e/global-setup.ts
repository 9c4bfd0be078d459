// Starts the real server once for the end-to-end project: a fresh SQLite database with the
// demo seed, serving a private copy of the built PWA (so a test can publish a "new version").
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  // An interface because Vitest's ProvidedContext is extended by declaration merging.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    baseUrl: string;
    staticDir: string;
  }
}

let server: ChildProcess | undefined;
let workDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // E2E_DIST lets two people build and test side by side (`vite build --outDir …`).
  const dist = process.env['E2E_DIST'] ?? 'dist/client';
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist} is missing: run "npm run build" before the end-to-end tests.`);
  }
  workDir = mkdtempSync(join(tmpdir(), 'chitra-e2e-'));
  const staticDir = join(workDir, 'client');
  cpSync(dist, staticDir, { recursive: true });
  // One process (node with the tsx loader), so stopping it stops the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      NODE_ENV: 'test',
      SQLITE_FILE: join(workDir, 'e2e.sqlite'),
      STATIC_DIR: staticDir,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /đang chạy tại (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${String(code)}:\n${out}`)));
  });
  project.provide('baseUrl', baseUrl);
  project.provide('staticDir', staticDir);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
