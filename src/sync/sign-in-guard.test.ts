import { describe, expect, test } from 'vitest';
import { pendingOwnersBlocking } from './sign-in-guard';

describe('pendingOwnersBlocking', () => {
  test.each([
    ['no pending ops', [], 'u1', []],
    ["only the user's own ops", ['u1', 'u1'], 'u1', []],
    ["another user's ops", ['u2', 'u2', 'u2'], 'u1', [{ actorId: 'u2', count: 3 }]],
    ["another user's ops mixed with the user's own", ['u2', 'u1', 'u2'], 'u1', [{ actorId: 'u2', count: 2 }]],
    [
      'several other users, oldest first',
      ['u3', 'u2', 'u3'],
      'u1',
      [
        { actorId: 'u3', count: 2 },
        { actorId: 'u2', count: 1 },
      ],
    ],
    ['ops without an actor (no token can send them)', [undefined, '', 42], 'u1', []],
  ])('%s', (_name, actors, userId, expected) => {
    expect(pendingOwnersBlocking(actors, userId)).toEqual(expected);
  });
});
