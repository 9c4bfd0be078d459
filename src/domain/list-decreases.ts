/**
 * Why a person leaves the month's list (issue 11, docs/domain.md §3.5): every decrease carries a
 * reason before the list goes for approval (the reasons of a status change, Decree 20/2021 Art.
 * 8–9, without "resumed"; "other" needs a note). What the field recorded suggests one: a home
 * visit that found the person dead or moved away, or months in a row not collected (TT 02/2021:
 * suspended after three).
 */
import { SUSPEND_AFTER_MISSED_MONTHS } from './benefits';
import type { StatusChangeReason } from './beneficiary-ops';
import { addMonths } from './calendar';
import type { PaymentLineStatus, UnpaidReason } from './vocabulary';

export const decreaseReasons = [
  'deceased',
  'moved-away',
  'no-longer-eligible',
  'missed-payments',
  'other',
] as const satisfies readonly StatusChangeReason[];
export type DecreaseReason = (typeof decreaseReasons)[number];

export type DecreaseDecision = { reason: DecreaseReason; note: string | null };

/** A decision as kept, or why it cannot be: "other" without a note says nothing. */
export function decreaseDecision(
  reason: DecreaseReason,
  note: string | null,
): { ok: true; value: DecreaseDecision } | { ok: false; error: 'note-needed' } {
  const trimmed = note?.trim() || null;
  if (reason === 'other' && trimmed === null) return { ok: false, error: 'note-needed' };
  return { ok: true, value: { reason, note: trimmed } };
}

/** The decreases (by beneficiary id) still without a reason. */
export function reasonsMissing(decreases: readonly string[], decided: ReadonlySet<string>): string[] {
  return decreases.filter((id) => !decided.has(id));
}

/** One month's line of a person, as the field left it. */
export type FieldLine = { periodId: string; status: PaymentLineStatus; visitReason: UnpaidReason | null };

/**
 * What the field says of a person before `month`: the last month's visit finding them dead or
 * moved away, else the months in a row (up to the one before `month`) not collected.
 */
export function fieldSuggestion(lines: readonly FieldLine[], month: string): DecreaseReason | null {
  const byMonth = new Map(lines.map((l) => [l.periodId, l]));
  const last = byMonth.get(addMonths(month, -1) ?? '');
  if (last?.visitReason === 'deceased') return 'deceased';
  if (last?.visitReason === 'moved') return 'moved-away';
  let missed = 0;
  for (let m = addMonths(month, -1); m !== null; m = addMonths(m, -1)) {
    const line = byMonth.get(m);
    if (!line || line.status === 'paid' || line.status === 'transferred') break;
    missed++;
  }
  return missed >= SUSPEND_AFTER_MISSED_MONTHS ? 'missed-payments' : null;
}
