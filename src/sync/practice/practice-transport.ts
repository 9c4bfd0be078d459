/**
 * The `Transport` of practice mode (issue 17): sign-in, pull and push answered by the practice
 * server inside the app (practice-server.ts); every other call — lists, batches, reports, users —
 * is refused with `practice-unavailable`, in Vietnamese. Nothing here uses the network: practice
 * work never reaches the real server.
 */
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { User } from '../../protocol/auth';
import { TransportError, type Transport } from '../transport';
import type { PracticeServer } from './practice-server';

const DAY_MS = 24 * 3600_000;
const TOKEN_PREFIX = 'practice:';

export function createPracticeTransport(server: PracticeServer, now: () => number): Transport {
  // A practice token names its practice account, so it outlives a restart of the app (the
  // practice server has nothing to protect; it holds only the sample).
  const userOf = (token: string): User => {
    const user = token.startsWith(TOKEN_PREFIX) ? server.login(token.slice(TOKEN_PREFIX.length)) : null;
    if (!user) throw new TransportError('token-expired', 'Phiên luyện tập đã hết. Hãy đăng nhập luyện tập lại.', 401);
    return user;
  };
  // Answered on a later turn, as a network would.
  const later = <T>(work: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      queueMicrotask(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
  const handled: Partial<Transport> = {
    login: ({ username }) =>
      later(() => {
        const user = server.login(username);
        if (!user)
          throw new TransportError(
            'invalid-credentials',
            'Tài khoản luyện tập là “canbo”, “chitra” hoặc “giamsat”, mật khẩu bất kỳ.',
            401,
          );
        const token = `${TOKEN_PREFIX}${user.username}`;
        return { protocol: PROTOCOL_VERSION, token, expiresAt: new Date(now() + 30 * DAY_MS).toISOString(), user };
      }),
    logout: () => later(() => undefined),
    me: (token) => later(() => userOf(token)),
    pull: (token, cursor, limit) =>
      later(() => {
        userOf(token);
        return server.pull(cursor, limit);
      }),
    push: (token, body) => later(() => server.push(userOf(token), body)),
    // Signatures and photos stay on the practice device.
    putBlob: (token) =>
      later(() => {
        userOf(token);
      }),
  };
  return new Proxy(handled as Transport, {
    get(target, name) {
      if (typeof name === 'string' && Object.hasOwn(target, name)) return Reflect.get(target, name) as unknown;
      return () =>
        Promise.reject(
          new TransportError('practice-unavailable', 'Chế độ luyện tập không có chức năng này: cần máy chủ thật.', 0),
        );
    },
  });
}
