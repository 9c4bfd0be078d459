/**
 * What each role's devices hold (issue 13, finding 9): a payer pays in cash and never edits how a
 * person is paid, so their tablet does not carry people's bank account or wallet numbers. Their
 * representatives' ID numbers stay: the payment check compares the receiver's card with them.
 */
import type { Role } from '../../domain/vocabulary';
import type { PulledRow } from './pull';

/** Account details a payer's device does not receive. */
const accountFields = ['accountNumber', 'accountHolder', 'walletPhone'] as const;

export function rowsForRole(role: Role, rows: readonly PulledRow[]): PulledRow[] {
  if (role !== 'payer') return [...rows];
  return rows.map((row) => {
    if (row.entity !== 'beneficiary' || row.dataJson === null) return row;
    const data = JSON.parse(row.dataJson) as Record<string, unknown>;
    const details = data['paymentDetails'];
    if (typeof details !== 'object' || details === null) return row;
    const kept = Object.fromEntries(
      Object.entries(details).filter(([k]) => !(accountFields as readonly string[]).includes(k)),
    );
    return { ...row, dataJson: JSON.stringify({ ...data, paymentDetails: kept }) };
  });
}
