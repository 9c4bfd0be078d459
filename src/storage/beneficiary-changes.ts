/**
 * Dexie middleware that reports committed changes to the roster (the pages of `rosterPages` and
 * the edited records of `beneficiaries`, roster-pages.ts), so in-memory structures derived from it
 * (roster-index.ts) follow every local write exactly: pulls, local ops, push answers, wipes,
 * anything that goes through Dexie on this connection.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import type { BeneficiaryRow, RosterPageRecord } from './app-db';
import { openedRosterPage, type RosterPage } from './roster-pages';

export type BeneficiaryChange =
  /** Edited records written. */
  | { kind: 'put'; rows: BeneficiaryRow[] }
  /** Edited records removed: the person is their latest page copy again (or nobody). */
  | { kind: 'delete'; ids: string[] }
  /** A page written: its rows are the latest page copies of their people. */
  | { kind: 'page'; no: number; page: RosterPage }
  /** Every edited record or every page removed (`clear()`). */
  | { kind: 'clear' }
  /** A change the listener cannot follow row by row (a range delete, pages removed): re-read. */
  | { kind: 'unknown' };

/**
 * Called once per committed read-write transaction that changed beneficiaries, with the changes
 * in the order they were made, and Dexie's record of the transaction's mutated parts (the object
 * Dexie then fires as `storagemutated`, so listeners can tell their own tab's event from another's).
 */
export type BeneficiaryCommitListener = (changes: readonly BeneficiaryChange[], mutatedParts: unknown) => void;

const EDITED = 'beneficiaries';
const PAGES = 'rosterPages';

/** DBCoreRangeType.Any (3): a const enum of Dexie's types, not importable as a value. */
function isWholeTable(range: { type: number }): boolean {
  return range.type === 3;
}

function recordPageMutation(pending: BeneficiaryChange[], req: DBCoreMutateRequest, res: DBCoreMutateResponse): void {
  const failed = (i: number) => res.numFailures > 0 && res.failures[i] !== undefined;
  switch (req.type) {
    case 'add':
    case 'put':
      for (const [i, record] of (req.values as RosterPageRecord[]).entries()) {
        if (failed(i)) continue;
        // Pages are written sealed by this tab (roster-pages.ts), which keeps what it sealed.
        const page = openedRosterPage(record);
        pending.push(page ? { kind: 'page', no: record.no, page } : { kind: 'unknown' });
      }
      return;
    case 'delete':
      pending.push({ kind: 'unknown' });
      return;
    case 'deleteRange':
      pending.push(isWholeTable(req.range) ? { kind: 'clear' } : { kind: 'unknown' });
      return;
  }
}

function recordMutation(pending: BeneficiaryChange[], req: DBCoreMutateRequest, res: DBCoreMutateResponse): void {
  // A bulk write may partly fail and still commit (Dexie catches per-request errors): the
  // failed positions never reached the table.
  const failed = (i: number) => res.numFailures > 0 && res.failures[i] !== undefined;
  switch (req.type) {
    case 'add':
    case 'put': {
      const rows = (req.values as BeneficiaryRow[]).filter((_, i) => !failed(i));
      if (rows.length > 0) pending.push({ kind: 'put', rows });
      return;
    }
    case 'delete': {
      const ids = (req.keys as string[]).filter((_, i) => !failed(i));
      if (ids.length > 0) pending.push({ kind: 'delete', ids });
      return;
    }
    case 'deleteRange':
      pending.push(isWholeTable(req.range) ? { kind: 'clear' } : { kind: 'unknown' });
      return;
  }
}

/**
 * The listeners run in the transaction's own `complete` event, registered when the transaction
 * is created, that is before Dexie registers the handler that resolves the caller's promise:
 * whoever awaits a write and then queries already sees the listeners' effect.
 */
export function beneficiaryChangesMiddleware(listeners: ReadonlySet<BeneficiaryCommitListener>): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'beneficiary-changes',
    create: (down) => {
      const pendingOf = new WeakMap<DBCoreTransaction, BeneficiaryChange[]>();
      return {
        ...down,
        transaction: (stores, mode, options) => {
          const trans = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && (stores.includes(EDITED) || stores.includes(PAGES))) {
            const pending: BeneficiaryChange[] = [];
            pendingOf.set(trans, pending);
            // The IndexedDB transaction itself at the bottom of Dexie's stack.
            (trans as unknown as EventTarget).addEventListener('complete', () => {
              if (pending.length === 0) return;
              const parts = (trans as unknown as { mutatedParts?: unknown }).mutatedParts;
              for (const listener of listeners) listener(pending, parts);
            });
          }
          return trans;
        },
        table: (name) => {
          const table = down.table(name);
          if (name !== EDITED && name !== PAGES) return table;
          const record = name === EDITED ? recordMutation : recordPageMutation;
          return {
            ...table,
            mutate: (req) =>
              table.mutate(req).then((res) => {
                const pending = pendingOf.get(req.trans);
                if (pending) record(pending, req, res);
                return res;
              }),
          };
        },
      };
    },
  };
}
