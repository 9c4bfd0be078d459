/** Who acts in a request that records ops for them (batches, opened accounts): the session's user and device. */
import type { Context } from 'hono';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../batches/batch-store';
import type { AppEnv } from './context';

export function actorOf(c: Context<AppEnv>, clock: Clock): Actor {
  const s = c.get('session');
  return { user: s.user, deviceId: s.deviceId, now: clock.now() };
}
