/** The payout tables' rows (issue 12, docs/protocol.md "Batches"; migrations 0012–0014). */
import type { BatchAction, BatchLineResult, BatchStatus, ProviderKind } from '../../protocol/batches';

/** A payment provider and its batch file (issue 12). JSON columns are text. */
export type ProvidersTable = {
  id: string;
  code: string;
  name: string;
  kind: ProviderKind;
  aliases: string;
  template: string;
  result_mapping: string | null;
  is_example: number;
  disabled: number;
  updated_by: string;
  updated_at: number;
};

/** A commune's mapping of a provider's result files (JSON), set by its supervisor. */
export type ProviderResultMappingsTable = {
  provider_id: string;
  commune_code: string;
  mapping: string;
  updated_by: string;
  updated_at: number;
};

export type BatchesTable = {
  id: string;
  reference: string;
  provider_id: string;
  commune_code: string;
  period: string;
  status: BatchStatus;
  total: number;
  line_count: number;
  template: string;
  held_back: string;
  preparer_id: string;
  created_at: number;
  approver_id: string | null;
  approved_at: number | null;
  exported_at: number | null;
  file_name: string | null;
  file_bytes: Uint8Array | null;
  file_hash: string | null;
};

export type BatchLinesTable = {
  batch_id: string;
  line_id: string;
  row: number;
  beneficiary_id: string;
  reference: string;
  account_number: string;
  holder_name: string;
  amount: number;
  data: string;
  result: BatchLineResult;
  reason: string | null;
  provider_reference: string | null;
};

export type BatchResultsTable = {
  id: string;
  batch_id: string;
  file_hash: string;
  file_name: string;
  rows: string;
  imported_by: string;
  imported_at: number;
  applied_at: number | null;
};

/** A reading of a provider's list of opened accounts, kept between its review and its one application. */
export type OpenedAccountImportsTable = {
  id: string;
  provider_id: string;
  commune_code: string;
  file_hash: string;
  file_name: string;
  /** JSON: header row, mapping and the rows read. */
  rows: string;
  imported_by: string;
  imported_at: number;
  applied_by: string | null;
  applied_at: number | null;
  /** JSON: the row numbers that set an account; null until applied. */
  applied_rows: string | null;
};

/** Every step of a batch: prepare, approve, export, results, reroute, cancel, close. Insert-only. */
export type BatchEventsTable = {
  batch_id: string;
  n: number;
  at: number;
  user_id: string;
  action: BatchAction;
  comment: string | null;
};
