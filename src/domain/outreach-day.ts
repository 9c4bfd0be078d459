/**
 * A communication day at the commune hall (issue 17; seed step 2): a registration table where
 * people come one by one, update their phone and ID number, choose how they will be paid, and
 * leave with a slip of what they chose and what they still have to bring. Pure: the table's
 * queue, what a person still has to bring, and the day's counts for the commune's report.
 */
import type { Readiness, ReadinessReasonCode, ReadinessStatus } from './readiness';
import { readinessStatuses } from './readiness';
import { paymentMethods, type PaymentMethod } from './vocabulary';

/**
 * What a person still has to bring or do before an account can be opened, in their words (the
 * slip), from the blocking readiness reasons. One paper may answer several reasons.
 */
export const paperNeeds = [
  'bring-id-card',
  'get-new-id-card',
  'check-id-card',
  'guardian-for-child',
  'guardianship-paper',
  'authorisation-paper',
  'mobile-phone',
] as const;
export type PaperNeedCode = (typeof paperNeeds)[number];
export type PaperNeed = { code: PaperNeedCode; person: 'beneficiary' | 'representative' };

const NEED_OF: Partial<Record<ReadinessReasonCode, PaperNeedCode>> = {
  'id-number-missing': 'bring-id-card',
  'only-old-id-card': 'get-new-id-card',
  'no-id-card': 'get-new-id-card',
  'id-number-inconsistent': 'check-id-card',
  'child-needs-guardian': 'guardian-for-child',
  'no-guardianship-paper': 'guardianship-paper',
  'no-authorisation-paper': 'authorisation-paper',
  'authorisation-expired': 'authorisation-paper',
  'no-phone-for-mobile-money': 'mobile-phone',
  'phone-invalid': 'mobile-phone',
  'phone-not-mobile': 'mobile-phone',
};

/** The papers still needed, each once per person, in the order of the reasons. */
export function papersToBring(readiness: Readiness): PaperNeed[] {
  const needs: PaperNeed[] = [];
  for (const reason of readiness.reasons) {
    const code = reason.blocking ? NEED_OF[reason.code] : undefined;
    if (code === undefined) continue;
    if (needs.some((n) => n.code === code && n.person === reason.person)) continue;
    needs.push({ code, person: reason.person });
  }
  return needs;
}

/** One person at the table: when they were added, and what was registered when they were done. */
export type QueueEntry = {
  beneficiaryId: string;
  /** Device time the person was added (ordering only; the day is the queue's). */
  addedAt: number;
  /** What the table recorded, or null while the person waits. */
  done: { method: PaymentMethod; readiness: ReadinessStatus; at: number } | null;
};

/** The day's queue of one table (`YYYY-MM-DD`, the calendar day in Vietnam). */
export type OutreachDay = { day: string; communeCode: string; entries: QueueEntry[] };

/** Adds a person at the end of the queue; someone already in it stays where they are. */
export function enqueue(day: OutreachDay, beneficiaryId: string, now: number): OutreachDay {
  if (day.entries.some((e) => e.beneficiaryId === beneficiaryId)) return day;
  return { ...day, entries: [...day.entries, { beneficiaryId, addedAt: now, done: null }] };
}

/** Records what was registered for a person (again, if they came back to the table). */
export function markDone(day: OutreachDay, beneficiaryId: string, done: NonNullable<QueueEntry['done']>): OutreachDay {
  const entries = day.entries.some((e) => e.beneficiaryId === beneficiaryId)
    ? day.entries.map((e) => (e.beneficiaryId === beneficiaryId ? { ...e, done } : e))
    : [...day.entries, { beneficiaryId, addedAt: done.at, done }];
  return { ...day, entries };
}

/** Takes a person out of the queue (added by mistake); a done person stays counted. */
export function dequeue(day: OutreachDay, beneficiaryId: string): OutreachDay {
  return { ...day, entries: day.entries.filter((e) => e.beneficiaryId !== beneficiaryId || e.done !== null) };
}

/** Waiting first, in arrival order, then those done, the latest first. */
export function queueOrder(entries: readonly QueueEntry[]): QueueEntry[] {
  const waiting = entries.filter((e) => e.done === null).sort((a, b) => a.addedAt - b.addedAt);
  const done = entries.filter((e) => e.done !== null).sort((a, b) => (b.done?.at ?? 0) - (a.done?.at ?? 0));
  return [...waiting, ...done];
}

export type DayCounts = {
  registered: number;
  waiting: number;
  byMethod: Record<PaymentMethod, number>;
  byReadiness: Record<ReadinessStatus, number>;
};

/** The day's counts for the commune's report: each registered person once; the totals agree. */
export function dayCounts(entries: readonly QueueEntry[]): DayCounts {
  const byMethod = Object.fromEntries(paymentMethods.map((m) => [m, 0])) as Record<PaymentMethod, number>;
  const byReadiness = Object.fromEntries(readinessStatuses.map((s) => [s, 0])) as Record<ReadinessStatus, number>;
  let registered = 0;
  for (const entry of entries) {
    if (entry.done === null) continue;
    registered++;
    byMethod[entry.done.method]++;
    byReadiness[entry.done.readiness]++;
  }
  return { registered, waiting: entries.length - registered, byMethod, byReadiness };
}
