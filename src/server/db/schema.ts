/**
 * Kysely types of the server database. Instants are epoch milliseconds (bigint columns),
 * flags are 0/1 integers and JSON is text, so one schema fits SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';
import type { Role } from '../../domain/vocabulary';
import type { ConflictStatus } from '../../protocol/conflicts';
import type { DeviceStatus } from '../../protocol/devices';
import type { DecreaseReason } from '../../domain/list-decreases';
import type { ListKind, ListStatus } from '../../protocol/lists';
import type { EntityKind } from '../../protocol/pull';

export { deviceStatuses, type DeviceStatus } from '../../protocol/devices';

import type {
  BatchEventsTable,
  BatchLinesTable,
  BatchResultsTable,
  BatchesTable,
  OpenedAccountImportsTable,
  ProviderResultMappingsTable,
  ProvidersTable,
} from './schema-batches';
import type {
  PaymentFeesTable,
  ReportFirstNonCashTable,
  ReportIdChecksTable,
  ReportLinesTable,
  ReportLineTotalsTable,
  ReportPaidDaysTable,
  ReportPeopleMonthsTable,
  ReportPeopleTable,
} from './schema-reports';

export type UsersTable = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** JSON array of commune codes. */
  communes: string;
  password_hash: string;
  created_at: number;
  disabled: number;
  /** 1: the next sign-in may only set a new password (an admin created or reset the user). */
  must_change_password: Generated<number>;
  /**
   * JSON `UserScope` (protocol/users.ts) as an admin chose it; `communes` is its expansion. Null
   * for a row written without one: its scope is its communes.
   */
  scope: string | null;
};

export type DevicesTable = {
  id: string;
  user_id: string;
  name: string;
  status: DeviceStatus;
  /** Highest seq the device says it has made (sent or not). */
  last_seq_reported: number;
  /** Highest seq that actually arrived. */
  max_seq_received: number;
  last_seen_at: number | null;
  created_at: number;
};

