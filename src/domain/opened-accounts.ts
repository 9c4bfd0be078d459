/**
 * A provider's list of the accounts it opened for the dossiers sent (issue 12): its columns are
 * found by their header text (a guess from the usual Vietnamese and English headers), each row is
 * matched to a person of the commune's roster by ID number (12-digit CCCD or old 9-digit CMND),
 * and each row gets an outcome. Only `match` rows, and `name-differs` rows a supervisor accepts,
 * may set a person's account; every other outcome is shown and never applied.
 */
import { accountFits, type AccountRule } from './batch-template';
import { isProvidersName } from './batch-prepare';
import { isAnyIdNumberFormat, normalizeIdNumber } from './citizen-id-number';
import { readBirthDate, type ListCell } from './list-cells';
import { checkPhone } from './phone';
import { foldVietnamese, normalizeText } from './vietnamese-text';
import type { AccountStatus, PaymentMethod } from './vocabulary';

export const openedAccountFields = ['idNumber', 'fullName', 'accountNumber', 'openedDate', 'holderName'] as const;
export type OpenedAccountField = (typeof openedAccountFields)[number];

/** Header text of the column holding each field, as the file writes it. */
export type OpenedAccountMapping = Partial<Record<OpenedAccountField, string>>;

/** The fields without which a row cannot be matched or applied. */
export const requiredOpenedAccountFields = ['idNumber', 'fullName', 'accountNumber'] as const;

/** Folded header words that name each field, most specific first (matched as whole words). */
const headerHints: Record<OpenedAccountField, readonly string[]> = {
  idNumber: [
    'so cccd',
    'cccd',
    'so dinh danh',
    'dinh danh ca nhan',
    'can cuoc',
    'cmnd',
    'giay to tuy than',
    'so giay to',
    'id number',
    'national id',
    'id card',
  ],
  fullName: ['ho va ten', 'ho ten', 'ten khach hang', 'ten doi tuong', 'full name', 'customer name', 'name'],
  accountNumber: [
    'so tai khoan',
    'so vi',
    'so dien thoai vi',
    'tai khoan',
    'account number',
    'account no',
    'wallet',
    'account',
  ],
  openedDate: ['ngay mo', 'ngay kich hoat', 'opened date', 'open date', 'opening date', 'date opened'],
  holderName: ['ten chu tai khoan', 'chu tai khoan', 'ten tai khoan', 'ten chu vi', 'account name', 'account holder'],
};

