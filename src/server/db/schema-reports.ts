/** The report tables' rows (issue 14, docs/reports.md; migrations 0021, 0023, 0024, 0025). */

/** Report projections (issue 14, migration 0021, src/server/reports/projection.ts). */
export type ReportLinesTable = {
  line_id: string;
  commune_code: string;
  period_id: string;
  beneficiary_id: string;
  method: string;
  status: string;
  amount: number;
  paid_amount: number;
  paid_date: string | null;
  paid_by: string | null;
  receiver_kind: string | null;
  unpaid_reason: string | null;
  batch_id: string | null;
  transfer_outcome: string | null;
  failed_transfers: number;
  voids: number;
  conflicts: number;
};
export type ReportPeopleTable = {
  beneficiary_id: string;
  commune_code: string;
  village: string;
  status: string;
  category: string;
  method: string | null;
  account_status: string;
  card_handed_over_on: string | null;
  /** domain/record-checks.ts, 0/1 (migration 0025). */
  bad_id_number: number;
  no_id_number: number;
  bad_phone: number;
};
export type ReportPeopleMonthsTable = {
  beneficiary_id: string;
  month: string;
  commune_code: string;
  method: string | null;
  account_status: string;
};
export type ReportIdChecksTable = {
  check_id: string;
  commune_code: string;
  beneficiary_id: string;
  line_id: string | null;
  person: string;
  method: string;
  reason: string | null;
  overall: string;
  checked_date: string;
};

/** Sums of report_lines by what reports split them by (migration 0023); '' for none, 0/1 flags. */
export type ReportLineTotalsTable = {
  period_id: string;
  commune_code: string;
  method: string;
  status: string;
  reason: string;
  receiver_kind: string;
  failed: number;
  conflicted: number;
  voided: number;
  lines: number;
  amount: number;
  paid_amount: number;
};
export type ReportPaidDaysTable = {
  period_id: string;
  commune_code: string;
  paid_date: string;
  lines: number;
  amount: number;
};
export type ReportFirstNonCashTable = { beneficiary_id: string; commune_code: string; first_period: string };

/** Fees of a month and payment method for the whole pilot, in đồng (migration 0024). */
export type PaymentFeesTable = {
  period_id: string;
  method: string;
  amount: number;
  note: string | null;
  set_by: string;
  set_at: number;
};
