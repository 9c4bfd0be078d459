/**
 * What a PostgreSQL commit group (push-group-pg.ts) holds for its ops while its transaction is
 * open: the rows it locked at its start, read and parsed once, and the change counter, locked once.
 * `putEntities` and `getEntityForUpdate` consult it through the transaction they are given.
 *
 * - Sequences: the group locked the counter row and read its value, so no other transaction can
 *   allocate until the group commits; its ops take sequences from memory, and the counter is
 *   written once before the commit (one allocation per group instead of one per op).
 * - Rows: the group holds `FOR UPDATE` on every line its ops touch, so the copy read at the start
 *   stays current; each op's write replaces it with the value written (no JSON parse of what the
 *   group itself stored).
 * - Savepoints: an op rolled back to its savepoint gives back its sequences and its row writes.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { EntityChange, StoredEntity } from './entity-store';

const keyOf = (entity: string, id: string): string => `${entity}\u0000${id}`;

export class GroupState {
  private readonly rows = new Map<string, StoredEntity>();
  private opRows = new Map<string, StoredEntity>();
  private nextSeq: number;
  private opFirstSeq: number;
  private reports: EntityChange[] = [];
  private opReports: EntityChange[] = [];
  private lastNow = 0;

  private readonly counter: number;

  /** `counter`: the counter's value when the group locked it (the last sequence handed out). */
  constructor(counter: number) {
    this.counter = counter;
    this.nextSeq = counter + 1;
    this.opFirstSeq = this.nextSeq;
  }

  /** Reserves `count` sequences; returns the last one. */
  allocate(count: number): number {
    this.nextSeq += count;
    return this.nextSeq - 1;
  }

  /** The counter's value to store before the commit, or null when no sequence was handed out. */
  finalCounter(): number | null {
    return this.nextSeq - 1 > this.counter ? this.nextSeq - 1 : null;
  }

  /** A row the group locked, as read at the start or as an earlier op of the group wrote it. */
  get(entity: string, id: string): StoredEntity | undefined {
    const key = keyOf(entity, id);
    return this.opRows.get(key) ?? this.rows.get(key);
  }

  /**
   * A row read once the group holds the counter: no other transaction can write an entity until
   * the group commits (entity writes need the counter), so it stays current but for the group's
   * own writes, which replace it.
   */
  hold(row: StoredEntity): void {
    this.rows.set(keyOf(row.entity, row.id), row);
  }

  /** An op wrote `row`: replaces the held copy (rows not held are read from the database). */
  written(row: StoredEntity): void {
    const key = keyOf(row.entity, row.id);
    if (this.rows.has(key)) this.opRows.set(key, row);
  }

  /** Report rows of the op's changes: written once for the group, before its commit. */
  deferReports(changes: readonly EntityChange[], now: number): void {
    this.opReports.push(...changes);
    this.lastNow = Math.max(this.lastNow, now);
  }

  /** The changes whose report rows are still to write, and the time to write them with. */
  pendingReports(): { changes: EntityChange[]; now: number } {
    return { changes: this.reports, now: this.lastNow };
  }

  /** The op's savepoint was released: its writes stand. */
  opCommitted(): void {
    for (const [key, row] of this.opRows) this.rows.set(key, row);
    this.opRows = new Map();
    for (const change of this.opReports) this.reports.push(change);
    this.opReports = [];
    this.opFirstSeq = this.nextSeq;
  }

  /** The op's savepoint was rolled back: its writes and sequences are gone. */
  opRolledBack(): void {
    this.opRows = new Map();
    this.opReports = [];
    this.nextSeq = this.opFirstSeq;
  }
}

const groups = new WeakMap<Transaction<Database>, GroupState>();

export const bindGroup = (trx: Transaction<Database>, state: GroupState): void => {
  groups.set(trx, state);
};

export const groupOf = (trx: Transaction<Database>): GroupState | undefined => groups.get(trx);
