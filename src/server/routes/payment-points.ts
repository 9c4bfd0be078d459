/** `PUT /api/communes/:code/payment-points` (docs/protocol.md "Payment points"): a commune's schedule. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { communeCodeSchema, PROTOCOL_VERSION } from '../../protocol/common';
import { paymentScheduleRequestSchema, type PaymentScheduleResponse } from '../../protocol/payment-points';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { setPaymentSchedule } from '../services/payment-points';

export function paymentPointRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/api/communes/:code/payment-points', session, async (c) => {
    const code = communeCodeSchema.safeParse(c.req.param('code'));
    if (!code.success) throw httpError('not-found');
    const { schedule } = await readJsonBody(c, paymentScheduleRequestSchema);
    const result = await setPaymentSchedule(db.kysely, c.get('session').user, {
      commune: code.data,
      schedule,
      now: clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    const response: PaymentScheduleResponse = {
      protocol: PROTOCOL_VERSION,
      communeCode: code.data,
      schedule: result.value,
    };
    return c.json(response);
  });
  return app;
}
