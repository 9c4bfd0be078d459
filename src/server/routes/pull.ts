/** `GET /api/sync/pull?cursor=&limit=` (docs/protocol.md "Pull"). */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { createGate, type Gate } from '../../lib/gate';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { can } from '../../protocol/permissions';
import { pullQuerySchema, type PullResponse } from '../../protocol/pull';
import { encodeColumnsPage } from '../../protocol/pull-columns';
import type { Database } from '../db/schema';
import { readQuery } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import { pullPage, type PullPage } from '../services/pull';
import { leaseDaysFor } from '../services/leases';
import { rowsForRole } from '../services/pull-fields';

/**
 * Pull pages built at once per server process. A page of 5,000 records is a few megabytes of rows
 * and text while it is built; `npm run load` (300 tablets starting together on two processes)
 * peaked at about 1 GB per process without a bound. Building is CPU and database work on two
 * cores, so waiting in line costs no throughput.
 */
export const PULL_PAGES_AT_ONCE = 4;

export function pullRoutes(
  db: Kysely<Database>,
  session: MiddlewareHandler<AppEnv>,
  cursorSecret: () => Promise<string>,
  gate: Gate = createGate(PULL_PAGES_AT_ONCE),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/sync/pull', session, async (c) => {
    // A retired device gets no more data; the app sends what it holds, then wipes.
    if (c.get('session').deviceStatus === 'retired') throw httpError('device-retired');
    // Reports-only users get no personal data onto their device.
    if (!can(c.get('session').user, 'roster.pull')) throw httpError('forbidden');
    const query = readQuery(c, pullQuerySchema);
    const { user } = c.get('session');
    const body = await gate.run(async () => {
      const result = await pullPage(db, {
        communes: user.communes,
        cursor: query.cursor,
        limit: query.limit,
        cursorSecret: await cursorSecret(),
      });
      if (!result.ok) throw httpError(result.error);
      const page = { ...result.value, changes: rowsForRole(user.role, result.value.changes) };
      const leaseDays = await leaseDaysFor(db, user.communes);
      return query.format === 'columns' ? serializeColumnsPage(page, leaseDays) : serializePage(page, leaseDays);
    });
    c.header('Cache-Control', 'no-store');
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
  return app;
}

/**
 * Builds the response text around the stored JSON of each entity instead of parsing and
 * re-serialising thousands of objects per page. The stored text was written by
 * JSON.stringify in the entity store, so it is valid JSON.
 */
export function serializePage(page: PullPage, leaseDays?: number): string {
  const changes = page.changes.map(
    (ch) =>
      `{"entity":${JSON.stringify(ch.entity)},"id":${JSON.stringify(ch.id)},"version":${ch.version},` +
      `"deleted":${ch.deleted},"data":${ch.dataJson ?? 'null'}}`,
  );
  return (
    `{"protocol":${PROTOCOL_VERSION},"cursor":${JSON.stringify(page.cursor)},"hasMore":${page.hasMore},` +
    `"remaining":${page.remaining},` +
    (leaseDays === undefined ? '' : `"leaseDays":${leaseDays},`) +
    `"changes":[${changes.join(',')}]}`
  );
}

/**
 * The columnar page (`format=columns`, docs/protocol.md "Columnar pages"): the stored JSON is
 * parsed here, since values are regrouped by field: about 13 ms for 2,000 demo records (the plain
 * text 5 ms), paid back by half the bytes to compress.
 */
export function serializeColumnsPage(page: PullPage, leaseDays?: number): string {
  const plain: PullResponse = {
    protocol: PROTOCOL_VERSION,
    cursor: page.cursor,
    hasMore: page.hasMore,
    remaining: page.remaining,
    ...(leaseDays === undefined ? {} : { leaseDays }),
    changes: page.changes.map((ch) => ({
      entity: ch.entity,
      id: ch.id,
      version: ch.version,
      deleted: ch.deleted,
      data: ch.dataJson === null ? null : (JSON.parse(ch.dataJson) as Record<string, unknown>),
    })),
  };
  return JSON.stringify(encodeColumnsPage(plain));
}
