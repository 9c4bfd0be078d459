/**
 * Builds what the bench serves into a temporary folder, never into dist/: the real PWA (the
 * project's vite.config.ts) and, beside it under /bench/, the bench pages that import the app's
 * own modules (floor, PouchDB peer, app modules).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PAGES = resolve(import.meta.dirname, '..', 'page');

export function buildApp(outDir: string): void {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: process.env,
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** The bench pages, unminified so a CPU profile names the app's functions. */
export async function buildBenchPages(staticDir: string): Promise<void> {
  const outDir = join(staticDir, 'bench');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    root: PAGES,
    base: '/bench/',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      target: 'es2022',
      rollupOptions: {
        input: {
          app: join(PAGES, 'app-bench.html'),
          floor: join(PAGES, 'floor.html'),
          pouch: join(PAGES, 'pouch.html'),
        },
      },
    },
  });
}

export const REPO_ROOT = ROOT;
