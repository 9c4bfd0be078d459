/**
 * A communication day's queue at this table (issue 17), kept on the device under
 * `outreach:<day>:<commune>` so it survives a reload and works offline. It holds ids and what was
 * registered, never personal data: names are read from the roster. Each change reads and writes
 * the queue in one transaction, so two quick taps never lose an entry.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { dequeue, enqueue, markDone, type OutreachDay, type QueueEntry } from '../../domain/outreach-day';
import { vietnamDate } from '../../lib/clock';
import { getKv, setKv } from '../../storage/kv';
import { useServices } from '../../ui/services';

export type OutreachDayState = {
  day: string;
  queue: OutreachDay | null | undefined;
  add: (beneficiaryId: string) => Promise<void>;
  remove: (beneficiaryId: string) => Promise<void>;
  done: (beneficiaryId: string, done: Omit<NonNullable<QueueEntry['done']>, 'at'>) => Promise<void>;
};

export function useOutreachDay(communeCode: string | null): OutreachDayState {
  const { db, clock } = useServices();
  const day = vietnamDate(clock.now());
  const key = `outreach:${day}:${communeCode ?? ''}` as const;
  const queue = useLiveQuery(
    async () =>
      communeCode === null ? null : ((await getKv<OutreachDay>(db, key)) ?? { day, communeCode, entries: [] }),
    [db, key, communeCode, day],
  );
  const change = useCallback(
    async (next: (current: OutreachDay) => OutreachDay) => {
      if (communeCode === null) return;
      await db.transaction('rw', db.kv, async () => {
        const current = (await getKv<OutreachDay>(db, key)) ?? { day, communeCode, entries: [] };
        await setKv(db, key, next(current));
      });
    },
    [db, key, communeCode, day],
  );
  const add = useCallback((id: string) => change((d) => enqueue(d, id, clock.now())), [change, clock]);
  const remove = useCallback((id: string) => change((d) => dequeue(d, id)), [change]);
  const done = useCallback(
    (id: string, registered: Omit<NonNullable<QueueEntry['done']>, 'at'>) =>
      change((d) => markDone(d, id, { ...registered, at: clock.now() })),
    [change, clock],
  );
  return { day, queue, add, remove, done };
}
