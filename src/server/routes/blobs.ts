/** `PUT /api/blobs/:sha256` (docs/protocol.md "Blobs"); the 2 MiB limit is applied by `bodyLimits`. */
import { can } from '../../protocol/permissions';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import type { BlobPutResponse } from '../../protocol/blobs';
import type { EvidenceResponse } from '../../protocol/evidence';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import type { Logger } from '../logger';
import { putBlob, type BlobPolicy } from '../services/blobs';
import { evidenceBlob, lineEvidence } from '../services/evidence';

export function blobRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  clock: Clock,
  logger: Logger,
  policy: BlobPolicy,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/api/blobs/:sha256', session, async (c) => {
    // Evidence comes with the ops that name it: a role that sends none uploads none.
    const { user } = c.get('session');
    if (!can(user, 'payment.record') && !can(user, 'beneficiary.set-account-status')) throw httpError('forbidden');
    const sha256 = c.req.param('sha256');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await putBlob(db.kysely, {
      sha256,
      contentType: c.req.header('content-type'),
      bytes,
      userId: c.get('session').user.id,
      now: clock.now(),
      policy,
    });
    if (!result.ok) throw httpError(result.error);
    const response: BlobPutResponse = { protocol: PROTOCOL_VERSION, sha256, ...result.value };
    return c.json(response);
  });

  // A payment's evidence, for a supervisor of the line's commune; every look is logged.
  app.get('/api/lines/:lineId/evidence', session, async (c) => {
    const { user } = c.get('session');
    const lineId = c.req.param('lineId');
    const result = await lineEvidence(db.kysely, { user, now: clock.now() }, lineId);
    if (!result.ok) throw httpError(result.error);
    logger.info('evidence viewed', { requestId: c.get('requestId'), byUserId: user.id, lineId });
    return c.json({ protocol: PROTOCOL_VERSION, lineId, payments: result.value } satisfies EvidenceResponse);
  });

  app.get('/api/lines/:lineId/evidence/:sha256', session, async (c) => {
    const { user } = c.get('session');
    const lineId = c.req.param('lineId');
    const result = await evidenceBlob(db.kysely, { user, now: clock.now() }, { lineId, sha256: c.req.param('sha256') });
    if (!result.ok) throw httpError(result.error);
    logger.info('evidence blob viewed', { requestId: c.get('requestId'), byUserId: user.id, lineId });
    c.header('Content-Type', result.value.contentType);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(result.value.bytes.slice().buffer);
  });
  return app;
}
