/**
 * The people of an imported monthly list, read row by row through the column mapping and checked
 * with the domain's rules (ID number, phone, dates, group, age against group, amount =
 * coefficient × standard of the month, method and account) and against the rest of the file (the
 * same person twice). Every finding names the row and column as the spreadsheet shows them.
 * Nothing of a list is applied while an error finding remains.
 */
import { monthlyAmount as ruleAmount, standardLevel, applyCoefficient } from './benefits';
import { categoryAgeIssue } from './category-age';
import {
  checkIdNumber,
  decodeIdNumber,
  isIdNumberFormat,
  isOldIdNumberFormat,
  normalizeIdNumber,
} from './citizen-id-number';
import {
  isBlank,
  readAmount,
  readBirthDate,
  readCategory,
  readCoefficient,
  readCount,
  readGender,
  readMethod,
  readMonth,
  type CellIssue,
  type ListCell,
} from './list-cells';
import { columnLetter, isIgnoredHeader, type ColumnMapping, type ListField } from './list-columns';
import { sumVnd, type Vnd } from './money';
import { checkPhone, normalizePhone } from './phone';
import { foldVietnamese, normalizeText } from './vietnamese-text';
import type { CategoryCode, DisabilitySeverity, Gender, PaymentMethod } from './vocabulary';

/** One person of the list, as the file gives them (text normalised to NFC). */
export type ListRow = {
  /** The row number the spreadsheet shows (the first row is 1). */
  row: number;
  code: string | null;
  fullName: string;
  birthDate: string;
  gender: Gender | null;
  idNumber: string | null;
  oldIdNumber: string | null;
  village: string | null;
  address: string | null;
  category: CategoryCode | null;
  disabilitySeverity: DisabilitySeverity | null;
  childrenCount: number | null;
  coefficientTenths: number | null;
  monthlyAmount: Vnd;
  arrearsMonths: number;
  arrearsAmount: Vnd;
  recoveryAmount: Vnd;
  /** Monthly amount plus arrears: what the line pays this month. */
  total: Vnd;
  paymentMethod: PaymentMethod | null;
  bankName: string | null;
  accountNumber: string | null;
  phone: string | null;
  decisionNo: string | null;
  startMonth: string | null;
  note: string | null;
  /** Columns the mapping does not name, by their header: kept, not dropped. */
  extra: Record<string, string>;
};

export type FindingCode =
  | CellIssue
  | 'missing-column'
  | 'missing-name'
  | 'missing-birth-date'
  | 'id-bad-format'
  | 'id-unknown-province'
  | 'id-born-abroad'
  | 'id-gender-mismatch'
  | 'id-birth-year-mismatch'
  | 'id-future-birth'
  | 'old-id-bad-format'
  | 'phone-invalid'
  | 'phone-unusual'
  | 'age-outside-category'
  | 'amount-not-coefficient'
  | 'amount-differs-from-rule'
  | 'total-mismatch'
  | 'account-missing'
  | 'wallet-phone-missing'
  | 'duplicate-person'
  | 'new-person-needs-gender'
  | 'new-person-needs-category'
  | 'line-settled';

export type Finding = {
  /** Spreadsheet row (1-based); null for a finding about the whole file. */
  row: number | null;
  /** Column letter as shown (A, B, …); null when no one column is at fault. */
  column: string | null;
  /** The list field the finding is about, when it is one (e.g. the column a list lacks). */
  field: ListField | null;
  code: FindingCode;
  severity: 'error' | 'warning';
};

export type ListContext = {
  /** The list's month, `YYYY-MM`: the standard level and ages are those of this month. */
  month: string;
  /** Province of the commune (the standard level may be provincial). */
  provinceCode: string;
};

export type ReadList = { rows: ListRow[]; findings: Finding[] };

const severities = { error: 'error', warning: 'warning' } as const;

/** Rows that are not people: a totals row, a column-numbering row "(1) (2) (3)", blank rows. */
function isPersonRow(cells: readonly ListCell[], mapping: ColumnMapping): boolean {
  const name = cells[mapping.fields.fullName ?? -1];
  if (isBlank(name)) return false;
  const text = foldVietnamese(name?.text ?? '');
  if (/^\(?\d+\)?$/u.test(text)) return false;
  return !/^(?:tong cong|cong|tong|tong so|cong trang)\b/u.test(text);
}

/**
 * Reads and checks every person row below the header. `cells` are the sheet's rows (index 0 =
 * spreadsheet row 1), merged cells expanded.
 */
