/**
 * Whose unsent ops stop a sign-in. The server rejects for good (`forbidden`) an op whose actor is
 * not the token's user, and a rejected op is never resent: if another user signed in while the
 * device still held someone's unsent ops, those field facts would never arrive. So a device
 * holding user X's pending ops accepts a sign-in by X only.
 */

/** A user whose ops are still waiting on the device, with how many. */
export type PendingOwner = { actorId: string; count: number };

/**
 * The other users whose pending ops a sign-in by `userId` would strand, oldest first; empty when
 * the sign-in may go ahead. `pendingActorIds` are the pending ops' `actorId`s in seq order; an op
 * without one cannot be accepted by any token, so it stops no one.
 */
export function pendingOwnersBlocking(pendingActorIds: readonly unknown[], userId: string): PendingOwner[] {
  const owners = new Map<string, number>();
  for (const actorId of pendingActorIds) {
    if (typeof actorId !== 'string' || actorId === '' || actorId === userId) continue;
    owners.set(actorId, (owners.get(actorId) ?? 0) + 1);
  }
  return [...owners].map(([actorId, count]) => ({ actorId, count }));
}
