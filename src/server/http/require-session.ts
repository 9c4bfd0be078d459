/**
 * Bearer-token middleware for every /api route except login and health. A user who must change
 * their password (an admin created or reset them) may only do that, or sign out: every other
 * call is 403 `password-change-required` (docs/protocol.md "Auth").
 */
import type { MiddlewareHandler } from 'hono';
import { authenticate, type AuthDeps } from '../services/auth';
import type { AppEnv } from './context';
import { httpError } from './errors';

const PASSWORD_CHANGE_PATHS = new Set(['POST /api/auth/password', 'POST /api/auth/logout']);

export function requireSession(deps: Pick<AuthDeps, 'db' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw httpError('not-signed-in');
    const result = await authenticate(deps, match[1]);
    if (!result.ok) throw httpError(result.error);
    if (result.value.user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(`${c.req.method} ${c.req.path}`)) {
      throw httpError('password-change-required');
    }
    c.set('session', result.value);
    await next();
  };
}
