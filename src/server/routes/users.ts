/**
 * `GET /api/users`, `POST /api/users`, `PUT /api/users/{id}` and `POST /api/users/{id}/disable`,
 * `/enable`, `/reset-password` (admins; docs/protocol.md "Users").
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { PROTOCOL_VERSION } from '../../protocol/common';
import {
  createUserRequestSchema,
  updateUserRequestSchema,
  userIdSchema,
  type UserResponse,
  type UsersResponse,
} from '../../protocol/users';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import type { HashOptions } from '../services/passwords';
import {
  createManagedUser,
  listUsers,
  resetUserPassword,
  setUserDisabled,
  updateManagedUser,
  type UserAdminDeps,
} from '../services/user-admin';

export function userRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  opts: { clock: Clock; hashOptions: HashOptions },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps = (): UserAdminDeps => ({ db: db.kysely, now: opts.clock.now(), hashOptions: opts.hashOptions });
  const idOf = (raw: string) => {
    const id = userIdSchema.safeParse(raw);
    if (!id.success) throw httpError('not-found');
    return id.data;
  };

  app.get('/api/users', session, async (c) => {
    const result = await listUsers(db.kysely, c.get('session').user, opts.clock.now());
    if (!result.ok) throw httpError(result.error);
    const response: UsersResponse = { protocol: PROTOCOL_VERSION, ...result.value };
    return c.json(response);
  });

  app.post('/api/users', session, async (c) => {
    const { protocol: _, ...input } = await readJsonBody(c, createUserRequestSchema);
    const result = await createManagedUser(deps(), c.get('session').user, input);
    if (!result.ok) throw httpError(result.error);
    const response: UserResponse = { protocol: PROTOCOL_VERSION, ...result.value };
    return c.json(response, 201);
  });

  app.put('/api/users/:id', session, async (c) => {
    const id = idOf(c.req.param('id'));
    const { protocol: _, ...patch } = await readJsonBody(c, updateUserRequestSchema);
    const result = await updateManagedUser(deps(), c.get('session').user, id, patch);
    if (!result.ok) throw httpError(result.error);
    const response: UserResponse = { protocol: PROTOCOL_VERSION, user: result.value };
    return c.json(response);
  });

  for (const step of ['disable', 'enable'] as const) {
    app.post(`/api/users/:id/${step}`, session, async (c) => {
      const result = await setUserDisabled(deps(), c.get('session').user, idOf(c.req.param('id')), step === 'disable');
      if (!result.ok) throw httpError(result.error);
      const response: UserResponse = { protocol: PROTOCOL_VERSION, user: result.value };
      return c.json(response);
    });
  }

  app.post('/api/users/:id/reset-password', session, async (c) => {
    const result = await resetUserPassword(deps(), c.get('session').user, idOf(c.req.param('id')));
    if (!result.ok) throw httpError(result.error);
    const response: UserResponse = { protocol: PROTOCOL_VERSION, ...result.value };
    return c.json(response);
  });

  return app;
}
