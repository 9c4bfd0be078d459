/** `GET /api/devices`, `POST /api/devices/:id/retire`, `POST /api/devices/:id/revoke` (supervisors, admins). */
import { Hono, type MiddlewareHandler } from 'hono';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { DeviceResponse, DevicesResponse } from '../../protocol/devices';
import type { AppDatabase } from '../db/database';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import type { Logger } from '../logger';
import { changeDeviceStatus, listDevices } from '../services/devices';

export function deviceRoutes(db: AppDatabase, session: MiddlewareHandler<AppEnv>, logger: Logger): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/devices', session, async (c) => {
    const result = await listDevices(db.kysely, c.get('session').user);
    if (!result.ok) throw httpError(result.error);
    const response: DevicesResponse = { protocol: PROTOCOL_VERSION, devices: result.value };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });

  for (const [action, status] of [
    ['retire', 'retired'],
    ['revoke', 'revoked'],
  ] as const) {
    app.post(`/api/devices/:id/${action}`, session, async (c) => {
      const { user } = c.get('session');
      const deviceId = c.req.param('id');
      const result = await changeDeviceStatus(db.kysely, user, deviceId, status);
      if (!result.ok) throw httpError(result.error);
      logger.info('device status changed', { requestId: c.get('requestId'), deviceId, status, byUserId: user.id });
      const response: DeviceResponse = { protocol: PROTOCOL_VERSION, device: result.value };
      return c.json(response);
    });
  }
  return app;
}
