/** `PUT /api/blobs/:sha256` (docs/protocol.md "Blobs"); the 2 MiB limit is applied by `bodyLimits`. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import type { BlobPutResponse } from '../../protocol/blobs';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { putBlob } from '../services/blobs';

export function blobRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/api/blobs/:sha256', session, async (c) => {
    const sha256 = c.req.param('sha256');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await putBlob(db.kysely, {
      sha256,
      contentType: c.req.header('content-type'),
      bytes,
      userId: c.get('session').user.id,
      now: clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    const response: BlobPutResponse = { protocol: PROTOCOL_VERSION, sha256, ...result.value };
    return c.json(response);
  });
  return app;
}
