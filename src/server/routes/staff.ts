/**
 * `GET /api/staff/payers` (docs/protocol.md `payment.assign`, `cash.handover`): who an officer may
 * assign lines to, and who a payer may hand cash over to.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { can, sharedCommunes } from '../../protocol/permissions';
import type { PayersResponse } from '../../protocol/staff';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';

export function staffRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/staff/payers', session, async (c) => {
    const { user } = c.get('session');
    // Officers assign lines to payers; a payer hands cash over to another payer (issue 16).
    if (!can(user, 'payment.assign') && !can(user, 'cash.handover')) throw httpError('forbidden');
    const rows = await db.kysely
      .selectFrom('users')
      .select(['id', 'display_name', 'communes'])
      .where('role', '=', 'payer')
      .where('disabled', '=', 0)
      .orderBy('display_name')
      .execute();
    const payers = rows.flatMap((row) => {
      const communes = sharedCommunes(user, JSON.parse(row.communes) as string[]);
      return communes.length > 0 ? [{ id: row.id, displayName: row.display_name, communes }] : [];
    });
    const response: PayersResponse = { protocol: PROTOCOL_VERSION, payers };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  return app;
}
