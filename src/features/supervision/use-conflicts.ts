import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConflictView } from '../../protocol/conflicts';
import type { ConflictRow } from '../../storage/app-db';
import { TransportError } from '../../sync/transport';
import { useOnline } from '../../ui/use-online';
import { readPeople } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

/** Conflicts pulled for the device's communes, open ones, newest first. */
export function useOpenConflicts(): ConflictRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const rows = await db.conflicts.where('status').equals('open').toArray();
    return rows.sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : -1));
  }, [db]);
}

/**
 * What the supervisors' screen shows:
 * - `loading`: online, the server's list has not answered yet;
 * - `server`: the server's current open conflicts (`loadedAt`: epoch ms of the answer);
 * - `offline`: the conflicts pulled into this device, which may be out of date;
 * - `error`: the server's list failed (`errorCode`); the pulled conflicts are shown meanwhile.
 */
export type SupervisorConflicts =
  | { source: 'loading'; rows: undefined }
  | { source: 'server'; rows: ConflictView[]; loadedAt: number }
  | { source: 'offline'; rows: ConflictRow[] | undefined }
  | { source: 'error'; rows: ConflictRow[] | undefined; errorCode: string };

type Answer = { rows: ConflictView[]; loadedAt: number } | { errorCode: string } | null;

/**
 * The supervisors' list: the server's (`GET /api/conflicts`) while online, the pulled one
 * offline. `reload` asks the server again; `retry` does so after a failure, showing loading.
 */
export function useSupervisorConflicts(): {
  view: SupervisorConflicts;
  reload: () => Promise<void>;
  retry: () => void;
} {
  const { transport, clock } = useServices();
  const session = useSession();
  const online = useOnline();
  const local = useOpenConflicts();
  const token = session?.token;
  const [answer, setAnswer] = useState<Answer>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (!token) return;
    const request = ++latest.current;
    let next: Answer;
    try {
      next = { rows: await transport.listConflicts(token, 'open'), loadedAt: clock.now() };
    } catch (e) {
      next = { errorCode: e instanceof TransportError ? e.code : 'unexpected' };
    }
    // An older request answering late never replaces a newer answer.
    if (request === latest.current) setAnswer(next);
  }, [token, transport, clock]);

  useEffect(() => {
    if (online) void reload();
  }, [online, reload]);

  const retry = useCallback(() => {
    setAnswer(null);
    void reload();
  }, [reload]);

  let view: SupervisorConflicts;
  if (!online) view = { source: 'offline', rows: local };
  else if (answer === null) view = { source: 'loading', rows: undefined };
  else if ('errorCode' in answer) view = { source: 'error', rows: local, errorCode: answer.errorCode };
  else view = { source: 'server', rows: answer.rows, loadedAt: answer.loadedAt };
  return { view, reload, retry };
}

/** The state of this device's latest resolution op for a conflict, while it matters to the screen. */
export type LocalResolution = 'pending' | 'rejected';

/**
 * This device's resolution ops (`conflictId` in the payload) not yet answered, or rejected,
 * by conflict id; the latest op of a conflict wins.
 */
export function useLocalResolutions(): Map<string, LocalResolution> | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const ops = await db.outbox.where('state').anyOf('pending', 'rejected').sortBy('seq');
    const byConflict = new Map<string, LocalResolution>();
    for (const op of ops) {
      const payload = op.envelope['payload'];
      const conflictId =
        typeof payload === 'object' && payload !== null && 'conflictId' in payload ? payload.conflictId : undefined;
      if (typeof conflictId === 'string') byConflict.set(conflictId, op.state === 'pending' ? 'pending' : 'rejected');
    }
    return byConflict;
  }, [db]);
}

/**
 * Asks the server's list again (`reload`, null while offline) once the server has answered an
 * op handed to the returned function, so a resolved conflict leaves the list.
 */
export function useRefreshWhenAnswered(reload: (() => Promise<void>) | null): (opId: string) => void {
  const { db } = useServices();
  const [awaiting, setAwaiting] = useState<readonly string[]>([]);
  const answered = useLiveQuery(async () => {
    if (awaiting.length === 0) return [];
    const ops = await db.outbox
      .where('id')
      .anyOf([...awaiting])
      .toArray();
    return ops.filter((op) => op.state !== 'pending').map((op) => op.id);
  }, [db, awaiting]);
  const answeredKey = answered?.join('\n') ?? '';
  useEffect(() => {
    if (answeredKey === '') return;
    const done = new Set(answeredKey.split('\n'));
    setAwaiting((ids) => ids.filter((id) => !done.has(id)));
    if (reload) void reload();
  }, [answeredKey, reload]);
  return useCallback((opId: string) => setAwaiting((ids) => [...ids, opId]), []);
}

/** Villages of the conflicts' beneficiaries, when the device holds them, by beneficiary id. */
export function useVillages(beneficiaryIds: readonly string[]): Map<string, string> | undefined {
  const { db } = useServices();
  const key = [...new Set(beneficiaryIds)].sort().join('\n');
  return useLiveQuery(async () => {
    const ids = key === '' ? [] : key.split('\n');
    const rows = await readPeople(db, ids);
    const villages = new Map<string, string>();
    for (const row of rows) if (row?.village) villages.set(row.id, row.village);
    return villages;
  }, [db, key]);
}
