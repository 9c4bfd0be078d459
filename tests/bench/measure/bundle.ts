/** Measurement 6: the JS the first load needs (gzip) and everything the service worker precaches. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type BundleFigures = {
  /** JS the first screen loads: the entry, its preloads and the roster route's chunks (see device). */
  initialJsGzipKb: number;
  initialJsKb: number;
  /** The entry script and its modulepreload links only, from index.html. */
  entryJsGzipKb: number;
  initialCssGzipKb: number;
  precacheKb: number;
  precacheGzipKb: number;
  precacheFiles: number;
  initialJsFiles: string[];
};

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function bundleFigures(staticDir: string): BundleFigures {
  const html = readFileSync(join(staticDir, 'index.html'), 'utf8');
  // The entry script and what it preloads: everything the shell needs before it can run.
  const js = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => (m[1] ?? '').replace(/^\//, ''));
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    (m[1] ?? '').replace(/^\//, ''),
  );
  const sw = readFileSync(join(staticDir, 'sw.js'), 'utf8');
  const precached = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? ''))];
  const size = (f: string) => statSync(join(staticDir, f)).size;
  const entryGzip = kb(js.reduce((a, f) => a + gz(join(staticDir, f)), 0));
  return {
    initialJsGzipKb: entryGzip,
    initialJsKb: kb(js.reduce((a, f) => a + size(f), 0)),
    entryJsGzipKb: entryGzip,
    initialCssGzipKb: kb(css.reduce((a, f) => a + gz(join(staticDir, f)), 0)),
    precacheKb: kb(precached.reduce((a, f) => a + size(f), 0)),
    precacheGzipKb: kb(precached.reduce((a, f) => a + gz(join(staticDir, f)), 0)),
    precacheFiles: precached.length,
    initialJsFiles: js,
  };
}

/**
 * The JS a page actually loaded (paths from its resource timing), gzip and raw: replaces the
 * index.html estimate once a device has shown the roster, since routes load their chunks lazily.
 */
export function loadedJsFigures(
  staticDir: string,
  paths: readonly string[],
): { gzipKb: number; kb: number; files: string[] } {
  const files = [...new Set(paths.map((p) => p.replace(/^\//, '')))].filter((f) => existsSync(join(staticDir, f)));
  return {
    gzipKb: kb(files.reduce((a, f) => a + gz(join(staticDir, f)), 0)),
    kb: kb(files.reduce((a, f) => a + statSync(join(staticDir, f)).size, 0)),
    files,
  };
}
