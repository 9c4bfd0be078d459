/**
 * How many of this device's ops wait to be sent, and how many need someone's attention: the one
 * computation behind the sync bar, Settings' sign-out guard and the sync engine's state.
 */
import type { AppDb, ConflictRow, OutboxRow } from './app-db';

export type OutboxCounts = {
  /** Recorded on this device, not answered by the server yet. */
  pending: number;
  /** Rejected ops, own conflicts not yet pulled as conflicts, and the commune's open conflicts. */
  attention: number;
};

/** This device's ops recorded in conflict, except those a supervisor has since resolved. */
export function unresolvedOwnConflicts(ownOps: readonly OutboxRow[], pulled: readonly ConflictRow[]): OutboxRow[] {
  const resolved = new Set(pulled.filter((c) => c.status !== 'open').map((c) => c.opId));
  return ownOps.filter((op) => !resolved.has(op.id));
}

export async function readOutboxCounts(db: AppDb): Promise<OutboxCounts> {
  const [pending, rejected, ownConflicts, conflicts] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
    db.outbox.where('state').equals('conflict').toArray(),
    db.conflicts.toArray(),
  ]);
  const open = conflicts.filter((c) => c.status === 'open').length;
  // A conflict this device caused is counted once: as its op until the conflict entity arrives,
  // then as the commune's open conflict; not at all once it is resolved.
  const pulled = new Set(conflicts.map((c) => c.opId));
  const notYetPulled = ownConflicts.filter((op) => !pulled.has(op.id)).length;
  return { pending, attention: rejected + notYetPulled + open };
}
