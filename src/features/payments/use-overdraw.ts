/**
 * Whether paying a cash line now would take the payer's cash in hand below zero (issue 16): the
 * pay screen warns before confirming. Only for a payer who keeps a ledger for the line's commune
 * and month (they recorded cash received or handed in); a payer who keeps none is not warned on
 * every payment. Reads the device's ledger only: no request per payment.
 */
import { ledgerTotals } from '../../domain/cash-ledger';
import type { Vnd } from '../../domain/money';
import { cashMethods } from '../../domain/vocabulary';
import type { PaymentLineRow } from '../../storage/app-db';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { useCashLedgers } from './use-cash-ledgers';

export function useOverdraw(line: PaymentLineRow): { balance: Vnd } | null {
  const can = useCan();
  const me = useSession()?.user;
  const isCash = (cashMethods as readonly string[]).includes(line.method);
  const keeps = isCash && can('cash.receive', line.communeCode);
  const { ledgers } = useCashLedgers(keeps ? line.periodId : null, { download: false });
  const mine = ledgers?.find((l) => l.key.payerId === me?.id && l.key.communeCode === line.communeCode);
  if (!mine || !mine.entries.some((e) => e.kind === 'received' || e.kind === 'handover-in')) return null;
  const { balance } = ledgerTotals(mine);
  return balance - line.amount < 0 ? { balance } : null;
}
