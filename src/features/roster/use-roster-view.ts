/** The roster's filters and order, remembered on the device across reloads (kv `rosterView`). */
import { useCallback, useEffect, useState } from 'react';
import { parseRosterView, type RosterView } from '../../domain/roster-filter';
import { getKv, setKv } from '../../storage/kv';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';

/**
 * `undefined` until the remembered view is read, so the list never flashes unfiltered first.
 * Kept in IndexedDB rather than localStorage: a wiped device (revoked, retired) forgets it
 * with everything else, and the next user never inherits another commune's village filter.
 */
export function useRosterView(): [RosterView | undefined, (next: RosterView) => void] {
  const { db } = useServices();
  const [view, setView] = useState<RosterView | undefined>(undefined);

  useEffect(() => {
    let live = true;
    runAsync(
      async () => {
        const stored = await getKv<unknown>(db, 'rosterView');
        if (live) setView(parseRosterView(stored));
      },
      () => live && setView(parseRosterView(undefined)),
    );
    return () => {
      live = false;
    };
  }, [db]);

  const update = useCallback(
    (next: RosterView) => {
      setView(next);
      // Remembering is a convenience: if the write fails (storage full, reported by the
      // storage banner on the next real write), the chosen filters still apply now.
      runAsync(
        () => setKv(db, 'rosterView', next),
        () => undefined,
      );
    },
    [db],
  );
  return [view, update];
}
