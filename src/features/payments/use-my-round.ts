/**
 * The signed-in payer's round this month (domain/payer-round.ts): the lines assigned to them,
 * with each line's person and last visit, in the village order kept on the device. Shared by
 * "Của tôi" and its printout.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { vnd } from '../../domain/money';
import { payerRound, type Round, type RoundLine } from '../../domain/payer-round';
import { getKv } from '../../storage/kv';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { assigneeOf, lastVisitReasonOf, revisitOnOf } from './line-assignee';
import { usePaymentList, type PaymentListItem } from './use-payment-list';

export type RoundItem = RoundLine & { item: PaymentListItem; lastVisit: string | null };

export function useMyRound(): { periodId: string | null; round: Round<RoundItem> } | undefined {
  const { db } = useServices();
  const userId = useSession()?.user.id;
  const list = usePaymentList();
  const order = useLiveQuery(async () => (await getKv<string[]>(db, 'roundOrder')) ?? [], [db]);
  return useMemo(() => {
    if (!list || !order || !userId) return undefined;
    const mine: RoundItem[] = list.items.flatMap((item) => {
      const { line, person } = item;
      if (assigneeOf(line)?.payerId !== userId) return [];
      const lastVisit = lastVisitReasonOf(line);
      return [
        {
          id: line.id,
          status: line.status,
          amount: vnd(line.amount),
          village: person?.village ?? '',
          sortKey: person?.sortKey ?? '',
          visited: lastVisit !== null,
          revisitOn: revisitOnOf(line),
          item,
          lastVisit,
        },
      ];
    });
    return { periodId: list.periodId, round: payerRound(mine, order) };
  }, [list, order, userId]);
}