export function readListRows(
  cells: readonly (readonly ListCell[])[],
  mapping: ColumnMapping,
  context: ListContext,
): ReadList {
  const findings: Finding[] = [];
  for (const field of ['fullName', 'birthDate', 'monthlyAmount'] as const) {
    if (mapping.fields[field] === undefined) {
      findings.push({ row: null, column: null, field, code: 'missing-column', severity: 'error' });
    }
  }
  if (findings.length > 0) return { rows: [], findings };
  const rows: ListRow[] = [];
  for (let r = mapping.headerRow + 1; r < cells.length; r++) {
    const line = cells[r] ?? [];
    if (!isPersonRow(line, mapping)) continue;
    const read = readRow(line, r + 1, mapping, context);
    findings.push(...read.findings);
    if (read.row) rows.push(read.row);
  }
  for (const f of duplicates(rows, mapping)) findings.push(f);
  return { rows, findings };
}

function readRow(
  cells: readonly ListCell[],
  rowNumber: number,
  mapping: ColumnMapping,
  context: ListContext,
): { row: ListRow | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (field: ListField) => mapping.fields[field];
  const cell = (field: ListField): ListCell | undefined => {
    const c = at(field);
    return c === undefined ? undefined : cells[c];
  };
  const flag = (field: ListField | null, code: FindingCode, severity: 'error' | 'warning' = severities.error) => {
    const c = field === null ? undefined : at(field);
    findings.push({ row: rowNumber, column: c === undefined ? null : columnLetter(c), field, code, severity });
  };
  const text = (field: ListField): string | null => {
    const c = cell(field);
    return isBlank(c) ? null : normalizeText(c?.text ?? '');
  };
  /** Reads an optional cell; an unreadable one is flagged and read as null. */
  function optional<T>(
    field: ListField,
    reader: (c: ListCell) => { ok: true; value: T } | { ok: false; error: CellIssue },
  ) {
    const c = cell(field);
    if (c === undefined || isBlank(c)) return null;
    const value = reader(c);
    if (value.ok) return value.value;
    flag(field, value.error);
    return null;
  }

  const fullName = text('fullName') ?? '';
  const birthCell = cell('birthDate');
  const birth = birthCell && !isBlank(birthCell) ? readBirthDate(birthCell) : null;
  if (birth === null) flag('birthDate', 'missing-birth-date');
  else if (!birth.ok) flag('birthDate', birth.error);
  const amount = readAmount(cell('monthlyAmount') ?? { text: '', value: null, kind: 'empty' });
  if (!amount.ok) flag('monthlyAmount', amount.error);
  const arrears = optional('arrearsAmount', readAmount);
  const recovery = optional('recoveryAmount', readAmount);
  const listedTotal = optional('total', readAmount);
  const gender = optional('gender', readGender);
  const category = optional('category', readCategory);
  const coefficientTenths = optional('coefficient', readCoefficient);
  const method = optional('paymentMethod', readMethod);
  const startMonth = optional('startMonth', readMonth);
  const childrenCount = optional('childrenCount', readCount);
  const arrearsMonths = optional('arrearsMonths', readCount) ?? 0;
  const severity = severityOf(text('disabilitySeverity'));

  const idText = text('idNumber');
  const idNumber = idText === null ? null : normalizeIdNumber(idText);
  const birthDate = birth?.ok ? birth.value : '';
  if (idNumber !== null) {
    for (const issue of checkIdNumber(idNumber, { birthDate: birthDate || null, gender })) {
      flag('idNumber', `id-${issue.code}`, issue.severity);
    }
  }
  const oldText = text('oldIdNumber');
  const oldIdNumber = oldText === null ? null : normalizeIdNumber(oldText);
  if (oldIdNumber !== null && !isOldIdNumberFormat(oldIdNumber)) flag('oldIdNumber', 'old-id-bad-format');
  const phoneText = text('phone');
  let phone: string | null = null;
  if (phoneText !== null) {
    const check = checkPhone(phoneText);
    if (check.issues.some((i) => i.severity === 'error')) flag('phone', 'phone-invalid');
    else if (check.issues.length > 0) flag('phone', 'phone-unusual', 'warning');
    phone = normalizePhone(phoneText) ?? phoneText;
  }
  if (fullName === '') flag('fullName', 'missing-name');

  const monthly = amount.ok ? amount.value : (0 as Vnd);
  const total = sumVnd([monthly, arrears ?? (0 as Vnd)]);
  // The total column, when the list has one, must be the line's own sum (a typed total drifts).
  if (listedTotal !== null && recovery === null && listedTotal !== total) flag('total', 'total-mismatch');
  if (listedTotal !== null && recovery !== null && listedTotal !== total - recovery) flag('total', 'total-mismatch');

  checkAmount({ flag, context, monthly, coefficientTenths, category, birthDate, severity, childrenCount });
  if (category !== null && birthDate !== '' && categoryAgeIssue(category, birthDate, context.month)) {
    flag('category', 'age-outside-category', 'warning');
  }
  const accountNumber = text('accountNumber');
  if (method === 'bank' && accountNumber === null) flag('paymentMethod', 'account-missing', 'warning');
  if (method === 'mobile-money' && phone === null) flag('paymentMethod', 'wallet-phone-missing', 'warning');

  const extra: Record<string, string> = {};
  const mapped = new Set(Object.values(mapping.fields));
  mapping.headers.forEach((header, c) => {
    const value = cells[c];
    if (!mapped.has(c) && header.trim() !== '' && !isIgnoredHeader(header) && !isBlank(value)) {
      extra[normalizeText(header)] = value?.text ?? '';
    }
  });

  if (fullName === '' || birthDate === '' || !amount.ok) return { row: null, findings };
  return {
    row: {
      row: rowNumber,
      code: text('code'),
      fullName,
      birthDate,
      gender,
      idNumber,
      oldIdNumber,
      village: text('village'),
      address: text('address'),
      category,
      disabilitySeverity: severity,
      childrenCount,
      coefficientTenths,
      monthlyAmount: monthly,
      arrearsMonths,
      arrearsAmount: arrears ?? (0 as Vnd),
      recoveryAmount: recovery ?? (0 as Vnd),
      total,
      paymentMethod: method,
      bankName: text('bankName'),
      accountNumber,
      phone,
      decisionNo: text('decisionNo'),
      startMonth,
      note: text('note'),
      extra,
    },
    findings,
  };
}

