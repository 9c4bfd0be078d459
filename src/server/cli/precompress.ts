/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the built app (scripts, styles,
 * HTML, the service worker, the manifest, SVG), at the highest settings: done once per build, so
 * the server sends the smallest bytes without compressing per request (`http/static.ts` serves
 * them by `Accept-Encoding`). A vite plugin, so every build of the app has them: `npm run build`,
 * the bench's and the e2e tests' own builds.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { COMPRESS_THRESHOLD } from '../http/compress.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TEXT = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;

function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...textFiles(path));
    else if (TEXT.test(entry.name) && statSync(path).size >= COMPRESS_THRESHOLD) out.push(path);
  }
  return out;
}

/** Compresses every text file under `dir`; an encoding that would not be smaller is not written. */
export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; br: number; gz: number }> {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  await Promise.all(
    textFiles(dir).map(async (path) => {
      const bytes = readFileSync(path);
      const [br, gz] = await Promise.all([
        brotli(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        gzipAsync(bytes, { level: 9 }),
      ]);
      totals.files++;
      totals.bytes += bytes.length;
      if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
      if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
      totals.br += Math.min(br.length, bytes.length);
      totals.gz += Math.min(gz.length, bytes.length);
    }),
  );
  return totals;
}

/**
 * Runs after everything else has written the output folder (the PWA plugin writes `sw.js` in its
 * own `closeBundle`), so the service worker is compressed too. Skips SSR builds.
 */
export function precompress(): Plugin {
  let outDir = '';
  let skip = false;
  return {
    name: 'chitra-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      skip = Boolean(config.build.ssr);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (skip) return;
        await precompressDir(outDir);
      },
    },
  };
}
