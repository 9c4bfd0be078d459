/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me` (docs/protocol.md "Auth"). */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { loginRequestSchema, type LoginResponse } from '../../protocol/auth';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { login, logout, type AuthDeps } from '../services/auth';
import { changeOwnPassword } from '../services/own-password';
import { changePasswordRequestSchema } from '../../protocol/users';
import type { Logger } from '../logger';

const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/u;

/** The client's address, for the sign-in throttle; `unknown` when it cannot be told. */
function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
    if (ADDRESS.test(forwarded)) return forwarded;
  }
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return ADDRESS.test(address) ? address : 'unknown';
  } catch {
    // No socket (a request made in-process): one address for all of them.
    return 'unknown';
  }
}

export function authRoutes(deps: AuthDeps, session: MiddlewareHandler<AppEnv>, logger: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/api/auth/login', async (c) => {
    const body = await readJsonBody(c, loginRequestSchema);
    const result = await login(deps, body, clientAddress(c, deps.trustProxy));
    if (!result.ok) {
      // The username is personal data: log only that a sign-in failed, and why.
      logger.warn('login failed', { requestId: c.get('requestId'), reason: result.error });
      throw httpError(result.error);
    }
    const { token, expiresAt, user } = result.value;
    const response: LoginResponse = {
      protocol: PROTOCOL_VERSION,
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      user,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });

  app.post('/api/auth/logout', session, async (c) => {
    await logout(deps, c.get('session'));
    return c.json({ protocol: PROTOCOL_VERSION, ok: true });
  });

  app.post('/api/auth/password', session, async (c) => {
    const body = await readJsonBody(c, changePasswordRequestSchema);
    const result = await changeOwnPassword(
      { db: deps.db, now: deps.clock.now(), hashOptions: deps.settings.hashOptions, demoPassword: deps.demoPassword },
      c.get('session'),
      body,
    );
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, user: result.value });
  });

  app.get('/api/me', session, (c) => c.json({ protocol: PROTOCOL_VERSION, user: c.get('session').user }));

  return app;
}
