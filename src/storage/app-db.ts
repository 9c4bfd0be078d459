/** The device's IndexedDB database: typed tables and their append-only schema versions. */
import Dexie, { type EntityTable } from 'dexie';
import { beneficiaryChangesMiddleware, type BeneficiaryCommitListener } from './beneficiary-changes';
import { Keyring, type KeyringState } from './keyring';
import { plainRosterPage, ROSTER_PAGE_SIZE } from './roster-pages';
import { sealedTablesMiddleware } from './sealed-tables';
import { strictDurability } from './strict-durability';
import type { ConflictData } from '../protocol/conflicts';
import type { BeneficiaryData, CommuneData, PaymentLineData, PeriodData } from '../protocol/entities';

/** Fields every synced row carries besides its data. */
type Synced = { id: string; version: number };

export type CommuneRow = Synced & CommuneData;
export type BeneficiaryRow = Synced &
  BeneficiaryData & {
    /**
     * Folded words of name, ID numbers and phone, read by the in-memory roster index
     * (roster-index.ts) for prefix search. Indexed in IndexedDB up to version 2 only.
     */
    searchTokens: string[];
    /** Sorts by given name, then family and middle names. */
    sortKey: string;
  };
export type PeriodRow = Synced & PeriodData;
export type PaymentLineRow = Synced &
  PaymentLineData & { /** The local op that last changed it, while unanswered. */ localOpId?: string };
export type IdCheckRow = Synced & { beneficiaryId: string; [key: string]: unknown };
export type ConflictRow = Synced & ConflictData;

/** An operation waiting to reach the server (docs/protocol.md envelope plus local bookkeeping). */
export type OutboxRow = {
  seq: number;
  id: string;
  type: string;
  entityId: string;
  state: 'pending' | 'done' | 'conflict' | 'rejected';
  envelope: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  /** The server's answer, once there is one (kept for "Cần xử lý" and the person's history). */
  result: OpResult | null;
};

export type OpResult = {
  /** For a duplicate: the first outcome's conflict or reject code (`code` holds its status). */
  firstCode?: string | undefined;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  code?: string | undefined;
  message?: string | undefined;
  version?: number | undefined;
};

/** The server copy of an entity that has unanswered ops (see local-ops.ts). */
export type ShadowRow = { key: string; row: Record<string, unknown> | null; fromSeq: number };

/** A signature or photo, content-addressed, kept until the server has it. */
/** `uploaded`: 0 waiting, 1 on the server, 2 refused by the server for good (kept here as evidence). */
export type BlobRow = { hash: string; type: string; bytes: ArrayBuffer; uploaded: 0 | 1 | 2 };

/**
 * A page of the pulled roster (roster-pages.ts): `size` rows in `data`, which only
 * `sealRosterPage` / `openRosterPage` read or write: JSON text on a device without a vault yet,
 * else AES-GCM bytes; `stamp` tells one sealing from another without opening it.
 */
export type RosterPageRecord = { no: number; size: number; data: string | Uint8Array; stamp: string };

/**
 * The device's receipt-signing key and the head of its receipt chain (issue 16; device-receipts.ts),
 * one row `id: 'receipts'`. The private key is a non-extractable CryptoKey, kept as IndexedDB
 * keeps it (structured clone), so this table is not sealed (sealing writes JSON; a key the
 * browser never lets out needs no sealing). It holds no personal data: numbers and a hash.
 */
export type DeviceKeyRow = {
  id: 'receipts';
  /** The device id the key was made for: a new device id (another user) makes a new key. */
  deviceId: string;
  privateKey: CryptoKey;
  /** SPKI, base64url, as registered with the server. */
  publicKey: string;
  /** Whether the server holds it (`refused`: it holds another key for this device id). */
  registered: 'no' | 'yes' | 'refused';
  /** The number of the device's last receipt (0: none yet). */
  last: number;
  /** SHA-256 hex of the last receipt's canonical text. */
  lastHash: string | null;
};

/** Small key/value rows: pull cursor, last sync, device identity, session. */
export type KvRow = { key: string; value: unknown };

export class AppDb extends Dexie {
  communes!: EntityTable<CommuneRow, 'id'>;
  /** Edited records only (roster-pages.ts): people with a local change; the rest are in pages. */
  beneficiaries!: EntityTable<BeneficiaryRow, 'id'>;
  rosterPages!: EntityTable<RosterPageRecord, 'no'>;
  periods!: EntityTable<PeriodRow, 'id'>;
  paymentLines!: EntityTable<PaymentLineRow, 'id'>;
  idChecks!: EntityTable<IdCheckRow, 'id'>;
  conflicts!: EntityTable<ConflictRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  kv!: EntityTable<KvRow, 'key'>;
  shadows!: EntityTable<ShadowRow, 'key'>;
  blobs!: EntityTable<BlobRow, 'hash'>;
  deviceKeys!: EntityTable<DeviceKeyRow, 'id'>;
  /** Told of every committed change to beneficiaries on this connection (roster-index.ts). */
  readonly beneficiaryCommitListeners = new Set<BeneficiaryCommitListener>();
  /** The data key while unlocked (keyring.ts): sealed tables and pages need it. */
  readonly keyring: Keyring;

