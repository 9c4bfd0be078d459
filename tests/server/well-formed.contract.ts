/**
 * Well-formedness fuzz (issue 13, finding 7), on SQLite and PostgreSQL: every string field of the
 * API's JSON bodies, every path parameter, query value and file name is replaced in turn by text a
 * database cannot hold or should not (a NUL, a lone surrogate, a control character, a broken
 * escape, a very long string). Whatever the route, the answer is a 2xx or 4xx: never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MakeDb } from '../../src/server/testing/databases';
import { createPushWorld, LINES, PHU_BAI, type World } from '../../src/server/testing/push-world';

const badTexts = ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\u0007bell', 'x'.repeat(20_000)];
const badSegments = ['%00', 'a%00b', '%ED%A0%80', '%FF', '%', '..%2F..%2Fetc', 'x'.repeat(300)];

type Case = { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown; as: 'supervisor' | 'admin' | 'none' };

/** Every variant of `value` with one string leaf (or key) replaced by `bad`. */
function variants(value: unknown, bad: string): unknown[] {
  if (typeof value === 'string') return [bad];
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    return items.flatMap((item, i) => variants(item, bad).map((v) => items.map((x, j) => (j === i ? v : x))));
  }
  if (typeof value === 'object' && value !== null) {
    const entries: [string, unknown][] = Object.entries(value);
    const byValue = entries.flatMap(([k, child]) => variants(child, bad).map((v) => ({ ...value, [k]: v })));
    const byKey = entries
      .slice(0, 1)
      .map(([k, child]) => ({ ...Object.fromEntries(entries.filter(([x]) => x !== k)), [bad]: child }));
    return [...byValue, ...byKey];
  }
  return [];
}

export function runWellFormedContract(name: string, makeDb: MakeDb): void {
  describe(`well-formed input (${name})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await createPushWorld({ db: await makeDb() });
    });
    afterAll(() => w.h.close());

    const op = () => ({
      id: `op-fuzz-${Math.random().toString(36).slice(2)}`,
      deviceId: 'dev-supervisor',
      seq: 1,
      type: 'payment.unpaid',
      entityId: LINES.due,
      actorId: 'user-supervisor',
      recordedAt: '2026-11-15T09:00:00.000+07:00',
      payload: { reason: 'absent', note: 'vắng nhà' },
    });
    const cases = (): Case[] => [
      {
        method: 'POST',
        path: '/api/auth/login',
        body: { protocol: 1, username: 'payer', password: 'sai', device: { id: 'dev-x', name: 'Máy' } },
        as: 'none',
      },
      {
        method: 'POST',
        path: '/api/sync/push',
        body: { protocol: 1, deviceId: 'dev-supervisor', lastSeq: 1, ops: [op()] },
        as: 'supervisor',
      },
      {
        method: 'POST',
        path: '/api/sync/import',
        body: {
          protocol: 1,
          file: {
            format: 'chitra-outbox',
            version: 1,
            deviceId: 'dev-payer',
            exportedAt: '2026-11-15T10:00:00.000Z',
            ops: [op()],
            blobs: [],
          },
        },
        as: 'supervisor',
      },
      {
        method: 'PUT',
        path: '/api/lists/mappings',
        body: { protocol: 1, commune: PHU_BAI, sourceKey: 'ho va ten|ngay sinh', fields: { fullName: 'B' } },
        as: 'supervisor',
      },
      { method: 'POST', path: '/api/lists/list-x/return', body: { protocol: 1, comment: 'Sửa lại' }, as: 'supervisor' },
      {
        method: 'POST',
        path: `/api/months/2026-11/${PHU_BAI}/close`,
        body: { protocol: 1, decisions: [{ lineId: LINES.due, outcome: 'end', reason: 'other', note: 'x' }] },
        as: 'supervisor',
      },
      {
        method: 'POST',
        path: '/api/batches',
        body: { protocol: 1, providerId: 'p-x', commune: PHU_BAI, period: '2026-11' },
        as: 'supervisor',
      },
      { method: 'POST', path: '/api/batches/b-x/cancel', body: { protocol: 1, note: 'Hủy' }, as: 'supervisor' },
      {
        method: 'PUT',
        path: '/api/batches/b-x/reroutes',
        body: { protocol: 1, decisions: [{ lineId: LINES.due, to: 'home-delivery', reason: 'Lỗi' }] },
        as: 'supervisor',
      },
      {
        method: 'PUT',
        path: '/api/providers/p-x/result-mapping?commune=19960',
        body: { protocol: 1, mapping: { columns: { amount: 'Số tiền' }, paidValues: ['ok'] } },
        as: 'supervisor',
      },
      {
        method: 'POST',
        path: '/api/users',
        body: {
          protocol: 1,
          username: 'moi',
          displayName: 'Người mới',
          role: 'officer',
          scope: { kind: 'communes', codes: [PHU_BAI] },
        },
        as: 'admin',
      },
      {
        method: 'PUT',
        path: '/api/users/user-payer',
        body: { protocol: 1, displayName: 'Tên mới', scope: { kind: 'former-district', code: '479' } },
        as: 'admin',
      },
      {
        method: 'POST',
        path: '/api/auth/password',
        body: { protocol: 1, currentPassword: 'sai', newPassword: 'mot-mat-khau-moi' },
        as: 'admin',
      },
    ];
    const send = async (c: Case, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const token = c.as === 'none' ? undefined : w.actors[c.as].token;
      const res = await w.h.request(path, {
        method: c.method,
        ...(token === undefined ? {} : { token }),
        ...(body === undefined ? {} : { body }),
        headers,
      });
      return res.status;
    };

    test('no string field of a JSON body gives a 5xx', async () => {
      const statuses: number[] = [];
      for (const c of cases())
        for (const bad of badTexts)
          for (const body of variants(c.body, bad)) statuses.push(await send(c, c.path, body));
      expect(statuses.length).toBeGreaterThan(300);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    });

    test('no path parameter, query value or file name gives a 5xx', async () => {
      const templates = [
        '/api/lists/SEG',
        '/api/lists/SEG/export',
        '/api/batches/SEG',
        '/api/batches/SEG/file',
        '/api/months/SEG/19960/closing',
        '/api/months/2026-11/SEG/closing',
        '/api/devices/SEG/retire',
        '/api/blobs/SEG',
        '/api/conflicts?status=SEG',
        '/api/sync/pull?cursor=SEG',
        '/api/batches?commune=SEG&period=2026-11',
      ];
      const statuses: number[] = [];
      for (const t of templates)
        for (const seg of badSegments) {
          const path = t.replace('SEG', seg);
          statuses.push(await send({ method: 'GET', path, as: 'supervisor' }, path, undefined));
          if (t.endsWith('/retire'))
            statuses.push(await send({ method: 'POST', path, as: 'supervisor' }, path, { protocol: 1 }));
        }
      for (const name of ['a%00b.xlsx', '%ED%A0%80.csv', '%FF', 'x'.repeat(500)])
        statuses.push(
          await send(
            { method: 'POST', path: '/api/lists/import', as: 'supervisor' },
            `/api/lists/import?period=2026-12&commune=${PHU_BAI}`,
            'Họ và tên\n',
            {
              'x-filename': name,
              'content-type': 'text/csv',
            },
          ),
        );
      expect(statuses.length).toBeGreaterThan(80);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    });
  });
}
