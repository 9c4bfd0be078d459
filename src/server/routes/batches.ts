/**
 * Non-cash payout (docs/protocol.md "Batches"): `GET|PUT /api/providers[/{id}]`,
 * `PUT /api/providers/{id}/result-mapping`, `GET|POST /api/batches`, `GET /api/batches/{id}`,
 * `POST /api/batches/{id}/approve | cancel | close`, `GET /api/batches/{id}/file` (the first
 * download sends the batch), `POST /api/batches/{id}/results` (a result file as the body: a
 * preview), `POST /api/batches/{id}/results/{importId}/apply` and `PUT /api/batches/{id}/reroutes`.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Clock } from '../../lib/clock';
import {
  batchCancelSchema,
  batchCreateSchema,
  batchesQuerySchema,
  providerInputSchema,
  reroutesRequestSchema,
  resultMappingQuerySchema,
  resultMappingRequestSchema,
  type batchesResponseSchema,
  type batchResponseSchema,
  type providersResponseSchema,
  type resultPreviewSchema,
} from '../../protocol/batches';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { AppDatabase } from '../db/database';
import { readJsonBody, readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { actorOf } from '../http/actor';
import { httpError } from '../http/errors';
import { fileNameOf } from '../http/file-name';
import type { Logger } from '../logger';
import { createBatch } from '../batches/batch-create';
import { downloadBatch } from '../batches/batch-export';
import { rerouteFailed } from '../batches/batch-reroute';
import { applyResults, previewResults } from '../batches/batch-results';
import { approveBatch, cancelBatch, closeBatch } from '../batches/batch-steps';
import { getBatch, listBatches } from '../batches/batch-views';
import { listProviders, putProvider, putResultMapping } from '../batches/providers';

/** A path id of at most 100 characters (ill-formed text never gets here: `wellFormedPaths`). */
function idParam(c: Context<AppEnv>, name: string): string {
  const id = c.req.param(name) ?? '';
  if (id === '' || id.length > 100) throw httpError('not-found');
  return id;
}

export function batchRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  deps: { clock: Clock; logger: Logger },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const detail = async (c: Context<AppEnv>, batchId: string) => {
    const result = await getBatch(db.kysely, c.get('session').user, batchId);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, batch: result.value } satisfies z.input<typeof batchResponseSchema>);
  };

  app.get('/api/providers', session, async (c) => {
    const result = await listProviders(db.kysely, c.get('session').user);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({
      protocol: PROTOCOL_VERSION,
      providers: result.value,
    } satisfies z.input<typeof providersResponseSchema>);
  });

  app.put('/api/providers/:id/result-mapping', session, async (c) => {
    const { mapping } = await readJsonBody(c, resultMappingRequestSchema);
    const { commune } = readQuery(c, resultMappingQuerySchema);
    const result = await putResultMapping(db.kysely, c.get('session').user, {
      providerId: idParam(c, 'id'),
      commune,
      mapping,
      now: deps.clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, provider: result.value });
  });

  app.put('/api/providers/:id', session, async (c) => {
    const provider = await readJsonBody(c, providerInputSchema);
    const id = idParam(c, 'id');
    if (!/^[\w-]{1,100}$/u.test(id)) throw httpError('not-found');
    const result = await putProvider(db.kysely, c.get('session').user, { id, provider, now: deps.clock.now() });
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, provider: result.value });
  });

  app.get('/api/batches', session, async (c) => {
    const query = readQuery(c, batchesQuerySchema);
    const result = await listBatches(db.kysely, c.get('session').user, query);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, batches: result.value } satisfies z.input<
      typeof batchesResponseSchema
    >);
  });

  app.post('/api/batches', session, async (c) => {
    const body = await readJsonBody(c, batchCreateSchema);
    const actor = actorOf(c, deps.clock);
    const result = await createBatch(db.kysely, actor, body);
    if (!result.ok) throw httpError(result.error);
    deps.logger.info('batch prepared', {
      requestId: c.get('requestId'),
      byUserId: actor.user.id,
      commune: body.commune,
    });
    return detail(c, result.value.batchId);
  });

  app.get('/api/batches/:id', session, (c) => detail(c, idParam(c, 'id')));

  app.post('/api/batches/:id/approve', session, async (c) => {
    const result = await approveBatch(db.kysely, actorOf(c, deps.clock), idParam(c, 'id'));
    if (!result.ok) throw httpError(result.error);
    return detail(c, result.value.batchId);
  });

  app.post('/api/batches/:id/cancel', session, async (c) => {
    const { note } = await readJsonBody(c, batchCancelSchema);
    const result = await cancelBatch(db.kysely, actorOf(c, deps.clock), { batchId: idParam(c, 'id'), note });
    if (!result.ok) throw httpError(result.error);
    return detail(c, result.value.batchId);
  });

  app.post('/api/batches/:id/close', session, async (c) => {
    const result = await closeBatch(db.kysely, actorOf(c, deps.clock), idParam(c, 'id'));
    if (!result.ok) throw httpError(result.error);
    return detail(c, result.value.batchId);
  });

  app.get('/api/batches/:id/file', session, async (c) => {
    const actor = actorOf(c, deps.clock);
    const result = await downloadBatch(db.kysely, actor, idParam(c, 'id'));
    if (!result.ok) throw httpError(result.error);
    deps.logger.info('batch file', {
      requestId: c.get('requestId'),
      byUserId: actor.user.id,
      batch: idParam(c, 'id'),
    });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', result.value.contentType);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.value.fileName)}`);
    return c.body(result.value.bytes.slice().buffer);
  });

  app.post('/api/batches/:id/results', session, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await previewResults(db.kysely, actorOf(c, deps.clock), {
      batchId: idParam(c, 'id'),
      bytes,
      fileName: fileNameOf(c.req.header('x-filename'), 'ket-qua'),
    });
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies z.input<typeof resultPreviewSchema>);
  });

  app.post('/api/batches/:id/results/:importId/apply', session, async (c) => {
    const actor = actorOf(c, deps.clock);
    const result = await applyResults(db.kysely, actor, {
      batchId: idParam(c, 'id'),
      importId: idParam(c, 'importId'),
    });
    if (!result.ok) throw httpError(result.error);
    deps.logger.info('batch results', {
      requestId: c.get('requestId'),
      byUserId: actor.user.id,
      paid: result.value.paid,
      failed: result.value.failed,
    });
    return c.json({ protocol: PROTOCOL_VERSION, ...result.value } satisfies z.input<typeof resultPreviewSchema>);
  });

  app.put('/api/batches/:id/reroutes', session, async (c) => {
    const { decisions } = await readJsonBody(c, reroutesRequestSchema);
    const result = await rerouteFailed(db.kysely, actorOf(c, deps.clock), { batchId: idParam(c, 'id'), decisions });
    if (!result.ok) throw httpError(result.error);
    return detail(c, idParam(c, 'id'));
  });
  return app;
}
