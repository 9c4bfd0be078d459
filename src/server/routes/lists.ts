/**
 * Monthly lists (docs/protocol.md "Lists"), pinned for other programs:
 * `POST /api/lists/import?period=YYYY-MM&commune=CODE` with the file as the body (`X-Filename`
 * percent-encoded UTF-8), `POST /api/lists/{listId}/submit | return | approve | publish`,
 * `PUT /api/lists/mappings` (how a layout's columns are read from now on),
 * `PUT /api/lists/{listId}/decreases` (why each person leaves it), `PUT …/matches` (name-only
 * matches answered), `PUT …/field-outcomes` (field findings about people on it answered),
 * `POST /api/lists/findings-file` (the file back with a column of findings), and
 * `GET /api/lists/{listId}/export` (an approved list in the columns it came in).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { z } from 'zod';
import {
  listDecreasesRequestSchema,
  type listDecreasesResponseSchema,
  listImportQuerySchema,
  listFieldOutcomesRequestSchema,
  type listFieldOutcomesResponseSchema,
  listMatchesRequestSchema,
  type listMatchesResponseSchema,
  listMappingRequestSchema,
  listReturnRequestSchema,
  listsQuerySchema,
  type listsResponseSchema,
  type ListDetail,
  type ListImportResponse,
  type ListStepResponse,
} from '../../protocol/lists';
import type { AppDatabase } from '../db/database';
import { readJsonBody, readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { fileNameOf } from '../http/file-name';
import type { Logger } from '../logger';
import { setDecreaseReasons } from '../services/list-decisions';
import { setFieldOutcomes } from '../services/list-field-outcomes';
import { setMatches } from '../services/list-matches';
import { exportList } from '../services/list-export';
import { findingsFile } from '../services/list-findings-file';
import { importList } from '../services/list-import';
import { saveMapping } from '../services/list-mappings';
import { publishList } from '../services/list-publish';
import { getList, listLists } from '../services/list-views';
import { takeListStep, type ListStep } from '../services/list-steps';

export function listRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  deps: { clock: Clock; logger: Logger },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/lists', session, async (c) => {
    const query = readQuery(c, listsQuerySchema);
    const result = await listLists(db.kysely, c.get('session').user, query);
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ protocol: PROTOCOL_VERSION, lists: result.value } satisfies z.input<typeof listsResponseSchema>);
  });

  app.put('/api/lists/:listId/matches', session, async (c) => {
    const { answers } = await readJsonBody(c, listMatchesRequestSchema);
    const listId = c.req.param('listId');
    const result = await setMatches(db.kysely, c.get('session').user, { listId, answers, now: deps.clock.now() });
    if (!result.ok) throw httpError(result.error);
    return c.json({
      protocol: PROTOCOL_VERSION,
      listId,
      undecided: result.value.undecided,
    } satisfies z.input<typeof listMatchesResponseSchema>);
  });

  app.put('/api/lists/:listId/field-outcomes', session, async (c) => {
    const { answers } = await readJsonBody(c, listFieldOutcomesRequestSchema);
    const listId = c.req.param('listId');
    const result = await setFieldOutcomes(db.kysely, c.get('session').user, {
      listId,
      answers,
      now: deps.clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    return c.json({
      protocol: PROTOCOL_VERSION,
      listId,
      undecided: result.value.undecided,
    } satisfies z.input<typeof listFieldOutcomesResponseSchema>);
  });

  app.put('/api/lists/:listId/decreases', session, async (c) => {
    const { decisions } = await readJsonBody(c, listDecreasesRequestSchema);
    const result = await setDecreaseReasons(db.kysely, c.get('session').user, {
      listId: c.req.param('listId'),
      decisions,
      now: deps.clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    return c.json({
      protocol: PROTOCOL_VERSION,
      listId: c.req.param('listId'),
      missing: result.value.missing,
    } satisfies z.input<typeof listDecreasesResponseSchema>);
  });

  app.get('/api/lists/:listId/export', session, async (c) => {
    const result = await exportList(db.kysely, c.get('session').user, c.req.param('listId'));
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.value.fileName)}`);
    return c.body(result.value.bytes.slice().buffer);
  });

  app.get('/api/lists/:listId', session, async (c) => {
    const result = await getList(db.kysely, c.get('session').user, c.req.param('listId'));
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    const response: ListDetail = { protocol: PROTOCOL_VERSION, ...result.value };
    return c.json(response);
  });

  app.put('/api/lists/mappings', session, async (c) => {
    const body = await readJsonBody(c, listMappingRequestSchema);
    const result = await saveMapping(db.kysely, c.get('session').user, { ...body, now: deps.clock.now() });
    if (!result.ok) throw httpError(result.error);
    return c.json({ protocol: PROTOCOL_VERSION, fields: result.value });
  });

  app.post('/api/lists/findings-file', session, async (c) => {
    const query = readQuery(c, listImportQuerySchema);
    const fileName = fileNameOf(c.req.header('x-filename'), 'danh-sach');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await findingsFile(db.kysely, c.get('session').user, {
      period: query.period,
      communeCode: query.commune,
      fileName,
      bytes,
      kind: query.kind,
    });
    if (!result.ok) throw httpError(result.error);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(result.value.fileName)}`);
    return c.body(result.value.bytes.slice().buffer);
  });

  app.post('/api/lists/import', session, async (c) => {
    const query = readQuery(c, listImportQuerySchema);
    const { user } = c.get('session');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await importList(
      db.kysely,
      user,
      {
        period: query.period,
        communeCode: query.commune,
        fileName: fileNameOf(c.req.header('x-filename'), 'danh-sach'),
        bytes,
        kind: query.kind,
      },
      deps.clock.now(),
    );
    if (!result.ok) throw httpError(result.error);
    const { kind, answer } = result.value;
    deps.logger.info('list import', {
      requestId: c.get('requestId'),
      byUserId: user.id,
      commune: query.commune,
      period: query.period,
      outcome: kind,
      rows: answer.diff.increases + answer.diff.adjustments + answer.diff.unchanged,
    });
    const response: ListImportResponse = { protocol: PROTOCOL_VERSION, ...answer };
    c.header('Cache-Control', 'no-store');
    // With an error finding nothing is created: 422 with the findings.
    return c.json(response, kind === 'refused' ? 422 : 200);
  });

  const step = (name: ListStep) =>
    app.post(`/api/lists/:listId/${name}`, session, async (c) => {
      const comment = name === 'return' ? (await readJsonBody(c, listReturnRequestSchema)).comment : undefined;
      const { user } = c.get('session');
      const result = await takeListStep(db.kysely, user, {
        listId: c.req.param('listId'),
        step: name,
        comment,
        now: deps.clock.now(),
      });
      if (!result.ok) throw httpError(result.error);
      const response: ListStepResponse = { protocol: PROTOCOL_VERSION, ...result.value };
      return c.json(response);
    });
  step('submit');
  step('return');
  step('approve');

  app.post('/api/lists/:listId/publish', session, async (c) => {
    const { user } = c.get('session');
    const result = await publishList(db.kysely, user, { listId: c.req.param('listId'), now: deps.clock.now() });
    if (!result.ok) throw httpError(result.error);
    const { lines, enrolled, ...answer } = result.value;
    deps.logger.info('list published', { requestId: c.get('requestId'), byUserId: user.id, lines, enrolled });
    const response: ListStepResponse = { protocol: PROTOCOL_VERSION, ...answer };
    return c.json(response);
  });
  return app;
}
