/** `GET /api/conflicts?status=open|resolved&limit=` (supervisors and admins, in their communes). */
import { Hono, type MiddlewareHandler } from 'hono';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { conflictsQuerySchema, type ConflictsResponse } from '../../protocol/conflicts';
import { can } from '../../protocol/permissions';
import type { AppDatabase } from '../db/database';
import { readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { listConflicts } from '../services/conflicts';

export function conflictRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/conflicts', session, async (c) => {
    const { user } = c.get('session');
    // Officers and payers see their own conflicts through pull (`conflict` entities).
    if (!can(user, 'conflicts.review')) throw httpError('forbidden');
    const query = readQuery(c, conflictsQuerySchema);
    const response: ConflictsResponse = {
      protocol: PROTOCOL_VERSION,
      conflicts: await listConflicts(db.kysely, user, query),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  return app;
}
