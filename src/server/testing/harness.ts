/** The real app over a real database, for behaviour tests through `app.request`. */
import { fixedClock } from '../../lib/clock';
import type { Role } from '../../domain/vocabulary';
import type { Gate } from '../../lib/gate';
import { createApp } from '../app';
import type { ServerConfig } from '../config';
import type { AppDatabase } from '../db/database';
import { createMemoryLogger } from '../logger';
import { defaultAuthSettings } from '../services/auth';
import { defaultBlobPolicy, type BlobPolicy } from '../services/blobs';
import { testHashOptions } from '../services/passwords';
import { createUser } from '../services/users';
import { makeSqliteDb } from './databases';

/** 2026-11-15 10:00 in Vietnam. */
export const TEST_NOW = Date.UTC(2026, 10, 15, 3, 0);

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export async function createHarness(
  options: { db?: AppDatabase; staticDir?: string | null; blobs?: BlobPolicy; pullGate?: Gate } = {},
) {
  const db = options.db ?? (await makeSqliteDb());
  const clock = fixedClock(TEST_NOW);
  const logger = createMemoryLogger();
  const config: ServerConfig = {
    staticDir: options.staticDir ?? null,
    hashOptions: testHashOptions,
    tokenTtlMs: defaultAuthSettings.tokenTtlMs,
    throttle: defaultAuthSettings.throttle,
    // Tests name the client's address in X-Forwarded-For.
    trustProxy: true,
    blobs: options.blobs ?? defaultBlobPolicy,
  };
  const app = createApp({ db, clock, logger, config, pullGate: options.pullGate });

  const request = (
    path: string,
    init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    return app.request(path, body === undefined ? { method, headers } : { method, headers, body });
  };

  const addUser = async (username: string, role: Role, communes: string[], password = 'mat-khau-1') => {
    const created = await createUser(
      db.kysely,
      { id: `user-${username}`, username, displayName: `Người dùng ${username}`, role, communes, password },
      { now: clock.now(), hashOptions: testHashOptions },
    );
    if (!created.ok) throw new Error(created.error);
    return created.value;
  };

  const loginBody = (username: string, password: string, deviceId = `device-${username}`) => ({
    protocol: 1,
    username,
    password,
    device: { id: deviceId, name: `Máy tính bảng ${username}` },
  });

  /** Signs in and returns the token; throws if the sign-in fails. */
  const signIn = async (username: string, password = 'mat-khau-1', deviceId?: string) => {
    const res = await request('/api/auth/login', { body: loginBody(username, password, deviceId) });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
    const json = (await res.json()) as { token: string };
    return json.token;
  };

  return { app, db, clock, logger, request, addUser, loginBody, signIn, close: () => db.close() };
}
