/**
 * Verifiable receipts (issue 16; docs/protocol.md "Verifiable receipts"): `PUT /api/devices/{id}/key`
 * (the device itself, once), `GET /api/devices/keys` (devices of the caller's communes) and
 * `GET /api/receipts/flags` (supervisors, admins).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Clock } from '../../lib/clock';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { deviceKeyRequestSchema, type DeviceKeysResponse, type ReceiptFlagsResponse } from '../../protocol/receipts';
import type { AppDatabase } from '../db/database';
import { readJsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { httpError } from '../http/errors';
import type { Logger } from '../logger';
import { listDeviceKeys, listReceiptFlags, registerDeviceKey } from '../services/receipts';

export function receiptRoutes(
  db: AppDatabase,
  session: MiddlewareHandler<AppEnv>,
  deps: { clock: Clock; logger: Logger },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/devices/keys', session, async (c) => {
    const result = await listDeviceKeys(db.kysely, c.get('session').user);
    if (!result.ok) throw httpError(result.error);
    const response: DeviceKeysResponse = { protocol: PROTOCOL_VERSION, keys: result.value };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });

  app.put('/api/devices/:id/key', session, async (c) => {
    const { publicKey } = await readJsonBody(c, deviceKeyRequestSchema);
    const deviceId = c.req.param('id');
    const result = await registerDeviceKey(db.kysely, c.get('session'), {
      deviceId,
      publicKey,
      now: deps.clock.now(),
    });
    if (!result.ok) throw httpError(result.error);
    deps.logger.info('device key registered', { requestId: c.get('requestId'), deviceId });
    return c.json({ protocol: PROTOCOL_VERSION, key: result.value });
  });

  app.get('/api/receipts/flags', session, async (c) => {
    const result = await listReceiptFlags(db.kysely, c.get('session').user);
    if (!result.ok) throw httpError(result.error);
    const response: ReceiptFlagsResponse = { protocol: PROTOCOL_VERSION, flags: result.value };
    c.header('Cache-Control', 'no-store');
    return c.json(response);
  });
  return app;
}
