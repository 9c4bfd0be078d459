/** Cross-cutting middleware: request id and access log, security headers, body limits. */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isIllFormed } from '../../lib/well-formed';
import type { Logger } from '../logger';
import type { AppEnv } from './context';
import { httpError } from './errors';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (kept from `x-request-id` when it looks safe) and logs one line
 * when it ends. Only operational fields: never the query, body, headers or names.
 */
export function requestLog(logger: Logger, now: () => number = () => performance.now()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    const start = now();
    await next();
    c.header('x-request-id', requestId);
    const session = c.get('session') as AppEnv['Variables']['session'] | undefined;
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((now() - start) * 10) / 10,
      userId: session?.user.id,
    });
  };
}

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The camera is for scanning ID-card QR codes; the position may be kept as payment evidence. */
const permissionsPolicy = 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()';

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Permissions-Policy', permissionsPolicy);
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    const path = c.req.path;
    // Every API answer is about someone's data or session: never kept by a browser or a proxy.
    if (path === '/api' || path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    // A body refused before it was read leaves the rest in the socket: close it rather than
    // keep a connection whose next request would start mid-body.
    if (c.res.status === 413) c.header('Connection', 'close');
  };
}

/**
 * An API path whose decoded form is not well-formed text (a NUL, a control character, a lone
 * surrogate, a broken escape) names nothing: 404 before any route reads it (issue 13, finding 7).
 */
export function wellFormedPaths(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      throw httpError('not-found');
    }
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    if (isIllFormed(decoded) || /[\u0000-\u001f\u007f]/u.test(decoded)) throw httpError('not-found');
    await next();
  };
}

export const BODY_LIMITS = {
  default: 64 * 1024,
  /** A push batch: up to 500 ops, ≤ 2 MiB of ops plus the envelope (docs/protocol.md "Push"). */
  push: 3 * 1024 * 1024,
  /** An outbox file of another device (ops and their evidence), sent by a supervisor. */
  import: 3 * 1024 * 1024,
  /** Raw blob bytes (signatures, photos; docs/protocol.md "Blobs"). */
  blob: 2 * 1024 * 1024,
  /** A monthly list file or a provider's result file (`.xlsx`, `.xls`, `.csv`; docs/protocol.md "Lists", "Batches"). */
  list: 20 * 1024 * 1024,
} as const;

/** Size limit by route; an oversized body is 413 payload-too-large before any route reads it. */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const onError = () => {
    throw httpError('payload-too-large');
  };
  const push = bodyLimit({ maxSize: BODY_LIMITS.push, onError });
  const imported = bodyLimit({ maxSize: BODY_LIMITS.import, onError });
  const blob = bodyLimit({ maxSize: BODY_LIMITS.blob, onError });
  const list = bodyLimit({ maxSize: BODY_LIMITS.list, onError });
  const fallback = bodyLimit({ maxSize: BODY_LIMITS.default, onError });
  return (c, next) => {
    const path = c.req.path;
    if (path === '/api/sync/push') return push(c, next);
    if (path === '/api/sync/import') return imported(c, next);
    if (path.startsWith('/api/blobs/')) return blob(c, next);
    if (path === '/api/lists/import' || path === '/api/lists/findings-file') return list(c, next);
    // A provider's result file, and decisions about a province's failed lines.
    if (/^\/api\/batches\/[^/]+\/(results|reroutes)$/.test(path)) return list(c, next);
    if (/^\/api\/providers\/[^/]+\/opened-accounts$/.test(path)) return list(c, next);
    return fallback(c, next);
  };
}
