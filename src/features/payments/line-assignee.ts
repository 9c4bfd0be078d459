/** The payer a stored line is assigned to (`payment.assign`), read from the line's data. */
import type { AssignmentFact } from '../../domain/payment-line';
import type { PaymentLineRow } from '../../storage/app-db';

export function assigneeOf(line: PaymentLineRow): AssignmentFact | null {
  const value = line['assignee'];
  return typeof value === 'object' && value !== null && typeof (value as AssignmentFact).payerId === 'string'
    ? (value as AssignmentFact)
    : null;
}

/** Whether a visit without payment was recorded on the line (its `lastVisit`). */
export function lastVisitReasonOf(line: PaymentLineRow): string | null {
  const visit = line['lastVisit'];
  return typeof visit === 'object' && visit !== null && typeof (visit as { reason?: unknown }).reason === 'string'
    ? (visit as { reason: string }).reason
    : null;
}

/** The planned revisit of the line's last visit without payment, if any. */
export function revisitOnOf(line: PaymentLineRow): string | null {
  const visit = line['lastVisit'];
  const date = typeof visit === 'object' && visit !== null ? (visit as { revisitOn?: unknown }).revisitOn : null;
  return typeof date === 'string' ? date : null;
}
