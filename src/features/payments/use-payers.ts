/**
 * The payers an officer may assign lines to (`GET /api/staff/payers`), kept on the device so
 * assigning works offline with the list last downloaded. Downloaded again each time the screen
 * opens with a connection; a failed download keeps the saved list and says so.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Payer } from '../../protocol/staff';
import { getKv, setKv } from '../../storage/kv';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

export type SavedPayers = { at: number; payers: Payer[] };

export function usePayers(): { saved: SavedPayers | null | undefined; stale: boolean } {
  const { db, transport, clock } = useServices();
  const token = useSession()?.token;
  const [stale, setStale] = useState(false);
  const saved = useLiveQuery(async () => (await getKv<SavedPayers>(db, 'payers')) ?? null, [db]);
  useEffect(() => {
    if (!token) return;
    let live = true;
    // navigator.onLine false is a hint: no request is tried (sync/contact.ts).
    if (!navigator.onLine) return;
    transport
      .listPayers(token)
      .then((payers) => setKv(db, 'payers', { at: clock.now(), payers } satisfies SavedPayers))
      // Not downloaded, or not kept (the device locked meanwhile): the saved list stays, said stale.
      .catch(() => live && setStale(true));
    return () => {
      live = false;
    };
  }, [db, transport, clock, token]);
  return { saved, stale };
}
