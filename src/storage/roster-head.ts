/**
 * The head of the roster (its count and first lines in name order), kept sealed in `kv` while
 * the in-memory index is current (issue 15, "Start-up"). After the PIN, building the index from
 * 100,000 people takes about two seconds; meanwhile the roster shows this head, so the officer
 * sees the list at once. Search and filters still wait for the index ("Đang chuẩn bị tìm kiếm
 * nhanh…"), and the index's answer replaces the head as soon as it is ready. Nothing syncs while
 * locked, so the head read at unlock is the roster as it was when the index last saw it.
 */
import type { AppDb } from './app-db';
import { getKv, setKv } from './kv';
import { rosterIndexOf } from './roster-index';
import type { RosterIndex } from './roster-index-types';
import type { RosterListRow } from './roster-index-list';

/** Lines kept: more than a tablet's first screen of the list. */
export const HEAD_ROWS = 100;
/** Changes come in bursts (a pull page, a bulk edit): the head is written once they settle. */
const SETTLE_MS = 1500;

export type RosterHead = { count: number; rows: RosterListRow[] };

export function readRosterHead(db: AppDb): Promise<RosterHead | undefined> {
  return getKv<RosterHead>(db, 'rosterHead');
}

/**
 * Keeps the head current with `index`: written once it is ready and after its changes settle.
 * Returns the unsubscribe. A write after the device locked is dropped (the key is gone).
 */
/** Runs `write` once changes have settled; returns its cancel. Tests pass their own. */
export type Settle = (write: () => void) => () => void;
const afterSettling: Settle = (write) => {
  const timer = setTimeout(write, SETTLE_MS);
  return () => clearTimeout(timer);
};

export function keepRosterHead(db: AppDb, index: RosterIndex, settle: Settle = afterSettling): () => void {
  let cancel: (() => void) | undefined;
  const write = () => {
    cancel = undefined;
    // Detached meanwhile (locked, wiped, another user): its names are not to be kept.
    if (rosterIndexOf(db) !== index) return;
    const count = index.count();
    const rows = index.window(0, HEAD_ROWS);
    if (count === null || rows === null) return;
    // Locked meanwhile: the key is gone and nothing may be written (sealed-tables.ts).
    if (db.keyring.state !== 'unlocked' && db.keyring.state !== 'no-vault') return;
    setKv(db, 'rosterHead', { count, rows } satisfies RosterHead).catch(() => undefined);
  };
  const unsubscribe = index.subscribe(() => {
    if (!index.isReady()) return;
    cancel?.();
    cancel = settle(write);
  });
  void index.whenReady().then(write, () => undefined);
  return () => {
    cancel?.();
    unsubscribe();
  };
}
