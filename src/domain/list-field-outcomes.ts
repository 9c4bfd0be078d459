/**
 * What the field recorded about people still on the month's list (issue 11, docs/domain.md §3.5):
 * last month's visit finding them dead or moved away, or three months in a row not collected,
 * is proposed to the preparer as holding them back this month — a decrease, or a suspension —
 * never applied by itself. The preparer accepts the proposal, or dismisses it with a reason.
 * Accepted, the person stays on the list with nothing to pay this month, and publishing records
 * their status from the month's first day.
 */
import type { BeneficiaryStatus } from './vocabulary';
import type { DecreaseReason } from './list-decreases';

/** A preparer's answer to one proposal. */
export type FieldOutcome = { accepted: boolean; note: string | null };

/** An answer as kept, or why it cannot be: a proposal is dismissed only with its reason. */
export function fieldOutcome(
  accepted: boolean,
  note: string | null,
): { ok: true; value: FieldOutcome } | { ok: false; error: 'note-needed' } {
  const trimmed = note?.trim() || null;
  if (!accepted && trimmed === null) return { ok: false, error: 'note-needed' };
  return { ok: true, value: { accepted, note: trimmed } };
}

/** Does the field's finding stop the allowance (a decrease) or only pause it (a suspension)? */
export const proposalKind = (suggested: DecreaseReason): 'decrease' | 'suspension' =>
  suggested === 'missed-payments' ? 'suspension' : 'decrease';

/**
 * The status a reason for leaving a list records (Decree 20/2021 Art. 8–9; the pairs
 * `statusReasons` allows). `other` records none: what it means is in its note, and the
 * supervisor decides the status on the roster.
 */
export function statusOfDecrease(reason: DecreaseReason): BeneficiaryStatus | null {
  switch (reason) {
    case 'deceased':
      return 'deceased';
    case 'moved-away':
    case 'no-longer-eligible':
      return 'terminated';
    case 'missed-payments':
      return 'suspended';
    case 'other':
      return null;
  }
}

/**
 * The people on the list the field proposes to hold back: on it with something to pay, known to
 * the roster, and with a field finding. In list order.
 */
export function fieldProposals(
  onList: readonly { beneficiaryId: string | null; total: number }[],
  suggestions: ReadonlyMap<string, DecreaseReason>,
): { beneficiaryId: string; suggested: DecreaseReason }[] {
  const proposals: { beneficiaryId: string; suggested: DecreaseReason }[] = [];
  for (const l of onList) {
    if (l.beneficiaryId === null || l.total <= 0) continue;
    const suggested = suggestions.get(l.beneficiaryId);
    if (suggested) proposals.push({ beneficiaryId: l.beneficiaryId, suggested });
  }
  return proposals;
}
