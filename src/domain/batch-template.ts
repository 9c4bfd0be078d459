/**
 * A payment provider's batch file, as a template an admin defines (issue 12): no provider publishes
 * its format (docs/domain.md §5), so the file is data, not code. A template says the file type, the
 * columns in order with their header and the field each holds, the transfer's content text with
 * placeholders, whether a totals row ends it, and what the provider's account numbers look like.
 * This module checks a template and makes a batch's rows from it; writing the file is the server's.
 */
import { checkPhone } from './phone';
import { foldVietnamese } from './vietnamese-text';

export const batchFields = [
  'sequence',
  'accountNumber',
  'holderName',
  'idNumber',
  'phone',
  'amount',
  'reference',
  'content',
] as const;
export type BatchField = (typeof batchFields)[number];

/** Placeholders a content text may hold, each filled from the line. */
export const contentPlaceholders = ['month', 'year', 'name', 'code', 'reference'] as const;
export type ContentPlaceholder = (typeof contentPlaceholders)[number];

export type AccountRule = {
  /** Digits only (a bank account), or a Vietnamese mobile number (a mobile-money wallet). */
  kind: 'digits' | 'mobile';
  minLength: number;
  maxLength: number;
};

export type BatchTemplate = {
  fileType: 'xlsx' | 'csv';
  /** CSV only. */
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1258';
  /** CSV only. */
  separator: ',' | ';' | '\t';
  columns: readonly { header: string; field: BatchField }[];
  /** The transfer's content, e.g. "TGXH thang {month}/{year} {name}". */
  content: string;
  totalsRow: boolean;
  account: AccountRule;
};

export type TemplateProblem =
  | { code: 'no-columns' }
  | { code: 'column-twice'; field: BatchField }
  | { code: 'field-missing'; field: 'accountNumber' | 'amount' }
  | { code: 'header-empty'; column: number }
  | { code: 'unknown-placeholder'; placeholder: string }
  | { code: 'bad-account-rule' };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What is wrong with a template (none: it can make files). */
export function checkTemplate(t: BatchTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (t.columns.length === 0) problems.push({ code: 'no-columns' });
  const seen = new Set<BatchField>();
  t.columns.forEach((c, i) => {
    if (c.header.trim() === '') problems.push({ code: 'header-empty', column: i + 1 });
    if (seen.has(c.field)) problems.push({ code: 'column-twice', field: c.field });
    seen.add(c.field);
  });
  for (const field of ['accountNumber', 'amount'] as const)
    if (!seen.has(field)) problems.push({ code: 'field-missing', field });
  for (const [, name] of t.content.matchAll(PLACEHOLDER))
    if (!contentPlaceholders.includes(name as ContentPlaceholder))
      problems.push({ code: 'unknown-placeholder', placeholder: name ?? '' });
  const { minLength, maxLength } = t.account;
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 1 || maxLength < minLength)
    problems.push({ code: 'bad-account-rule' });
  return problems;
}

/** Whether an account number fits the provider's rule (spaces and dots people type are ignored). */
export function accountFits(rule: AccountRule, account: string): boolean {
  const bare = account.replace(/[\s.]/g, '');
  if (bare.length < rule.minLength || bare.length > rule.maxLength) return false;
  if (rule.kind === 'digits') return /^\d+$/.test(bare);
  // A wallet is a mobile number, by the domain's phone rules (not a landline, not an old 11 digits).
  const phone = checkPhone(bare);
  return phone.kind === 'mobile' && phone.national === bare && !phone.issues.some((i) => i.severity === 'error');
}

/**
 * Whether the account's holder is the person paid: the beneficiary or their representative, the
 * names compared folded (no diacritics, case or extra spaces), as banks print them ("NGUYEN VAN AN").
 */
export function holderMatches(holder: string, names: readonly string[]): boolean {
  const folded = foldVietnamese(holder);
  return folded !== '' && names.some((n) => foldVietnamese(n) === folded);
}

/** One line of a batch, as the template's fields need it. */
export type BatchLine = {
  accountNumber: string;
  holderName: string;
  idNumber: string | null;
  phone: string | null;
  /** Whole đồng. */
  amount: number;
  reference: string;
  /** For the content text. */
  beneficiaryName: string;
  code: string | null;
};

/** The content text for a line (`month` is `YYYY-MM`). */
export function contentFor(text: string, line: BatchLine, month: string): string {
  const values: Record<ContentPlaceholder, string> = {
    month: month.slice(5, 7),
    year: month.slice(0, 4),
    name: line.beneficiaryName,
    code: line.code ?? '',
    reference: line.reference,
  };
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as ContentPlaceholder] ?? whole);
}

export type BatchCell = string | number;

/** The file's rows: the header, one row per line in order, and the totals row if the template has one. */
export function batchRows(t: BatchTemplate, lines: readonly BatchLine[], month: string): BatchCell[][] {
  const cell = (field: BatchField, line: BatchLine, i: number): BatchCell => {
    switch (field) {
      case 'sequence':
        return i + 1;
      case 'accountNumber':
        return line.accountNumber.replace(/[\s.]/g, '');
      case 'holderName':
        return line.holderName;
      case 'idNumber':
        return line.idNumber ?? '';
      case 'phone':
        return line.phone ?? '';
      case 'amount':
        return line.amount;
      case 'reference':
        return line.reference;
      case 'content':
        return contentFor(t.content, line, month);
    }
  };
  const rows: BatchCell[][] = [t.columns.map((c) => c.header)];
  lines.forEach((line, i) => rows.push(t.columns.map((c) => cell(c.field, line, i))));
  if (t.totalsRow) {
    let total = 0;
    for (const l of lines) total += l.amount;
    rows.push(t.columns.map((c, i) => (c.field === 'amount' ? total : i === 0 ? 'Tổng cộng' : '')));
  }
  return rows;
}
