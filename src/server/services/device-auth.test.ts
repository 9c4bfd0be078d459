/**
 * Who may retire another user's device (docs/protocol.md "Auth"; issue 13, finding 5), as a matrix
 * generated from the permissions module: acting role × target role × the target's scope (the
 * actor's commune, another commune, both). Every cell is one request to the real app; the
 * expected answer comes from `can`, `isInScope` and `mayActOn`, never written by hand.
 */
import { describe, expect, test } from 'vitest';
import { roles } from '../../domain/vocabulary';
import { can, isInScope, mayActOn } from '../../protocol/permissions';
import { createHarness } from '../testing/harness';

const PHU_BAI = '19960';
const LOC_AN = '20140';
const scopes = { 'own commune': [PHU_BAI], 'other commune': [LOC_AN], 'both communes': [PHU_BAI, LOC_AN] } as const;
type ScopeName = keyof typeof scopes;

const cells = roles.flatMap((actor) =>
  roles.flatMap((target) =>
    (Object.keys(scopes) as ScopeName[]).map((scope) => {
      const a = { role: actor, communes: [PHU_BAI] };
      const t = { role: target, communes: [...scopes[scope]] };
      const sees = actor === 'admin' || t.communes.some((c) => isInScope(a, c));
      const expected = !can(a, 'devices.manage') ? 403 : !sees ? 404 : mayActOn(a, t) ? 200 : 403;
      return { actor, target, scope, expected };
    }),
  ),
);

describe('retiring another user’s device: role × role × scope', () => {
  test('the matrix covers every pair of roles and scope, with each answer', () => {
    expect(cells).toHaveLength(roles.length * roles.length * 3);
    expect(new Set(cells.map((c) => c.expected))).toEqual(new Set([200, 403, 404]));
  });

  test.each(cells)('$actor on a $target of $scope → $expected', async ({ actor, target, scope, expected }) => {
    const h = await createHarness();
    await h.addUser('actor', actor, [PHU_BAI]);
    await h.addUser('target', target, [...scopes[scope]]);
    const token = await h.signIn('actor', 'mat-khau-1', 'dev-actor');
    await h.signIn('target', 'mat-khau-1', 'dev-target');
    const res = await h.request('/api/devices/dev-target/retire', { method: 'POST', token });
    expect(res.status).toBe(expected);
    const device = await h.db.kysely
      .selectFrom('devices')
      .select('status')
      .where('id', '=', 'dev-target')
      .executeTakeFirstOrThrow();
    expect(device.status).toBe(expected === 200 ? 'retired' : 'active');
    await h.close();
  });
});
