/**
 * Serves the built PWA. The service worker and the HTML shell are revalidated on every load
 * (an old shell must not pin an old app); hashed files under /assets/ never change.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Logger } from '../logger';
import type { AppEnv } from './context';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** Files whose name does not change between releases, so the browser must ask every time. */
const REVALIDATED = new Set(['/sw.js', '/registerSW.js', '/manifest.webmanifest']);

function cacheControl(path: string, contentType: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (REVALIDATED.has(path) || path.startsWith('/workbox-') || contentType.startsWith('text/html')) return 'no-cache';
  return 'public, max-age=3600';
}

/** No .br or .gz copy of the file is older than the file (a file replaced after the build). */
function copiesAreCurrent(staticDir: string, urlPath: string): boolean {
  let file: number;
  try {
    file = statSync(join(staticDir, decodeURI(urlPath))).mtimeMs;
  } catch {
    return true; // serveStatic decides what a missing or odd path is
  }
  for (const suffix of ['.br', '.gz']) {
    try {
      if (statSync(join(staticDir, `${decodeURI(urlPath)}${suffix}`)).mtimeMs < file) return false;
    } catch {
      // no copy in this encoding
    }
  }
  return true;
}

export function mountStatic(app: Hono<AppEnv>, staticDir: string, logger: Logger): void {
  if (!existsSync(staticDir)) {
    logger.warn('static directory missing; serving the API only', { staticDir });
    return;
  }
  // The build writes .br and .gz beside each text file (server/cli/precompress.ts); a file
  // without them, or changed since (a newer file than its copies), is compressed per request by
  // http/compress.ts.
  const precompressed = serveStatic<AppEnv>({ root: staticDir, precompressed: true });
  const asIs = serveStatic<AppEnv>({ root: staticDir });
  const files: MiddlewareHandler<AppEnv> = (c, next) =>
    copiesAreCurrent(staticDir, c.req.path) ? precompressed(c, next) : asIs(c, next);
  const indexPrecompressed = serveStatic<AppEnv>({ root: staticDir, path: 'index.html', precompressed: true });
  const indexAsIs = serveStatic<AppEnv>({ root: staticDir, path: 'index.html' });
  const index: MiddlewareHandler<AppEnv> = (c, next) =>
    (copiesAreCurrent(staticDir, '/index.html') ? indexPrecompressed : indexAsIs)(c, next);
  // Source maps stay on the server's disk (for support), never public: they would give the source away.
  const isHidden = (path: string) => path.endsWith('.map');
  const serveFiles: MiddlewareHandler<AppEnv> = (c, next) =>
    isApi(c.req.path) || isHidden(c.req.path) ? next() : files(c, next);
  // SPA fallback: any other GET outside /api is a client route. A missing hashed asset
  // stays a 404: answering HTML for a script would only hide the error.
  const serveShell: MiddlewareHandler<AppEnv> = (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (isApi(c.req.path) || isHidden(c.req.path) || c.req.path.startsWith('/assets/')) return next();
    if (!existsSync(join(staticDir, 'index.html'))) return next();
    return index(c, next);
  };

  app.use('*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    await next();
    if (c.res.status === 200 || c.res.status === 206) {
      c.header('Cache-Control', cacheControl(c.req.path, c.res.headers.get('content-type') ?? ''));
    }
  });
  app.use('*', serveFiles, serveShell);
}
