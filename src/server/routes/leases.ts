/** `PUT /api/communes/{code}/lease` (admins; docs/protocol.md "Pull"): a commune's offline lease in days. */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import { communeCodeSchema, PROTOCOL_VERSION } from '../../protocol/common';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { setLeaseDays } from '../services/leases';

const leaseRequestSchema = z.object({ days: z.number().int().min(1).max(90) });

export function leaseRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/api/communes/:code/lease', session, async (c) => {
    const code = communeCodeSchema.safeParse(c.req.param('code'));
    if (!code.success) throw httpError('not-found');
    const { days } = await readJsonBody(c, leaseRequestSchema);
    const result = await setLeaseDays(db.kysely, c.get('session').user, { commune: code.data, days, now: clock.now() });
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value });
  });
  return app;
}
