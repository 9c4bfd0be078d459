/**
 * Bundles the server and its command-line tools into plain JavaScript under `dist/server`, so
 * production runs `node dist/server/main.js` without a TypeScript loader (docs/style.md §2.4).
 * Packages stay external: native modules (better-sqlite3, argon2) cannot be bundled, and
 * node_modules is there anyway. `npm run build` calls this after the PWA's build.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { isEntry } from './is-entry';

/** Output name → source. Each bundle is standalone (no shared chunks). */
export const serverEntries = {
  main: 'src/server/main.ts',
  'user-add': 'src/server/cli/user-add.ts',
  migrate: 'src/server/db/migrate-cli.ts',
} as const;

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Writes `<outdir>/<name>.js` for each entry. `outdir` must be inside the repository so the
 * bundles resolve node_modules as the sources do.
 */
export async function bundleServer(
  outdir = resolve(root, 'dist/server'),
  entries: Partial<typeof serverEntries> = serverEntries,
): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (isEntry(import.meta.url)) await bundleServer();