function severityOf(text: string | null): DisabilitySeverity | null {
  if (text === null) return null;
  const folded = foldVietnamese(text);
  if (folded.includes('dac biet')) return 'extremely-severe';
  return folded.includes('nang') ? 'severe' : null;
}

/**
 * The amount against the rules of the month: with a coefficient column, amount = coefficient ×
 * the standard level (an error when not); with a group, the amount the domain computes (a
 * warning when it differs: a province may pay more, or the group may be written loosely).
 */
function checkAmount(input: {
  flag: (field: ListField, code: FindingCode, severity?: 'error' | 'warning') => void;
  context: ListContext;
  monthly: Vnd;
  coefficientTenths: number | null;
  category: CategoryCode | null;
  birthDate: string;
  severity: DisabilitySeverity | null;
  childrenCount: number | null;
}): void {
  const { flag, context, monthly, coefficientTenths, category, birthDate } = input;
  if (monthly === 0) return;
  if (coefficientTenths !== null) {
    const level = standardLevel(context.provinceCode, context.month);
    if (level.ok && applyCoefficient(level.value.amount, coefficientTenths) !== monthly) {
      flag('monthlyAmount', 'amount-not-coefficient');
    }
    return;
  }
  if (category === null || birthDate === '') return;
  const rule = ruleAmount(
    { category, birthDate, disabilitySeverity: input.severity, childrenCount: input.childrenCount },
    context.month,
    context.provinceCode,
  );
  if (rule.ok && rule.value.amount !== monthly) flag('monthlyAmount', 'amount-differs-from-rule', 'warning');
}

/**
 * A person new to the commune is enrolled by the list once it is published: their gender (or an ID
 * number that says it) and their group must be known, never guessed.
 */
export function newPersonFindings(row: ListRow, mapping: ColumnMapping): Finding[] {
  const at = (field: ListField) => {
    const c = mapping.fields[field];
    return c === undefined ? null : columnLetter(c);
  };
  const findings: Finding[] = [];
  const gender = row.gender ?? (row.idNumber === null ? undefined : decodeIdNumber(row.idNumber)?.gender);
  if (gender === undefined) {
    findings.push({
      row: row.row,
      column: at('gender'),
      field: 'gender',
      code: 'new-person-needs-gender',
      severity: 'error',
    });
  }
  if (row.category === null) {
    findings.push({
      row: row.row,
      column: at('category'),
      field: 'category',
      code: 'new-person-needs-category',
      severity: 'error',
    });
  }
  return findings;
}

/** The same person twice in one file: by code, then by ID number. */
function duplicates(rows: readonly ListRow[], mapping: ColumnMapping): Finding[] {
  const findings: Finding[] = [];
  for (const [field, keyOf] of [
    ['code', (r: ListRow) => r.code],
    ['idNumber', (r: ListRow) => (r.idNumber && isIdNumberFormat(r.idNumber) ? r.idNumber : null)],
  ] as const) {
    const first = new Map<string, number>();
    for (const r of rows) {
      const key = keyOf(r);
      if (key === null) continue;
      if (first.has(key)) {
        const c = mapping.fields[field];
        findings.push({
          row: r.row,
          column: c === undefined ? null : columnLetter(c),
          field,
          code: 'duplicate-person',
          severity: 'error',
        });
      } else first.set(key, r.row);
    }
  }
  return findings;
}