  constructor(name: string, keyring: KeyringState) {
    super(name);
    this.keyring = new Keyring(keyring);
    // Version 1. Append new versions below; never edit one that has shipped (docs/style.md §2.7).
    // Indexes follow the queries: roster order (sortKey), prefix search (*searchTokens),
    // scope and filters (communeCode, status), a person's lines and checks (beneficiaryId),
    // this month's list ([periodId+communeCode]), the outbox queue (state, entityId).
    this.version(1).stores({
      communes: 'id',
      beneficiaries: 'id, sortKey, *searchTokens, communeCode, status',
      periods: 'id',
      paymentLines: 'id, beneficiaryId, [periodId+communeCode], status',
      idChecks: 'id, beneficiaryId',
      conflicts: 'id, status, beneficiaryId',
      outbox: 'seq, &id, state, entityId',
      kv: 'key',
      shadows: 'key',
      blobs: 'hash, uploaded',
    });
    // Version 2: a village index for the roster (features/roster). The village filter reads only
    // that village's rows, and the village list is read from the index keys (`uniqueKeys`), not
    // from a scan of every person. IndexedDB builds the index from the stored rows while it
    // upgrades: nothing to rewrite, so no upgrade function.
    this.version(2).stores({
      beneficiaries: 'id, sortKey, *searchTokens, communeCode, status, village',
    });
    // Version 3: no IndexedDB index on searchTokens. The in-memory roster index (roster-index.ts)
    // answers every search from the field, so the multiEntry index (about 8 entries per person)
    // only slowed every write: it was the largest share of the initial sync's index cost (README
    // "Performance"). The field stays in the rows; IndexedDB drops the index while it upgrades,
    // nothing to rewrite, so no upgrade function.
    this.version(3).stores({
      beneficiaries: 'id, sortKey, communeCode, status, village',
    });
    // Version 4: the roster stored for bulk loading (roster-pages.ts). One record per person with
    // four indexes made the first sync of 50,000 people take about 30 s; pages of 2,000 take about
    // a second (README "Performance"). `beneficiaries` keeps only edited records: people with an
    // op the server has not answered (a shadow) stay there, everyone else moves into pages. The
    // outbox and shadows are not touched.
    this.version(4)
      .stores({ rosterPages: 'no' })
      .upgrade(async (tx) => {
        const edited = new Set(
          (await tx.table<ShadowRow, string>('shadows').toCollection().primaryKeys())
            .filter((key) => key.startsWith('beneficiaries:'))
            .map((key) => key.slice('beneficiaries:'.length)),
        );
        const rows = await tx.table<BeneficiaryRow, string>('beneficiaries').toArray();
        const paged = rows.filter((row) => !edited.has(row.id));
        const pages = tx.table<RosterPageRecord, number>('rosterPages');
        for (let i = 0; i < paged.length; i += ROSTER_PAGE_SIZE)
          await pages.add(
            plainRosterPage(i / ROSTER_PAGE_SIZE + 1, { rows: paged.slice(i, i + ROSTER_PAGE_SIZE), deleted: [] }),
          );
        await tx.table('beneficiaries').bulkDelete(paged.map((row) => row.id));
      });
    // Version 5: rows sealed at rest (sealed-tables.ts) keep only their indexed fields readable,
    // so no index may hold personal data: `sortKey` (the folded name) goes. Nothing queried it
    // since the roster moved to pages and the in-memory index. Rows are sealed when the user sets
    // a PIN (seal-existing.ts), not here: an upgrade runs before anyone has unlocked.
    this.version(5).stores({
      beneficiaries: 'id, communeCode, status, village',
    });
    // Version 6: the receipt-signing key and chain head (issue 16, `deviceKeys`, one row). A new
    // table: nothing existing is rewritten; the roster, the outbox and the vault are untouched.
    this.version(6).stores({ deviceKeys: 'id' });
    this.use(sealedTablesMiddleware(this.keyring));
    this.use(strictDurability);
    this.use(beneficiaryChangesMiddleware(this.beneficiaryCommitListeners));
  }
}

/**
 * A database per name, so tests get a fresh one (docs/style.md §2.7). The app starts its keyring
 * `unknown` until it has read its vault (app/create-services.ts); tests and tools start without
 * a vault, writing rows as they are, unless they set one up.
 */
export function createAppDb(name = 'chitra', keyring: KeyringState = 'no-vault'): AppDb {
  return new AppDb(name, keyring);
}
