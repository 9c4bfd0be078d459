/**
 * A beneficiary's status over time (docs/protocol.md "Roster payloads", `beneficiary.set-status`):
 * the decisions kept in `statusHistory`, and the status in force in a month, by which a payment
 * line of that month is judged.
 */
import type { BeneficiaryFields, StatusChangeReason } from './beneficiary-ops';
import { beneficiaryStatuses, type BeneficiaryStatus } from './vocabulary';

/** One status decision, with the status it replaced (stored in order in `statusHistory`). */
export type StatusDecision = {
  status: BeneficiaryStatus;
  reason: StatusChangeReason;
  effectiveMonth: string;
  previous: BeneficiaryStatus;
};

const isStatus = (value: unknown): value is BeneficiaryStatus => beneficiaryStatuses.some((s) => s === value);

/** The decisions recorded on a person, in the order they were made (unreadable entries skipped). */
export function statusHistoryOf(person: BeneficiaryFields | undefined): StatusDecision[] {
  const history = person?.['statusHistory'];
  if (!Array.isArray(history)) return [];
  return history.filter(
    (d): d is StatusDecision =>
      typeof d === 'object' &&
      d !== null &&
      isStatus((d as StatusDecision).status) &&
      isStatus((d as StatusDecision).previous) &&
      typeof (d as StatusDecision).effectiveMonth === 'string',
  );
}

/**
 * A beneficiary's status as it bears on a month: the latest decision effective in that month or
 * before it (the last one made, for two from the same month); before the first decision, the
 * status it replaced. A person without decisions has their status in every month.
 */
export function statusInMonth(person: BeneficiaryFields | undefined, month: string): BeneficiaryStatus {
  const history = statusHistoryOf(person);
  const first = history.reduce<StatusDecision | undefined>(
    (a, d) => (a === undefined || d.effectiveMonth < a.effectiveMonth ? d : a),
    undefined,
  );
  if (first === undefined) return beneficiaryStatusOf(person);
  // Sorted by month, keeping the order they were made within a month: the last one in force wins.
  const inForce = history
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.effectiveMonth <= month)
    .sort((a, b) =>
      a.d.effectiveMonth === b.d.effectiveMonth ? a.i - b.i : a.d.effectiveMonth < b.d.effectiveMonth ? -1 : 1,
    )
    .at(-1);
  return inForce ? inForce.d.status : first.previous;
}

export const beneficiaryStatusOf = (person: BeneficiaryFields | undefined): BeneficiaryStatus => {
  const status = person?.['status'];
  // A line whose beneficiary nobody holds is judged on the line alone.
  return beneficiaryStatuses.find((s) => s === status) ?? 'active';
};