/** Whether `hint` is a run of whole words of the folded header (punctuation splits words). */
function names(header: string, hint: string): boolean {
  const words = ` ${foldVietnamese(header).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return words.includes(` ${hint} `);
}

/** A mapping guessed from the headers; a field no header names is absent. */
export function guessOpenedAccountMapping(headers: readonly string[]): OpenedAccountMapping {
  const taken = new Set<number>();
  const mapping: OpenedAccountMapping = {};
  // Specific fields first: "Tên chủ tài khoản" and "Ngày mở tài khoản" also hold "tài khoản".
  for (const field of ['holderName', 'openedDate', 'idNumber', 'accountNumber', 'fullName'] as const) {
    for (const hint of headerHints[field]) {
      const i = headers.findIndex((h, index) => !taken.has(index) && names(h, hint));
      const header = headers[i];
      if (header !== undefined) {
        taken.add(i);
        mapping[field] = header;
        break;
      }
    }
  }
  return mapping;
}

/** The required fields the mapping does not find among these headers. */
export function openedMappingGaps(mapping: OpenedAccountMapping, headers: readonly string[]): OpenedAccountField[] {
  return requiredOpenedAccountFields.filter((field) => {
    const header = mapping[field];
    return header === undefined || !headers.includes(header);
  });
}

/** One row of the file as read, numbered as the spreadsheet shows it. */
export type OpenedAccountRow = {
  row: number;
  /** Normalised (spaces and dots removed; leading zeros a number cell lost put back). */
  idNumber: string;
  fullName: string;
  /** As written, spaces and dots removed. */
  accountNumber: string;
  holderName: string | null;
  /** `YYYY-MM-DD`, or null when absent or unreadable. */
  openedDate: string | null;
};

/**
 * An ID number from its cell. A cell Excel keeps as a number has lost its leading zeros: every
 * CCCD starts with 0 (province codes 001–096), so 10 or 11 digits are padded to 12, and 8 to a
 * 9-digit CMND.
 */
function idNumberOf(cell: ListCell | undefined): string {
  if (cell?.kind === 'number' && typeof cell.value === 'number' && Number.isSafeInteger(cell.value)) {
    const digits = String(cell.value);
    if (digits.length === 10 || digits.length === 11) return digits.padStart(12, '0');
    if (digits.length === 8) return digits.padStart(9, '0');
    return digits;
  }
  return normalizeIdNumber(cell?.text ?? '');
}

/** An account number from its cell: a number cell by its value (never "4.0001E+12"). */
function accountOf(cell: ListCell | undefined): string {
  if (cell?.kind === 'number' && typeof cell.value === 'number' && Number.isSafeInteger(cell.value))
    return String(cell.value);
  return (cell?.text ?? '').normalize('NFKC').replace(/[\s.]/gu, '');
}

/**
 * The rows under the header row (`rows[0]`), numbered from `firstRow` (the header's number).
 * Empty rows, and rows with neither an ID number nor an account (a totals or signature row), are
 * skipped.
 */
export function readOpenedAccountRows(
  rows: readonly (readonly ListCell[])[],
  mapping: OpenedAccountMapping,
  firstRow = 1,
): OpenedAccountRow[] {
  const headers = (rows[0] ?? []).map((c) => c.text.normalize('NFC').trim());
  const at = (field: OpenedAccountField) => {
    const header = mapping[field];
    return header === undefined ? -1 : headers.indexOf(header);
  };
  const columns = Object.fromEntries(openedAccountFields.map((f) => [f, at(f)])) as Record<OpenedAccountField, number>;
  const read: OpenedAccountRow[] = [];
  rows.slice(1).forEach((cells, i) => {
    const cell = (field: OpenedAccountField) => (columns[field] < 0 ? undefined : cells[columns[field]]);
    const text = (field: OpenedAccountField) => {
      const value = normalizeText(cell(field)?.text ?? '');
      return value === '' ? null : value;
    };
    const idNumber = idNumberOf(cell('idNumber'));
    const accountNumber = accountOf(cell('accountNumber'));
    if (idNumber === '' && accountNumber === '') return;
    const dateCell = cell('openedDate');
    const date = dateCell ? readBirthDate(dateCell) : undefined;
    read.push({
      row: firstRow + 1 + i,
      idNumber,
      fullName: text('fullName') ?? '',
      accountNumber,
      holderName: text('holderName'),
      // A bare year is no opening date.
      openedDate: date?.ok && date.value.length === 10 ? date.value : null,
    });
  });
  return read;
}

export const openedAccountOutcomes = [
  'match',
  'name-differs',
  'not-found',
  'several-people',
  'duplicate-row',
  'account-invalid',
  'already-set',
] as const;
export type OpenedAccountOutcome = (typeof openedAccountOutcomes)[number];

/** A person of the roster, as the matching needs them. */
export type OpenedAccountPerson = {
  id: string;
  fullName: string;
  idNumber: string | null;
  oldIdNumber: string | null;
  paymentMethod: PaymentMethod | null;
  paymentDetails: {
    bankName?: string | undefined;
    provider?: string | undefined;
    accountNumber?: string | undefined;
    walletPhone?: string | undefined;
  } | null;
  accountStatus: AccountStatus;
};

export type OpenedAccountScope = {
  /** The method the provider pays: `bank` (banks, the post office) or `mobile-money`. */
  method: 'bank' | 'mobile-money';
  /** The bank or wallet names officers record for it (its name when it has none). */
  names: readonly string[];
  account: AccountRule;
};

export type MatchedOpenedAccount = OpenedAccountRow & {
  outcome: OpenedAccountOutcome;
  /** The one person the ID number names; null when none or several. */
  personId: string | null;
};

/**
 * The account as the provider's rule reads it: a wallet is a mobile number in its national form
 * ("+84 97…", "97…" → "097…"); a bank account is its digits. Null when it does not fit the rule.
 */
export function normalizedAccount(rule: AccountRule, account: string): string | null {
  const bare = account.replace(/[\s.]/gu, '');
  if (rule.kind === 'mobile') {
    const phone = checkPhone(bare);
    const national = phone.kind === 'mobile' ? phone.national : null;
    return national !== null && accountFits(rule, national) ? national : null;
  }
  return accountFits(rule, bare) ? bare : null;
}

/** The person's account for this method: the bank account, or the wallet number. */
export function currentAccount(person: OpenedAccountPerson, method: 'bank' | 'mobile-money'): string | null {
  const d = person.paymentDetails ?? {};
  const account = method === 'bank' ? d.accountNumber : (d.walletPhone ?? d.accountNumber);
  return account === undefined || account.trim() === '' ? null : account;
}

const openedStatuses: readonly AccountStatus[] = ['opened', 'card-handed-over'];

/** Whether the person already has exactly this account of this provider, opened (or its card handed over). */
function isAlreadySet(person: OpenedAccountPerson, scope: OpenedAccountScope, account: string): boolean {
  if (person.paymentMethod !== scope.method || !openedStatuses.includes(person.accountStatus)) return false;
  const d = person.paymentDetails ?? {};
  if (!isProvidersName(scope.names, (scope.method === 'bank' ? d.bankName : d.provider) ?? null)) return false;
  const current = currentAccount(person, scope.method);
  return current !== null && normalizedAccount(scope.account, current) === account;
}

/**
 * Each row's outcome against the roster, in this order: the same ID number, or the same person
 * (by CCCD and by old CMND), on several rows (`duplicate-row`: a later row repeating the first is
 * the duplicate; when they give different accounts, none can be trusted and the first is one too), no person with that number
 * (`not-found`, also for a number that is neither 12 nor 9 digits), several people with it
 * (`several-people`: the roster must be fixed first, never guessed), an account that does not fit
 * the provider's rule (`account-invalid`), the person already holding exactly this account
 * (`already-set`), a name that differs once folded (`name-differs`), else `match`.
 */
export function matchOpenedAccounts(
  rows: readonly OpenedAccountRow[],
  people: readonly OpenedAccountPerson[],
  scope: OpenedAccountScope,
): MatchedOpenedAccount[] {
  const byId = new Map<string, Set<string>>();
  const add = (id: string | null, personId: string) => {
    const key = id === null ? '' : normalizeIdNumber(id);
    if (key === '') return;
    byId.set(key, (byId.get(key) ?? new Set()).add(personId));
  };
  for (const p of people) {
    add(p.idNumber, p.id);
    add(p.oldIdNumber, p.id);
  }
  const peopleById = new Map(people.map((p) => [p.id, p]));

  const foundOf = (r: OpenedAccountRow) => (isAnyIdNumberFormat(r.idNumber) ? [...(byId.get(r.idNumber) ?? [])] : []);
  // Rows naming one person (by one number twice, or by the CCCD and the old CMND) are duplicates.
  const keyOf = (r: OpenedAccountRow) => {
    const found = foundOf(r);
    return found.length === 1 ? `person:${found[0] ?? ''}` : r.idNumber === '' ? null : `id:${r.idNumber}`;
  };
  const rowsOfKey = new Map<string, OpenedAccountRow[]>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key !== null) rowsOfKey.set(key, [...(rowsOfKey.get(key) ?? []), r]);
  }
  const isDuplicate = (r: OpenedAccountRow) => {
    const key = keyOf(r);
    const same = key === null ? [] : (rowsOfKey.get(key) ?? []);
    if (same.length < 2) return false;
    if (same[0] !== r) return true;
    return same.some((o) => o.accountNumber !== r.accountNumber);
  };

  return rows.map((r) => {
    const found = foundOf(r);
    const person = found.length === 1 ? peopleById.get(found[0] ?? '') : undefined;
    const decided = (outcome: OpenedAccountOutcome, accountNumber = r.accountNumber): MatchedOpenedAccount => ({
      ...r,
      accountNumber,
      outcome,
      personId: person?.id ?? null,
    });
    if (isDuplicate(r)) return decided('duplicate-row');
    if (found.length === 0) return decided('not-found');
    if (!person) return decided('several-people');
    const account = normalizedAccount(scope.account, r.accountNumber);
    if (account === null) return decided('account-invalid');
    if (isAlreadySet(person, scope, account)) return decided('already-set', account);
    if (foldVietnamese(r.fullName) !== foldVietnamese(person.fullName)) return decided('name-differs', account);
    return decided('match', account);
  });
}

/** Whether a row is applied: a match always, a differing name only when the supervisor accepted its row. */
export function isApplied(row: Pick<MatchedOpenedAccount, 'row' | 'outcome'>, accepted: ReadonlySet<number>): boolean {
  return row.outcome === 'match' || (row.outcome === 'name-differs' && accepted.has(row.row));
}
