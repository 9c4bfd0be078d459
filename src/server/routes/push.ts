/** `POST /api/sync/push` (docs/protocol.md "Push"). */
import { Hono, type MiddlewareHandler } from 'hono';
import { pushRequestSchema } from '../../protocol/push';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { applyPush, type PushDeps } from '../services/push';

export function pushRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, deps: PushDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // A retired device is still let in: it must be able to send what it holds before it wipes.
  app.post('/api/sync/push', session, async (c) => {
    // An unreadable envelope is a 400 here, before any op is looked at: nothing changes.
    const body = await readJsonBody(c, pushRequestSchema, { opsAnsweredOneByOne: true });
    const { user, deviceId } = c.get('session');
    const result = await applyPush(db, user, { id: deviceId }, body, deps);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json(result.value);
  });
  return app;
}
