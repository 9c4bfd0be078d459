/** `GET /api/cash?month=YYYY-MM` (docs/protocol.md "Cash ops"): the month's cash ledgers. */
import { Hono, type MiddlewareHandler } from 'hono';
import { cashQuerySchema, type CashResponse } from '../../protocol/cash';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { can } from '../../protocol/permissions';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { readCashLedgers } from '../services/cash-ledgers';

export function cashRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/cash', session, async (c) => {
    const { user } = c.get('session');
    if (!can(user, 'cash.ledgers')) throw httpError('forbidden');
    const query = cashQuerySchema.safeParse({ month: c.req.query('month') });
    if (!query.success) throw httpError('invalid-query');
    const ledgers = await readCashLedgers(db.kysely, user, query.data.month);
    const response: CashResponse = { protocol: PROTOCOL_VERSION, month: query.data.month, ledgers };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  return app;
}
