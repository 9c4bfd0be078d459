/** `POST /api/sync/push` (docs/protocol.md "Push"). */
import { deviceOpTypes } from '../../protocol/op-registry';
import { can } from '../../protocol/permissions';
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
    const { user, deviceId } = c.get('session');
    // A role that may send no op (monitoring) writes nothing to the op log, not even a refusal.
    if (!deviceOpTypes.some((type) => can(user, type))) throw httpError('forbidden');
    // An unreadable envelope is a 400 here, before any op is looked at: nothing changes.
    const body = await readJsonBody(c, pushRequestSchema, { opsAnsweredOneByOne: true });
    const result = await applyPush(db, user, { id: deviceId }, body, deps);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json(result.value);
  });
  return app;
}
