/**
 * `npm start`, first step: builds the PWA when the build is missing or older than its sources,
 * and bundles the server (a second); `npm start` then runs `node dist/server/main.js`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../logger';
import { bundleServer } from './bundle';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const logger = createLogger();

/** Newest modification time under `path`, skipping the server and tests (not part of the bundle). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const rel = relative(root, path);
  if (rel === join('src', 'server') || rel.includes('node_modules')) return 0;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (/\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale(): boolean {
  const index = join(root, 'dist', 'client', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src', 'index.html', 'public', 'vite.config.ts'].map((p) => newestMtime(join(root, p)));
  return statSync(index).mtimeMs < Math.max(...sources);
}

if (isBuildStale()) {
  logger.announce('Đang build giao diện (vite build)…');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    logger.error('vite build failed', { status: build.status });
    process.exit(1);
  }
}
await bundleServer();
