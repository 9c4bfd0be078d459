/** `PUT /api/communes/:code/about-pilot` (docs/protocol.md "About the pilot"): a commune's text for beneficiaries. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { aboutPilotRequestSchema, type AboutPilotResponse } from '../../protocol/about-pilot';
import { communeCodeSchema, PROTOCOL_VERSION } from '../../protocol/common';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { setAboutPilot } from '../services/about-pilot';

export function aboutPilotRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/api/communes/:code/about-pilot', session, async (c) => {
    const code = communeCodeSchema.safeParse(c.req.param('code'));
    if (!code.success) throw httpError('not-found');
    const { about } = await readJsonBody(c, aboutPilotRequestSchema);
    const result = await setAboutPilot(db.kysely, c.get('session').user, {
      commune: code.data,
      about,
      now: clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    const response: AboutPilotResponse = { protocol: PROTOCOL_VERSION, communeCode: code.data, about: result.value };
    return c.json(response);
  });
  return app;
}
