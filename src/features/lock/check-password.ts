/**
 * The server checks a password before the device trusts it for its data key (issue 13: a few wrong
 * PINs require the password and a connection). A sign-in as the device's own user: the answer is
 * a fresh session, which the caller keeps once the device is open.
 */
import { getKv } from '../../storage/kv';
import type { AppDb } from '../../storage/app-db';
import type { Session } from '../../sync/session';
import { TransportError, type Transport } from '../../sync/transport';
import { errorMessage, t } from '../../ui/messages';
import { deviceName } from '../../ui/device-name';

export async function checkPasswordWithServer(
  deps: { db: AppDb; transport: Transport },
  username: string,
  password: string,
): Promise<Session> {
  const deviceId = (await getKv<string>(deps.db, 'deviceId')) ?? '';
  const res = await deps.transport.login({ username, password, device: { id: deviceId, name: deviceName() } });
  return { token: res.token, expiresAt: res.expiresAt, user: res.user };
}

/** What to tell the user when the check could not be made or was refused. */
export function checkFailure(e: unknown): string {
  if (!(e instanceof TransportError)) return errorMessage('unexpected');
  return e.code === 'network' ? t.pinLock.needsConnection : errorMessage(e.code);
}
