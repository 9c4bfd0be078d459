/**
 * `GET /api/reports/{methods|funnel|progress|quality}?period=YYYY-MM` (issue 14, docs/reports.md):
 * `reports.view`, scoped to the user's communes (every commune for an admin).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { can, scopeOf } from '../../protocol/permissions';
import { reportQuerySchema } from '../../protocol/reports';
import type { AppDatabase } from '../db/database';
import { readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { funnelReport, methodsReport, progressReport, qualityReport } from '../reports/report-queries';

export function reportRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/reports/:report', session, async (c) => {
    const { user } = c.get('session');
    if (!can(user, 'reports.view')) throw httpError('forbidden');
    const { period } = readQuery(c, reportQuerySchema);
    const scope = scopeOf(user);
    const head = { protocol: PROTOCOL_VERSION, period };
    switch (c.req.param('report')) {
      case 'methods':
        return c.json({ ...head, rows: await methodsReport(db.kysely, scope, period) });
      case 'funnel':
        return c.json({ ...head, rows: await funnelReport(db.kysely, scope, period) });
      case 'progress':
        return c.json({ ...head, ...(await progressReport(db.kysely, scope, period)) });
      case 'quality':
        return c.json({ ...head, ...(await qualityReport(db.kysely, scope, period)) });
      default:
        throw httpError('not-found');
    }
  });
  return app;
}
