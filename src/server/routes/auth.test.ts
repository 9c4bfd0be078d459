import { describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../protocol/error-codes';
import { loginResponseSchema, meResponseSchema } from '../../protocol/auth';
import { setDeviceStatus } from '../services/devices';
import { hashToken } from '../services/auth';
import { createHarness, TEST_NOW } from '../testing/harness';

const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;

describe('auth routes', () => {
  test('signing in returns a token valid for 30 days, the user, and registers the device', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const res = await h.request('/api/auth/login', { body: h.loginBody('payer', 'mat-khau-1', 'tablet-0001') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = loginResponseSchema.parse(await res.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt)).toBe(TEST_NOW + 30 * 24 * 3600_000);
    expect(body.user).toEqual({
      id: 'user-payer',
      username: 'payer',
      displayName: 'Người dùng payer',
      role: 'payer',
      communes: ['19960'],
    });
    const device = await h.db.kysely
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', 'tablet-0001')
      .executeTakeFirst();
    expect(device).toMatchObject({ user_id: 'user-payer', status: 'active', name: 'Máy tính bảng payer' });
    const tokens = await h.db.kysely.selectFrom('tokens').selectAll().execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.token_hash).toBe(hashToken(body.token));
    expect(JSON.stringify(tokens)).not.toContain(body.token);
  });

  test('passwords are stored as Argon2id hashes', async () => {
    const h = await createHarness();
    await h.addUser('officer', 'officer', ['19960']);
    const row = await h.db.kysely.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  test('the username is matched without regard to case', async () => {
    const h = await createHarness();
    await h.addUser('officer', 'officer', ['19960']);
    expect((await h.request('/api/auth/login', { body: h.loginBody('Officer', 'mat-khau-1') })).status).toBe(200);
  });

  test('a wrong password and an unknown user get the same 401 answer', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const wrong = await h.request('/api/auth/login', { body: h.loginBody('payer', 'sai') });
    const unknown = await h.request('/api/auth/login', { body: h.loginBody('khong-co-ai', 'sai') });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(errorBodySchema.parse(JSON.parse(a)).error.code).toBe('invalid-credentials');
  });

  test('after five failures from one address each attempt waits longer; the owner gets in after the wait, or from elsewhere', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const from = (address: string, password: string) =>
      h.request('/api/auth/login', {
        body: h.loginBody('payer', password),
        headers: { 'x-forwarded-for': address },
      });
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.9', `sai-${i}`)).status).toBe(401);
    // The sixth waits a second, even with the right password: it is not verified.
    const waiting = await from('10.0.0.9', 'mat-khau-1');
    expect(waiting.status).toBe(429);
    expect(await errorCode(waiting)).toBe('too-many-attempts');
    // The owner on their own device is not slowed by the guesses from another address.
    expect((await from('10.0.0.2', 'mat-khau-1')).status).toBe(200);
    h.clock.advance(1000);
    expect((await from('10.0.0.9', 'sai-5')).status).toBe(401);
    // Then two seconds, four …: never a lock the owner cannot wait out.
    h.clock.advance(1999);
    expect((await from('10.0.0.9', 'mat-khau-1')).status).toBe(429);
    h.clock.advance(1);
    expect((await from('10.0.0.9', 'mat-khau-1')).status).toBe(200);
  });

  test('failures for an unknown username are limited too', async () => {
    const h = await createHarness();
    for (let i = 0; i < 5; i++) await h.request('/api/auth/login', { body: h.loginBody('ai-do', 'sai') });
    expect((await h.request('/api/auth/login', { body: h.loginBody('ai-do', 'sai') })).status).toBe(429);
  });

  test('an address guessing many usernames is capped for the window; other addresses are not', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const guess = (username: string, address: string, password = 'sai') =>
      h.request('/api/auth/login', { body: h.loginBody(username, password), headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < 50; i++) expect((await guess(`nguoi-${i}`, '10.0.0.66')).status).toBe(401);
    expect((await guess('payer', '10.0.0.66', 'mat-khau-1')).status).toBe(429);
    expect((await guess('payer', '10.0.0.7', 'mat-khau-1')).status).toBe(200);
    h.clock.advance(15 * 60_000);
    expect((await guess('nguoi-x', '10.0.0.66')).status).toBe(401);
  });

  test('/api/me returns the signed-in user', async () => {
    const h = await createHarness();
    await h.addUser('officer2', 'officer', ['20140']);
    const token = await h.signIn('officer2');
    const res = await h.request('/api/me', { token });
    expect(res.status).toBe(200);
    const body = meResponseSchema.parse(await res.json());
    expect(body.user).toMatchObject({ username: 'officer2', role: 'officer', communes: ['20140'] });
  });

  test.each([
    ['no header', undefined],
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', 'not a token'],
  ])('a call with %s is 401 not-signed-in', async (_label, token) => {
    const h = await createHarness();
    const res = await h.request(
      '/api/me',
      token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('not-signed-in');
  });

  test('a token past its expiry is 401 token-expired', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const token = await h.signIn('payer');
    h.clock.advance(30 * 24 * 3600_000 - 1);
    expect((await h.request('/api/me', { token })).status).toBe(200);
    h.clock.advance(1);
    const res = await h.request('/api/me', { token });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('token-expired');
  });

  test('logging out ends the token and only that token', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const token = await h.signIn('payer', 'mat-khau-1', 'tablet-a');
    const other = await h.signIn('payer', 'mat-khau-1', 'tablet-b');
    const res = await h.request('/api/auth/logout', { method: 'POST', token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ protocol: 1, ok: true });
    const after = await h.request('/api/me', { token });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('not-signed-in');
    expect((await h.request('/api/me', { token: other })).status).toBe(200);
  });

  test('a revoked device gets 401 device-revoked on every call and cannot sign in again', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const token = await h.signIn('payer', 'mat-khau-1', 'lost-tablet');
    await setDeviceStatus(h.db.kysely, 'lost-tablet', 'revoked');
    for (const path of ['/api/me', '/api/sync/pull']) {
      const res = await h.request(path, { token });
      expect(res.status).toBe(401);
      expect(await errorCode(res)).toBe('device-revoked');
    }
    const again = await h.request('/api/auth/login', { body: h.loginBody('payer', 'mat-khau-1', 'lost-tablet') });
    expect(again.status).toBe(401);
    expect(await errorCode(again)).toBe('device-revoked');
    // The same person on another tablet is fine.
    expect(
      (await h.request('/api/auth/login', { body: h.loginBody('payer', 'mat-khau-1', 'new-tablet') })).status,
    ).toBe(200);
  });

  test('a device never changes hands: another user signing in with its id is refused, and its seqs stay its own', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    await h.addUser('officer', 'officer', ['19960']);
    await h.signIn('officer', 'mat-khau-1', 'officer-tablet');
    const taken = await h.request('/api/auth/login', { body: h.loginBody('payer', 'mat-khau-1', 'officer-tablet') });
    expect(taken.status).toBe(409);
    expect(await errorCode(taken)).toBe('device-in-use');
    const device = await h.db.kysely
      .selectFrom('devices')
      .select('user_id')
      .where('id', '=', 'officer-tablet')
      .executeTakeFirstOrThrow();
    expect(device.user_id).toBe('user-officer');
    // The officer signs in again on it as before.
    expect(
      (await h.request('/api/auth/login', { body: h.loginBody('officer', 'mat-khau-1', 'officer-tablet') })).status,
    ).toBe(200);
  });

  test('a call updates the device’s last-seen time', async () => {
    const h = await createHarness();
    await h.addUser('payer', 'payer', ['19960']);
    const token = await h.signIn('payer', 'mat-khau-1', 'tablet-x');
    h.clock.advance(5 * 60_000);
    await h.request('/api/me', { token });
    const device = await h.db.kysely
      .selectFrom('devices')
      .select('last_seen_at')
      .where('id', '=', 'tablet-x')
      .executeTakeFirstOrThrow();
    expect(Number(device.last_seen_at)).toBe(TEST_NOW + 5 * 60_000);
  });
});
