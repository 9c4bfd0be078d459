/**
 * The signed-in payer's round this month (domain/payer-round.ts): the lines assigned to them,
 * with each line's person and last visit, in the village order kept on the device. Shared by
 * "Của tôi" and its printout.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { payerRound, type Round } from '../../domain/payer-round';
import { getKv } from '../../storage/kv';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { roundItemOf, type RoundItem } from './line-assignee';
import { usePaymentList } from './use-payment-list';

export function useMyRound(): { periodId: string | null; round: Round<RoundItem> } | undefined {
  const { db } = useServices();
  const userId = useSession()?.user.id;
  const list = usePaymentList();
  const order = useLiveQuery(async () => (await getKv<string[]>(db, 'roundOrder')) ?? [], [db]);
  return useMemo(() => {
    if (!list || !order || !userId) return undefined;
    const mine = list.items.map(roundItemOf).filter((l) => l.payer?.id === userId);
    return { periodId: list.periodId, round: payerRound(mine, order) };
  }, [list, order, userId]);
}
