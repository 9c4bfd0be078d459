/**
 * Closing a commune's month (docs/protocol.md "Closing a month"):
 * `GET /api/months/{period}/{commune}/closing` and `POST /api/months/{period}/{commune}/close`.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { closeRequestSchema, monthParamsSchema, type ClosingResponse } from '../../protocol/month-close';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import type { Logger } from '../logger';
import { closeMonth, closingView } from '../months/month-close';

/** The month the path names; a path naming none is not found. */
function monthOf(c: Context<AppEnv>) {
  const parsed = monthParamsSchema.safeParse({ period: c.req.param('period'), commune: c.req.param('commune') });
  if (!parsed.success) throw httpError('not-found');
  return parsed.data;
}

export function monthRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  deps: { clock: Clock; logger: Logger },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/months/:period/:commune/closing', session, async (c) => {
    const result = await closingView(db.kysely, c.get('session').user, monthOf(c));
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies ClosingResponse);
  });

  app.post('/api/months/:period/:commune/close', session, async (c) => {
    const month = monthOf(c);
    const { decisions } = await readJsonBody(c, closeRequestSchema);
    const { user } = c.get('session');
    const result = await closeMonth(db.kysely, user, { ...month, decisions, now: deps.clock.now() });
    if (!result.ok) throw httpError(result.error);
    const { summary } = result.value;
    deps.logger.info('month closed', {
      requestId: c.get('requestId'),
      byUserId: user.id,
      commune: month.commune,
      period: month.period,
      carried: summary.carried.count,
      ended: summary.ended.count,
    });
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies ClosingResponse);
  });
  return app;
}
