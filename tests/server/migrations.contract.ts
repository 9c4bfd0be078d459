/**
 * Upgrades of a database that holds data, on SQLite and PostgreSQL: migration 0005 admits the
 * `approver` role (SQLite rebuilds the users table) and keeps every user, device and token; 0022
 * admits `monitoring`, gives every user the scope of their communes and nobody a password to change.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import type { Role } from '../../src/domain/vocabulary';
import type { AppDatabase } from '../../src/server/db/database';
import type { MakeDbAt } from '../../src/server/testing/databases';

export function runMigrationContract(name: string, makeDbAt: MakeDbAt): void {
  describe(`migrations with data (${name})`, () => {
    let db: AppDatabase | undefined;
    afterEach(async () => {
      await db?.close();
      db = undefined;
    });

    // `role` is whatever a test writes: the database, not the type, is what refuses it.
    const user = (id: string, role: string) => ({
      id,
      username: id,
      display_name: `Người dùng ${id}`,
      role: role as Role,
      communes: '["19960"]',
      password_hash: 'x',
      created_at: 1,
      disabled: 0,
    });

    test('0005 admits approvers, and users, devices and tokens made before it stay linked', async () => {
      const made = await makeDbAt('0004-ops-append-only');
      db = made.db;
      const k = db.kysely;
      await k.insertInto('users').values(user('u-officer', 'officer')).execute();
      await k
        .insertInto('devices')
        .values({
          id: 'd-1',
          user_id: 'u-officer',
          name: 'Máy 1',
          status: 'active',
          last_seq_reported: 0,
          max_seq_received: 0,
          last_seen_at: 1,
          created_at: 1,
        })
        .execute();
      await k
        .insertInto('tokens')
        .values({
          token_hash: 'h',
          user_id: 'u-officer',
          device_id: 'd-1',
          created_at: 1,
          expires_at: 2,
          revoked_at: null,
        })
        .execute();
      // Before the upgrade the role is refused.
      await expect(k.insertInto('users').values(user('u-early', 'approver')).execute()).rejects.toThrow();

      await made.migrateRest();
      await k.insertInto('users').values(user('u-approver', 'approver')).execute();
      const roles = await k.selectFrom('users').select(['id', 'role']).orderBy('id').execute();
      expect(roles).toEqual([
        { id: 'u-approver', role: 'approver' },
        { id: 'u-officer', role: 'officer' },
      ]);
      const linked = await k
        .selectFrom('tokens')
        .innerJoin('devices', 'devices.id', 'tokens.device_id')
        .innerJoin('users', 'users.id', 'tokens.user_id')
        .select(['users.username', 'devices.name'])
        .execute();
      expect(linked).toEqual([{ username: 'u-officer', name: 'Máy 1' }]);
      // Still refused: a role nobody has, and a device of a user who does not exist.
      await expect(k.insertInto('users').values(user('u-x', 'mayor')).execute()).rejects.toThrow();
      await expect(
        k
          .insertInto('devices')
          .values({
            id: 'd-2',
            user_id: 'nobody',
            name: 'Máy 2',
            status: 'active',
            last_seq_reported: 0,
            max_seq_received: 0,
            last_seen_at: 1,
            created_at: 1,
          })
          .execute(),
      ).rejects.toThrow();
      expect((await sql<{ n: number }>`select count(*) as n from users`.execute(k)).rows[0]?.n).toBe(2);
    });
    test('0022 admits monitoring; existing users keep their communes as their scope, tokens stay linked', async () => {
      const made = await makeDbAt('0020-blob-refs');
      db = made.db;
      const k = db.kysely;
      await sql`insert into users (id, username, display_name, role, communes, password_hash, created_at, disabled)
        values ('u-1', 'u-1', 'Một', 'officer', '["19960","20140"]', 'x', 1, 0)`.execute(k);
      await sql`insert into devices (id, user_id, name, status, last_seq_reported, max_seq_received, created_at)
        values ('d-1', 'u-1', 'Máy 1', 'active', 0, 0, 1)`.execute(k);
      await sql`insert into tokens (token_hash, user_id, device_id, created_at, expires_at)
        values ('h', 'u-1', 'd-1', 1, 2)`.execute(k);
      await expect(k.insertInto('users').values(user('u-early', 'monitoring')).execute()).rejects.toThrow();

      await made.migrateRest();
      const row = await k
        .selectFrom('users')
        .select(['scope', 'communes', 'must_change_password'])
        .where('id', '=', 'u-1')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.scope ?? 'null')).toEqual({ kind: 'communes', codes: ['19960', '20140'] });
      expect(row).toMatchObject({ communes: '["19960","20140"]', must_change_password: 0 });
      await k.insertInto('users').values(user('u-watch', 'monitoring')).execute();
      const linked = await k
        .selectFrom('tokens')
        .innerJoin('users', 'users.id', 'tokens.user_id')
        .select('users.username')
        .execute();
      expect(linked).toEqual([{ username: 'u-1' }]);
      await expect(k.insertInto('users').values(user('u-x', 'mayor')).execute()).rejects.toThrow();
    });

    test('0027 names the evidence that ops applied before 0020 still wait for', async () => {
      const made = await makeDbAt('0026-report-funnel-indexes');
      db = made.db;
      const k = db.kysely;
      const waiting = 'a'.repeat(64);
      await sql`insert into missing_blobs (sha256, op_id, field, entity, entity_id, detected_at)
        values (${waiting}, 'op-1', 'signature', 'payment-line', 'line-1', 1)`.execute(k);
      await made.migrateRest();
      const refs = await k.selectFrom('blob_refs').selectAll().execute();
      expect(refs).toEqual([{ sha256: waiting, device_id: '', op_id: 'op-1' }]);
    });
  });
}
