/**
 * `GET /api/reports/{methods|funnel|progress|quality|cost}?period=YYYY-MM` (issue 14,
 * docs/reports.md): `reports.view`, scoped to the user's communes (every commune for an admin);
 * `PUT /api/reports/fees/{YYYY-MM}`: an admin's fees of a month (`fees.manage`).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { isoMonth, PROTOCOL_VERSION } from '../../protocol/common';
import { can, scopeOf } from '../../protocol/permissions';
import { feesRequestSchema, reportQuerySchema } from '../../protocol/reports';
import type { Clock } from '../../lib/clock';
import type { AppDatabase } from '../db/database';
import { readJsonBody, readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { costReport, setFees } from '../reports/fees';
import { funnelReport, methodsReport, progressReport, qualityReport } from '../reports/report-queries';

export function reportRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
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
      case 'cost':
        return c.json({ ...head, rows: await costReport(db.kysely, scope, period) });
      default:
        throw httpError('not-found');
    }
  });
  // An admin enters the month's fees per method (docs/reports.md "Cost").
  app.put('/api/reports/fees/:period', session, async (c) => {
    const period = isoMonth.safeParse(c.req.param('period'));
    // Months of the pilot's era only: a fee for year 0000 is a typing error.
    if (!period.success || period.data < '2020-01' || period.data > '2099-12') throw httpError('not-found');
    const { fees } = await readJsonBody(c, feesRequestSchema);
    const result = await setFees(db.kysely, c.get('session').user, { period: period.data, fees, now: clock.now() });
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value });
  });
  return app;
}
