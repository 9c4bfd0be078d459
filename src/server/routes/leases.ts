/**
 * `GET /api/communes/leases` and `PUT /api/communes/{code}/lease` (admins; docs/protocol.md
 * "Pull"): the communes' offline leases in days.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { communeCodeSchema, PROTOCOL_VERSION } from '../../protocol/common';
import { leaseRequestSchema, type LeaseResponse, type LeasesResponse } from '../../protocol/leases';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { DEFAULT_LEASE_DAYS, listLeases, setLeaseDays } from '../services/leases';

export function leaseRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/communes/leases', session, async (c) => {
    const result = await listLeases(db.kysely, c.get('session').user);
    if (!result.ok) throw httpError(result.error);
    const response: LeasesResponse = {
      protocol: PROTOCOL_VERSION,
      defaultDays: DEFAULT_LEASE_DAYS,
      leases: result.value,
    };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  app.put('/api/communes/:code/lease', session, async (c) => {
    const code = communeCodeSchema.safeParse(c.req.param('code'));
    if (!code.success) throw httpError('not-found');
    const { days } = await readJsonBody(c, leaseRequestSchema);
    const result = await setLeaseDays(db.kysely, c.get('session').user, { commune: code.data, days, now: clock.now() });
    if (!result.ok) throw httpError(result.error);
    const response: LeaseResponse = { protocol: PROTOCOL_VERSION, ...result.value };
    return c.json(response);
  });
  return app;
}
