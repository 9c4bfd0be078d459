/**
 * Opened accounts (docs/protocol.md "Opened accounts"): `POST /api/providers/{id}/opened-accounts`
 * (the provider's file as the body: a review, nothing changes) and
 * `POST /api/providers/{id}/opened-accounts/{importId}/apply` (the rows a supervisor accepted).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Clock } from '../../lib/clock';
import { PROTOCOL_VERSION } from '../../protocol/common';
import {
  openedAccountsApplyRequestSchema,
  openedAccountsQuerySchema,
  type openedAccountsReviewSchema,
} from '../../protocol/opened-accounts';
import { applyOpenedAccounts, readOpenedAccounts } from '../batches/opened-accounts';
import type { AppDatabase } from '../db/database';
import { readJsonBody, readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { actorOf } from '../http/actor';
import { httpError } from '../http/errors';
import { fileNameOf } from '../http/file-name';
import type { Logger } from '../logger';

export function openedAccountRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  deps: { clock: Clock; logger: Logger },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/api/providers/:id/opened-accounts', session, async (c) => {
    const { commune } = readQuery(c, openedAccountsQuerySchema);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await readOpenedAccounts(db.kysely, actorOf(c, deps.clock), {
      providerId: c.req.param('id'),
      commune,
      bytes,
      fileName: fileNameOf(c.req.header('x-filename'), 'tai-khoan-da-mo'),
    });
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies z.input<typeof openedAccountsReviewSchema>);
  });

  app.post('/api/providers/:id/opened-accounts/:importId/apply', session, async (c) => {
    const { accept } = await readJsonBody(c, openedAccountsApplyRequestSchema);
    const actor = actorOf(c, deps.clock);
    const result = await applyOpenedAccounts(db.kysely, actor, {
      providerId: c.req.param('id'),
      importId: c.req.param('importId'),
      accept,
    });
    if (!result.ok) throw httpError(result.error);
    deps.logger.info('opened accounts applied', {
      requestId: c.get('requestId'),
      byUserId: actor.user.id,
      applied: result.value.applied,
    });
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies z.input<typeof openedAccountsReviewSchema>);
  });
  return app;
}