export type TokensTable = {
  /** sha256 (hex) of the opaque token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
};

/** Sign-in attempts not (yet) proven right, by username and client address (login-throttle.ts). */
export type LoginFailuresTable = { username: string; address: string; at: number };

export type SettingsTable = { key: string; value: string };

export type EntitiesTable = {
  entity: EntityKind;
  id: string;
  /** Null: global (periods, settings), sent to everyone. */
  commune_code: string | null;
  version: number;
  /** Global change sequence, allocated inside the writing transaction (docs/protocol.md). */
  change_seq: number;
  deleted: number;
  /** JSON text of the entity data; null when deleted. */
  data: string | null;
  updated_at: number;
};

export type ChangeCounterTable = { id: number; value: number };

/** The push audit log (docs/protocol.md "What the server stores"): every received op and its first result. Insert-only. */
export type ListLineKind = 'increase' | 'adjustment' | 'unchanged' | 'decrease';
export type ListAction = 'import' | 'submit' | 'return' | 'approve' | 'publish' | 'replace';

/** An imported monthly list of a commune (issue 11). JSON columns are text. */
export type ListsTable = {
  id: string;
  /** `month` or `correction` (migration 0011). */
  kind: ListKind;
  period: string;
  commune_code: string;
  status: ListStatus;
  file_hash: string;
  file_name: string;
  source_key: string;
  mapping: string;
  findings: string;
  diff: string;
  total: number;
  line_count: number;
  preparer_id: string;
  created_at: number;
  approved_hash: string | null;
  approver_id: string | null;
  approved_at: number | null;
  published_at: number | null;
};

export type ListLinesTable = {
  list_id: string;
  row: number;
  beneficiary_id: string | null;
  kind: ListLineKind;
  total: number;
  data: string;
};

/** Every step of a list, in order: who, when, what, and the comment of a return. Insert-only. */
export type ListEventsTable = {
  list_id: string;
  /** The event's number within its list (1, 2, …); null for events kept before migration 0007. */
  n: number | null;
  at: number;
  user_id: string;
  action: ListAction;
  comment: string | null;
};

export type ListMappingsTable = {
  commune_code: string;
  source_key: string;
  mapping: string;
  updated_by: string;
  updated_at: number;
};

/** Why a person leaves a list: one reason per decrease, set by the preparer. */
export type ListDecisionsTable = {
  list_id: string;
  beneficiary_id: string;
  reason: DecreaseReason;
  note: string | null;
  decided_by: string;
  decided_at: number;
};

/**
 * The preparer's answer to a field finding about someone still on the list: held back this month
 * (accepted 1) or paid as the file says (0, with the reason in the note).
 */
export type ListFieldOutcomesTable = {
  list_id: string;
  beneficiary_id: string;
  suggested: DecreaseReason;
  accepted: number;
  note: string | null;
  decided_by: string;
  decided_at: number;
};

/** The preparer's answer about a name-only match: the same person (1) or two people (0). */
export type ListMatchesTable = {
  list_id: string;
  beneficiary_id: string;
  row: number;
  same: number;
  decided_by: string;
  decided_at: number;
};

/** A closed commune month (issue 11): who closed it and its summary (JSON). Never updated. */
export type MonthClosingsTable = {
  commune_code: string;
  period: string;
  closed_by: string;
  closed_at: number;
  summary: string;
};

/** Unpaid money of a closed month carried into a later month's arrears. */
export type CarryoversTable = {
  from_line_id: string;
  commune_code: string;
  from_period: string;
  to_period: string;
  beneficiary_id: string;
  amount: number;
  months: number;
  applied_line_id: string | null;
  applied_at: number | null;
};

export type OpsTable = {
  /** The op's id: the idempotency key. */
  op_id: string;
  /** The device that pushed it (the token's device). */
  device_id: string;
  /** The user that pushed it (the token's user). */
  user_id: string;
  /**
   * The seq this op claimed on its device; unique per device. Null when it claimed none: a
   * `seq-reused` rejection, an unreadable seq, or an envelope naming another device. The seq as
   * sent is always in `envelope`.
   */
  seq: number | null;
  /** The op type when it is one of protocol 1's; null otherwise. */
  type: string | null;
  entity_id: string | null;
  /** Device clock as sent (text); null when unreadable. */
  recorded_at: string | null;
  received_at: number;
  /** The op as received, JSON text. */
  envelope: string;
  status: 'applied' | 'conflict' | 'rejected';
  code: string | null;
  /** Why a payload was invalid (schema paths and messages), for support; never shown to users. */
  detail: string | null;
  /** Server version of the entity after the op (applied, conflict). */
  version: number | null;
  /** The supervisor or admin who imported the op from the device's outbox file; null when pushed. */
  imported_by: string | null;
};

/** Seq ranges a device skipped (ops made on the device that never arrived). */
export type SeqGapsTable = { device_id: string; from_seq: number; to_seq: number; detected_at: number };

/** Last write of each roster field, to tell a concurrent edit from a device's own earlier edit. */
export type FieldVersionsTable = {
  entity: EntityKind;
  entity_id: string;
  field: string;
  /** The entity's version after the write. */
  version: number;
  op_id: string;
  device_id: string;
};

/** Index over the `conflict` entities (whose data holds both sides), for the supervisors' list. */
export type ConflictsTable = {
  id: string;
  commune_code: string;
  code: string;
  status: ConflictStatus;
  subject_entity: EntityKind;
  subject_id: string;
  /** The op whose arrival raised it. */
  op_id: string;
  detected_at: number;
  resolved_at: number | null;
  resolved_by_op: string | null;
};

export type BlobsTable = {
  sha256: string;
  content_type: string;
  bytes: Uint8Array;
  size: number;
  received_at: number;
  user_id: string;
};

/** An op that names a blob (signature, photo); existing blobs kept at migration 0020 have ''/''. */
export type BlobRefsTable = { sha256: string; device_id: string; op_id: string };

/** Blobs that applied ops refer to but that have not arrived; deleted when the bytes arrive. */
export type MissingBlobsTable = {
  sha256: string;
  op_id: string;
  field: 'signature' | 'photo';
  entity: EntityKind;
  entity_id: string;
  detected_at: number;
};

/** Every look at a payment's evidence (line, blob or null for the list). Insert-only. */
export type EvidenceViewsTable = { user_id: string; line_id: string; sha256: string | null; at: number };

/** Days a commune's tablets may work offline (the lease); communes without a row get the default. */
export type CommuneLeasesTable = { commune_code: string; days: number; updated_by: string; updated_at: number };

/** A payer's cash ledger (migration 0029, services/cash-ledger.ts): entries of `cash.*` ops. Insert-only. */
export type CashEntriesTable = {
  op_id: string;
  payer_id: string;
  kind: string;
  commune_code: string;
  month: string;
  /** domain/cash-ops.ts `LedgerEntry`, JSON text. */
  data: string;
  received_at: number;
};

/** A device's receipt-signing public key (issue 16, migration 0028): set once. */
export type DeviceKeysTable = { device_id: string; public_key: string; created_at: number };
/** The last receipt of a device's chain the server has checked: its number and hash. */
export type ReceiptChainsTable = { device_id: string; last_number: number; last_hash: string };
/** What the push found wrong with a receipt (protocol/receipts.ts `receiptFlagCodes`). */
export type ReceiptFlagsTable = {
  op_id: string;
  code: string;
  device_id: string;
  number: number;
  /** The number the chain expected (last + 1). */
  expected: number;
  line_id: string;
  commune_code: string;
  detected_at: number;
};

export type Database = {
  users: UsersTable;
  devices: DevicesTable;
  tokens: TokensTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
  entities: EntitiesTable;
  change_counter: ChangeCounterTable;
  ops: OpsTable;
  seq_gaps: SeqGapsTable;
  field_versions: FieldVersionsTable;
  conflicts: ConflictsTable;
  blobs: BlobsTable;
  missing_blobs: MissingBlobsTable;
  blob_refs: BlobRefsTable;
  report_lines: ReportLinesTable;
  report_people: ReportPeopleTable;
  report_people_months: ReportPeopleMonthsTable;
  report_id_checks: ReportIdChecksTable;
  report_line_totals: ReportLineTotalsTable;
  report_paid_days: ReportPaidDaysTable;
  report_first_non_cash: ReportFirstNonCashTable;
  payment_fees: PaymentFeesTable;
  lists: ListsTable;
  list_lines: ListLinesTable;
  list_events: ListEventsTable;
  list_mappings: ListMappingsTable;
  list_decisions: ListDecisionsTable;
  list_matches: ListMatchesTable;
  list_field_outcomes: ListFieldOutcomesTable;
  month_closings: MonthClosingsTable;
  carryovers: CarryoversTable;
  providers: ProvidersTable;
  evidence_views: EvidenceViewsTable;
  commune_leases: CommuneLeasesTable;
  provider_result_mappings: ProviderResultMappingsTable;
  batches: BatchesTable;
  batch_lines: BatchLinesTable;
  batch_results: BatchResultsTable;
  batch_events: BatchEventsTable;
  opened_account_imports: OpenedAccountImportsTable;
  cash_entries: CashEntriesTable;
  device_keys: DeviceKeysTable;
  receipt_chains: ReceiptChainsTable;
  receipt_flags: ReceiptFlagsTable;
};

export type {
  PaymentFeesTable,
  ReportFirstNonCashTable,
  ReportIdChecksTable,
  ReportLinesTable,
  ReportLineTotalsTable,
  ReportPaidDaysTable,
  ReportPeopleMonthsTable,
  ReportPeopleTable,
};

export type {
  BatchEventsTable,
  BatchLinesTable,
  BatchResultsTable,
  BatchesTable,
  OpenedAccountImportsTable,
  ProviderResultMappingsTable,
  ProvidersTable,
};
