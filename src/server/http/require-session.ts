/** Bearer-token middleware for every /api route except login and health. */
import type { MiddlewareHandler } from 'hono';
import { authenticate, type AuthDeps } from '../services/auth';
import type { AppEnv } from './context';
import { httpError } from './errors';

export function requireSession(deps: Pick<AuthDeps, 'db' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw httpError('not-signed-in');
    const result = await authenticate(deps, match[1]);
    if (!result.ok) throw httpError(result.error);
    c.set('session', result.value);
    await next();
  };
}
