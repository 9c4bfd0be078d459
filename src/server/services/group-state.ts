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
 * - Held-back writes (`isBuffering`): the op log rows and the writes to held rows are kept here
 *   and written in one statement per table when the group next sends any other statement, or
 *   closes (push-group-pg.ts says why that is the same as writing them at once). An op's own are
 *   kept apart until it ends: an op that fails before it sent anything leaves nothing to undo.
 */
import type { Transaction } from 'kysely';
import type { Database, OpsTable } from '../db/schema';
import type { EntityChange, EntityRow, StoredEntity } from './entity-store';

/** Writes held back: entity rows by key (the last write of a row is its state), op log rows. */
export type HeldBack = { entities: EntityRow[]; ops: OpsTable[] };

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

  private entityWrites = new Map<string, EntityRow>();
  private opEntityWrites = new Map<string, EntityRow>();
  private opLogRows: OpsTable[] = [];
  private opOpLogRows: OpsTable[] = [];
  /** Unique keys of the op log rows held back (op id, seq claim), the op's own included. */
  private readonly opLogKeys = new Set<string>();
  private opOpLogKeys: string[] = [];

  /** Whether op log rows and writes to held rows are held back (see the file's comment). */
  readonly isBuffering: boolean;

  /** `counter`: the counter's value when the group locked it (the last sequence handed out). */
  constructor(counter: number, isBuffering = false) {
    this.counter = counter;
    this.isBuffering = isBuffering;
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

  /** Holds back the write of a held row (`get` gives it from now on, through `written`). */
  holdBackEntity(row: EntityRow): void {
    this.opEntityWrites.set(keyOf(row.entity, row.id), row);
  }

  /**
   * Holds back an op log row; false when a row held back already has its op id or seq claim
   * (the op log's unique keys: the insert would do nothing).
   */
  holdBackOpLog(row: OpsTable): boolean {
    const keys = [`op\u0000${row.device_id}\u0000${row.op_id}`];
    if (row.seq !== null) keys.push(`seq\u0000${row.device_id}\u0000${String(row.seq)}`);
    if (keys.some((k) => this.opLogKeys.has(k))) return false;
    for (const k of keys) this.opLogKeys.add(k);
    this.opOpLogKeys.push(...keys);
    this.opOpLogRows.push(row);
    return true;
  }

  /** Takes the held-back writes of the ops that ended (to write now). */
  takeEnded(): HeldBack {
    const taken = { entities: [...this.entityWrites.values()], ops: this.opLogRows };
    this.entityWrites = new Map();
    this.opLogRows = [];
    return taken;
  }

  /** Takes the running op's held-back writes (to write now, inside its savepoint). */
  takeRunning(): HeldBack {
    const taken = { entities: [...this.opEntityWrites.values()], ops: this.opOpLogRows };
    this.opEntityWrites = new Map();
    this.opOpLogRows = [];
    return taken;
  }

  /** The op's savepoint was released: its writes stand. */
  opCommitted(): void {
    for (const [key, row] of this.opEntityWrites) this.entityWrites.set(key, row);
    this.opEntityWrites = new Map();
    this.opLogRows.push(...this.opOpLogRows);
    this.opOpLogRows = [];
    this.opOpLogKeys = [];
    for (const [key, row] of this.opRows) this.rows.set(key, row);
    this.opRows = new Map();
    for (const change of this.opReports) this.reports.push(change);
    this.opReports = [];
    this.opFirstSeq = this.nextSeq;
  }

  /** The op's savepoint was rolled back: its writes and sequences are gone. */
  opRolledBack(): void {
    this.opEntityWrites = new Map();
    this.opOpLogRows = [];
    for (const k of this.opOpLogKeys) this.opLogKeys.delete(k);
    this.opOpLogKeys = [];
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
