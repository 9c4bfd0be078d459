/**
 * Reading and checking a list file against the commune (docs/protocol.md "Lists"): the grid with
 * limits (lists/read-sheet.ts), its people read and checked by the domain (list-import.ts), new
 * people's missing facts, and the diff against last month's lines. Shared by the import and the
 * findings file; writes nothing.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import { addMonths } from '../../domain/calendar';
import type { ColumnMapping } from '../../domain/list-columns';
import { diffLists, type DiffLine, type ListDiff } from '../../domain/list-diff';
import { prepareList, type SavedMapping } from '../../domain/list-import';
import { newPersonFindings, type ListRow } from '../../domain/list-rows';
import { vnd } from '../../domain/money';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { listFindingMessagesVi } from '../../protocol/list-messages.vi';
import type { ListReading, WireFinding } from '../../protocol/lists';
import type { Database } from '../db/schema';
import { readSheet } from '../lists/read-sheet';
import type { Grid, SheetError } from '../lists/sheet-types';
import { isRecord, stringField } from './data-fields';

export type ListAnalysis = {
  grid: Grid;
  rows: ListRow[];
  mapping: ColumnMapping;
  sourceKey: string;
  /** Each row as the diff compares it (same order as `rows`). */
  current: DiffLine[];
  diff: ListDiff;
  findings: WireFinding[];
  reading: ListReading;
};

export const sheetErrorCodes = {
  'not-a-spreadsheet': 'not-a-spreadsheet',
  encrypted: 'file-encrypted',
  corrupted: 'file-corrupted',
  'too-large': 'payload-too-large',
  'too-many-rows': 'sheet-too-big',
  'too-many-cells': 'sheet-too-big',
  timeout: 'sheet-timeout',
  empty: 'sheet-empty',
  'no-such-sheet': 'sheet-empty',
} as const satisfies Record<SheetError, RequestErrorCode>;

export async function analyseList(
  db: Kysely<Database>,
  input: { period: string; communeCode: string; fileName: string; bytes: Uint8Array },
  saved: ReadonlyMap<string, SavedMapping>,
): Promise<Result<ListAnalysis, RequestErrorCode>> {
  const { period, communeCode } = input;
  const sheet = readSheet(input.bytes, input.fileName);
  if (!sheet.ok) return err(sheetErrorCodes[sheet.error]);
  const provinceCode = await provinceOf(db, communeCode);
  const prepared = prepareList(sheet.value.rows, { month: period, provinceCode }, (key) => saved.get(key));
  if (!prepared.ok) return err('no-header-row');
  const { rows, findings, mapping, sourceKey, columns } = prepared.value;
  const reading: ListReading = { sourceKey, headerRow: mapping.headerRow + 1, columns };

  const roster = await rosterOf(db, communeCode);
  const previous = await previousLines(db, communeCode, period, roster);
  const current = rows.map((r) => lineOf(r, roster));
  const diff = diffLists(previous, current);
  // People new to the commune are enrolled when the list is published: nothing may be guessed.
  for (const [i, row] of rows.entries()) {
    if (current[i]?.key.startsWith('row:')) findings.push(...newPersonFindings(row, mapping));
  }
  const wireFindings = findings.map((f): WireFinding => ({
    row: f.row,
    column: f.column,
    code: f.code,
    severity: f.severity,
    message: listFindingMessagesVi[f.code],
  }));
  return ok({ grid: sheet.value, rows, mapping, sourceKey, current, diff, findings: wireFindings, reading });
}

type RosterPerson = { id: string; data: Record<string, unknown> };
type Roster = {
  byCode: Map<string, RosterPerson>;
  byIdNumber: Map<string, RosterPerson>;
  byId: Map<string, RosterPerson>;
};

/** The commune's beneficiaries as the server holds them, by code and ID number. */
async function rosterOf(db: Kysely<Database>, communeCode: string): Promise<Roster> {
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'beneficiary')
    .where('commune_code', '=', communeCode)
    .where('deleted', '=', 0)
    .execute();
  const roster: Roster = { byCode: new Map(), byIdNumber: new Map(), byId: new Map() };
  for (const row of rows) {
    const data: unknown = row.data === null ? null : JSON.parse(row.data);
    if (!isRecord(data)) continue;
    const person = { id: row.id, data };
    roster.byId.set(row.id, person);
    const code = stringField(data, 'code');
    const idNumber = stringField(data, 'idNumber');
    if (code) roster.byCode.set(code, person);
    if (idNumber) roster.byIdNumber.set(idNumber, person);
  }
  return roster;
}

/** A row of the file as the diff compares it; a person on the roster is keyed by their id. */
function lineOf(row: ListRow, roster: Roster): DiffLine {
  const person =
    (row.code === null ? undefined : roster.byCode.get(row.code)) ??
    (row.idNumber === null ? undefined : roster.byIdNumber.get(row.idNumber));
  return {
    key: person?.id ?? `row:${row.row}`,
    code: row.code ?? (person ? (stringField(person.data, 'code') ?? null) : null),
    idNumber: row.idNumber,
    fullName: row.fullName,
    birthDate: row.birthDate,
    village: row.village,
    category: row.category,
    paymentMethod: row.paymentMethod,
    total: row.total,
  };
}

/** Last month's payment lines of the commune, with what the roster says of each person. */
async function previousLines(
  db: Kysely<Database>,
  communeCode: string,
  period: string,
  roster: Roster,
): Promise<DiffLine[]> {
  const previousMonth = addMonths(period, -1);
  if (previousMonth === null) return [];
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'payment-line')
    .where('commune_code', '=', communeCode)
    .where('deleted', '=', 0)
    .execute();
  const lines: DiffLine[] = [];
  for (const row of rows) {
    const data: unknown = row.data === null ? null : JSON.parse(row.data);
    if (!isRecord(data) || data['periodId'] !== previousMonth) continue;
    const beneficiaryId = stringField(data, 'beneficiaryId') ?? '';
    const person = roster.byId.get(beneficiaryId)?.data ?? {};
    lines.push({
      key: beneficiaryId,
      code: stringField(person, 'code') ?? null,
      idNumber: stringField(person, 'idNumber') ?? null,
      fullName: stringField(person, 'fullName') ?? '',
      birthDate: stringField(person, 'birthDate') ?? '',
      village: stringField(person, 'village') ?? null,
      category: (stringField(person, 'category') ?? null) as DiffLine['category'],
      paymentMethod: (stringField(data, 'method') ?? null) as DiffLine['paymentMethod'],
      total: vnd(typeof data['amount'] === 'number' ? data['amount'] : 0),
    });
  }
  // In key order, as a diff remade after a confirmed match reads them (domain/list-matches.ts).
  return lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The province of a commune (its standard level may be provincial); Huế for the pilot's. */
async function provinceOf(db: Kysely<Database>, communeCode: string): Promise<string> {
  const row = await db
    .selectFrom('entities')
    .select(['data'])
    .where('entity', '=', 'commune')
    .where('id', '=', communeCode)
    .executeTakeFirst();
  const data: unknown = row?.data ? JSON.parse(row.data) : null;
  return stringField(data, 'provinceCode') ?? '46';
}
