/** `GET /api/health`: liveness plus the database kind. */
import { sql } from 'kysely';
import { Hono } from 'hono';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';

export function healthRoutes(db: AppDatabase): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/health', async (c) => {
    // A failing query throws, and the error handler answers 500 internal.
    await sql`select 1`.execute(db.kysely);
    return c.json({ ok: true, db: db.kind });
  });
  return app;
}
