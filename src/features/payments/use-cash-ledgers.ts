/**
 * A paying month's cash ledgers as the screens show them (issue 16): the server's reading
 * (`GET /api/cash`, kept on the device so it shows offline) merged with what this device
 * recorded and the server has not answered yet (storage/cash-ledger.ts), each entry once.
 * Downloaded again when the screen opens with a connection, and on `refresh` (not with
 * `download: false`: the pay screen reads what the device has, with no request per payment).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { mergeLedgers, type Ledger } from '../../domain/cash-ledger';
import { payingMonth } from '../../domain/calendar';
import type { LedgerKey } from '../../domain/cash-ops';
import { vietnamMonth } from '../../lib/clock';
import type { CashLedger } from '../../protocol/cash';
import { localCashReading } from '../../storage/cash-ledger';
import { getKv, setKv } from '../../storage/kv';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';

export type SavedCash = { at: number; ledgers: CashLedger[] };
export type ShownLedger = Ledger & { payerName: string };

/** The month being paid: the one the device holds lines of, nearest today (`payingMonth`). */
export function usePayingMonth(): string | null | undefined {
  const { db, clock } = useServices();
  return useLiveQuery(async () => {
    const keys = (await db.paymentLines.orderBy('[periodId+communeCode]').uniqueKeys()) as unknown as [
      string,
      string,
    ][];
    return payingMonth([...new Set(keys.map((k) => k[0]))], vietnamMonth(clock.now()));
  }, [db, clock]);
}

export function useCashLedgers(
  month: string | null,
  { download = true }: { download?: boolean } = {},
): {
  ledgers: ShownLedger[] | undefined;
  savedAt: number | null;
  stale: boolean;
  refresh: () => void;
} {
  const { db, transport, clock } = useServices();
  const session = useSession();
  const can = useCan();
  const token = session?.token;
  const me = session?.user;
  const [stale, setStale] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const mayRead = can('cash.ledgers');
  const saved = useLiveQuery(
    async () => (month ? ((await getKv<SavedCash>(db, `cash:${month}`)) ?? null) : null),
    [db, month],
  );
  const local = useLiveQuery(
    async () => (month ? localCashReading(db, month, me?.displayName ?? '') : null),
    [db, month, me?.displayName],
  );
  useEffect(() => {
    if (!token || !month || !mayRead || !download) return;
    // navigator.onLine false is a hint: no request is tried (sync/contact.ts).
    if (!navigator.onLine) return setStale(true);
    let live = true;
    transport
      .getCash(token, month)
      .then(async (ledgers) => {
        await setKv(db, `cash:${month}`, { at: clock.now(), ledgers } satisfies SavedCash);
        if (live) setStale(false);
      })
      // Not downloaded: the saved reading stays, said stale.
      .catch(() => live && setStale(true));
    return () => {
      live = false;
    };
  }, [db, transport, clock, token, month, mayRead, download, attempt]);

  const ledgers = useMemo(() => {
    if (!month || saved === undefined || !local || !me) return undefined;
    const keys = new Map<string, LedgerKey & { payerName: string }>();
    const add = (k: LedgerKey, payerName: string) =>
      keys.set(`${k.communeCode}:${k.payerId}`, { payerId: k.payerId, communeCode: k.communeCode, month, payerName });
    for (const l of saved?.ledgers ?? []) add(l, l.payerName);
    // A payer's own ledgers in their communes, before anything is recorded or downloaded.
    if (me.role === 'payer')
      for (const c of me.communes)
        if (!keys.has(`${c}:${me.id}`)) add({ payerId: me.id, communeCode: c, month }, me.displayName);
    for (const e of [...local.entries, ...local.payments]) {
      if (me.role === 'payer' && e.payerId !== me.id) continue;
      if (!keys.has(`${e.communeCode}:${e.payerId}`)) add(e, e.payerId === me.id ? me.displayName : e.payerId);
    }
    return [...keys.values()].map(({ payerName, ...key }) => {
      const server = saved?.ledgers.find((l) => l.payerId === key.payerId && l.communeCode === key.communeCode);
      return { ...mergeLedgers(key, [...(server ? [server] : []), local]), payerName };
    });
  }, [month, saved, local, me]);

  return { ledgers, savedAt: saved?.at ?? null, stale, refresh: useCallback(() => setAttempt((n) => n + 1), []) };
}
