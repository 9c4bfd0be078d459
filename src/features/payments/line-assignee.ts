/**
 * What a stored line says about rounds (`payment.assign`, visits without payment), read from its
 * data, and the line as the round's rules see it (domain/payer-round.ts).
 */
import { vnd } from '../../domain/money';
import type { AssignmentFact } from '../../domain/payment-line';
import type { RoundLine } from '../../domain/payer-round';
import type { PaymentLineRow } from '../../storage/app-db';
import type { PaymentListItem } from './use-payment-list';

export function assigneeOf(line: PaymentLineRow): AssignmentFact | null {
  const value = line['assignee'];
  return typeof value === 'object' && value !== null && typeof (value as AssignmentFact).payerId === 'string'
    ? (value as AssignmentFact)
    : null;
}

/** The line's last visit without payment: its reason and planned revisit, or null. */
function lastVisitOf(line: PaymentLineRow): { reason: string; revisitOn: string | null } | null {
  const visit = line['lastVisit'];
  if (typeof visit !== 'object' || visit === null) return null;
  const { reason, revisitOn } = visit as { reason?: unknown; revisitOn?: unknown };
  return typeof reason === 'string' ? { reason, revisitOn: typeof revisitOn === 'string' ? revisitOn : null } : null;
}

/** A line on the list as the round's rules take it, with its payer and its last visit's reason. */
export type RoundItem = RoundLine & {
  item: PaymentListItem;
  payer: { id: string; name: string } | null;
  lastVisit: string | null;
};

export function roundItemOf(item: PaymentListItem): RoundItem {
  const { line, person } = item;
  const assignee = assigneeOf(line);
  const visit = lastVisitOf(line);
  return {
    id: line.id,
    status: line.status,
    amount: vnd(line.amount),
    village: person?.village ?? '',
    sortKey: person?.sortKey ?? '',
    visited: visit !== null,
    revisitOn: visit?.revisitOn ?? null,
    item,
    payer: assignee ? { id: assignee.payerId, name: assignee.payerName } : null,
    lastVisit: visit?.reason ?? null,
  };
}
