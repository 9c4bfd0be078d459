/** `POST /api/sync/import` (docs/protocol.md "Storage safety"): a supervisor sends another device's outbox file. */
import { Hono, type MiddlewareHandler } from 'hono';
import { importRequestSchema, type ImportResponse } from '../../protocol/import';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { importOutbox } from '../services/import';
import type { PushDeps } from '../services/push';

export function importRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, deps: PushDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/sync/import', session, async (c) => {
    // A malformed file is a 400 here, before anything is stored.
    const body = await readJsonBody(c, importRequestSchema, { opsAnsweredOneByOne: true });
    const { user } = c.get('session');
    const result = await importOutbox(db.kysely, user, body.file, deps);
    if (!result.ok) throw httpError(result.error);
    const { blobsStored, blobsSkipped, ...answer } = result.value;
    deps.logger.info('outbox file imported', {
      requestId: c.get('requestId'),
      deviceId: body.file.deviceId,
      byUserId: user.id,
      ops: answer.results.length,
      blobsStored,
      blobsSkipped,
    });
    const response: ImportResponse = answer;
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  return app;
}
