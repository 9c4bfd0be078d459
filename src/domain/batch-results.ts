/**
 * A provider's result file read into result rows (issue 12): its columns are found by their
 * header text, as a mapping saved per provider (the admin fixes it once; a guess from the usual
 * Vietnamese and English headers is offered first). The status column's values that mean "paid"
 * and those that mean "failed" are part of the mapping; any other value (blank, "processing") is
 * neither, and the row is shown, never applied: a transfer still in progress must not send the
 * person to cash. A failure carries the reason column's text.
 */
import { readAmount, type ListCell } from './list-cells';
import type { ResultRow } from './batch-reconcile';
import { foldVietnamese } from './vietnamese-text';

export const resultFields = ['reference', 'accountNumber', 'amount', 'status', 'reason', 'providerReference'] as const;
export type ResultField = (typeof resultFields)[number];

export type ResultMapping = {
  columns: Partial<Record<ResultField, string>>;
  paidValues: readonly string[];
  failedValues: readonly string[];
};

/** Folded header words that name each field, most specific first. */
const headerHints: Record<ResultField, readonly string[]> = {
  reference: ['ma tham chieu', 'ma giao dich', 'reference', 'ref'],
  accountNumber: ['so tai khoan', 'so dien thoai vi', 'so vi', 'tai khoan', 'account'],
  amount: ['so tien', 'amount'],
  status: ['trang thai', 'ket qua', 'status', 'result'],
  reason: ['ly do', 'mo ta loi', 'reason', 'error'],
  providerReference: [
    'tham chieu ngan hang',
    'ma ngan hang',
    'so but toan',
    'ma nha cung cap',
    'bank ref',
    'provider ref',
  ],
};

const usualPaidValues = ['thanh cong', 'da chuyen', 'success', 'ok', '00'];
export const usualFailedValues = [
  'that bai',
  'loi',
  'khong thanh cong',
  'tu choi',
  'failed',
  'fail',
  'error',
  'rejected',
];

/** A mapping guessed from the headers; null for a field no header names. */
export function guessResultMapping(headers: readonly string[]): ResultMapping {
  const folded = headers.map((h) => foldVietnamese(h));
  const taken = new Set<number>();
  const columns: Partial<Record<ResultField, string>> = {};
  // Specific fields first, so "Mã tham chiếu ngân hàng" is not taken as the reference.
  for (const field of ['providerReference', 'reference', 'accountNumber', 'amount', 'status', 'reason'] as const) {
    for (const hint of headerHints[field]) {
      const i = folded.findIndex((h, index) => !taken.has(index) && h.includes(hint));
      const header = headers[i];
      if (header !== undefined) {
        taken.add(i);
        columns[field] = header;
        break;
      }
    }
  }
  return { columns, paidValues: usualPaidValues, failedValues: usualFailedValues };
}

export type MappingGap = 'status' | 'amount' | 'reference-or-account';

/** What the mapping lacks to read a result file: a status, an amount, and a way to find the line. */
export function mappingGaps(mapping: ResultMapping, headers: readonly string[]): MappingGap[] {
  const has = (field: ResultField) => {
    const header = mapping.columns[field];
    return header !== undefined && headers.includes(header);
  };
  const gaps: MappingGap[] = [];
  if (!has('status')) gaps.push('status');
  if (!has('amount')) gaps.push('amount');
  if (!has('reference') && !has('accountNumber')) gaps.push('reference-or-account');
  return gaps;
}

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f]/gu;

/**
 * Banks write amounts with two decimals ("1,500,000.00"); a whole number of đồng with zero
 * decimals is read as that number, anything else as the list import reads amounts.
 */
function bankAmount(cell: ListCell): ListCell {
  if (typeof cell.value === 'number') return cell;
  const m = /^\s*(\d{1,3}(?:,\d{3})+|\d+)\.0{1,2}\s*$/u.exec(cell.text);
  return m?.[1] ? { ...cell, text: m[1] } : cell;
}

export type UnreadableRow = { row: number; code: 'unreadable' };

/**
 * The result rows under the header row (`rows[0]`), numbered as the spreadsheet shows them
 * (`firstRow` is the header's number). Empty rows and a totals row (no reference, no account)
 * are skipped; a row whose amount cannot be read is unreadable, shown and never applied.
 */
export function readResultRows(
  rows: readonly (readonly ListCell[])[],
  mapping: ResultMapping,
  firstRow = 1,
): { results: ResultRow[]; unreadable: UnreadableRow[] } {
  const headers = (rows[0] ?? []).map((c) => c.text.normalize('NFC').trim());
  const index = (field: ResultField) => {
    const header = mapping.columns[field];
    return header === undefined ? -1 : headers.indexOf(header);
  };
  const at = Object.fromEntries(resultFields.map((f) => [f, index(f)])) as Record<ResultField, number>;
  const paid = new Set(mapping.paidValues.map((v) => foldVietnamese(v)));
  const failed = new Set(mapping.failedValues.map((v) => foldVietnamese(v)));
  const results: ResultRow[] = [];
  const unreadable: UnreadableRow[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = firstRow + 1 + i;
    const text = (field: ResultField) => {
      const raw = at[field] < 0 ? '' : (cells[at[field]]?.text ?? '');
      // Control characters (a NUL a cell may spell as `_x0000_`) are never stored.
      const value = raw.replace(CONTROL, ' ').normalize('NFC').trim();
      return value === '' ? null : value;
    };
    if (cells.every((c) => c.text.trim() === '')) return;
    const reference = text('reference');
    const accountNumber = text('accountNumber');
    if (reference === null && accountNumber === null) return;
    const amountCell = at.amount < 0 ? undefined : cells[at.amount];
    const amount = amountCell ? readAmount(bankAmount(amountCell)) : undefined;
    if (!amount?.ok) {
      unreadable.push({ row, code: 'unreadable' });
      return;
    }
    const status = text('status');
    const folded = status === null ? '' : foldVietnamese(status);
    const state = paid.has(folded) ? 'paid' : failed.has(folded) ? 'failed' : 'unknown';
    results.push({
      row,
      reference,
      accountNumber,
      amount: amount.value,
      state,
      reason: state === 'paid' ? null : (text('reason') ?? status),
      providerReference: text('providerReference'),
    });
  });
  return { results, unreadable };
}
