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
import type { ListKind, ListReading, WireFinding } from '../../protocol/lists';
import type { Database } from '../db/schema';
import { carriedOnto } from '../months/carryovers';
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

export type ListInput = {
  period: string;
  communeCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** A month's list (default), or a correction of the month's published lines. */
  kind?: ListKind | undefined;
};

export async function analyseList(
  db: Kysely<Database>,
  input: ListInput,
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
  const current = rows.map((r) => lineOf(r, roster));
  // Two rows that name one person of the roster (one by code, the other by ID number) would give
  // them two lines: the second is an error, as the same code or ID number twice is.
  const seen = new Set<string>();
  for (const [i, line] of current.entries()) {
    if (line.key.startsWith('row:')) continue;
    const row = rows[i]?.row ?? null;
    const flagged = findings.some((f) => f.row === row && f.code === 'duplicate-person');
    if (seen.has(line.key) && !flagged)
      findings.push({ row, column: null, field: null, code: 'duplicate-person', severity: 'error' });
    seen.add(line.key);
  }
  let previous: DiffLine[];
  if (input.kind === 'correction') {
    // A correction is compared with the month's own lines of the people it names; a line already
    // paid cannot change (docs/protocol.md "Lists", corrections).
    const named = new Set(current.map((l) => l.key));
    const month = await monthLines(db, communeCode, period, roster);
    const theirs = month.lines.filter((l) => named.has(l.key) && !month.withdrawn.has(l.key));
    // Money a close carried onto a line is not the list's: compared without it (it stays theirs).
    const carried = await carriedOnto(
      db,
      theirs.map((l) => month.lineIds.get(l.key) ?? ''),
    );
    previous = theirs.map((l) => {
      const onto = carried.get(month.lineIds.get(l.key) ?? '') ?? 0;
      return onto === 0 ? l : { ...l, total: vnd(l.total - onto) };
    });
    const before = new Map(previous.map((l) => [l.key, l]));
    for (const [i, row] of rows.entries()) {
      const key = current[i]?.key ?? '';
      const line = before.get(key);
      if (line && month.settled.has(key) && line.total !== row.total)
        findings.push({ row: row.row, column: null, field: null, code: 'line-settled', severity: 'error' });
    }
  } else {
    const previousMonth = addMonths(period, -1);
    previous = previousMonth === null ? [] : (await monthLines(db, communeCode, previousMonth, roster)).lines;
  }
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

/**
 * A month's payment lines of the commune, one per person, with what the roster says of each: a
 * withdrawn (void) line gives way to the person's other line of the month (a correction's). Also
 * the people whose line is paid or transferred, and those with only a withdrawn line.
 */
async function monthLines(
  db: Kysely<Database>,
  communeCode: string,
  month: string,
  roster: Roster,
): Promise<{ lines: DiffLine[]; settled: Set<string>; withdrawn: Set<string>; lineIds: Map<string, string> }> {
  const byPerson = new Map<string, { line: DiffLine; status: string; id: string }>();
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'payment-line')
    .where('commune_code', '=', communeCode)
    .where('deleted', '=', 0)
    .execute();
  for (const row of rows) {
    const data: unknown = row.data === null ? null : JSON.parse(row.data);
    if (!isRecord(data) || data['periodId'] !== month) continue;
    const beneficiaryId = stringField(data, 'beneficiaryId') ?? '';
    const person = roster.byId.get(beneficiaryId)?.data ?? {};
    const status = stringField(data, 'status') ?? 'due';
    const held = byPerson.get(beneficiaryId);
    if (held && held.status !== 'void') continue;
    const line: DiffLine = {
      key: beneficiaryId,
      code: stringField(person, 'code') ?? null,
      idNumber: stringField(person, 'idNumber') ?? null,
      fullName: stringField(person, 'fullName') ?? '',
      birthDate: stringField(person, 'birthDate') ?? '',
      village: stringField(person, 'village') ?? null,
      category: (stringField(person, 'category') ?? null) as DiffLine['category'],
      paymentMethod: (stringField(data, 'method') ?? null) as DiffLine['paymentMethod'],
      total: vnd(typeof data['amount'] === 'number' ? data['amount'] : 0),
    };
    byPerson.set(beneficiaryId, { line, status, id: row.id });
  }
  const settled = new Set<string>();
  const withdrawn = new Set<string>();
  for (const [id, { status }] of byPerson) {
    if (status === 'paid' || status === 'transferred') settled.add(id);
    if (status === 'void') withdrawn.add(id);
  }
  const lines = [...byPerson.values()].map((p) => p.line);
  // In key order, as a diff remade after a confirmed match reads them (domain/list-matches.ts).
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lineIds = new Map([...byPerson].map(([person, p]) => [person, p.id]));
  return { lines, settled, withdrawn, lineIds };
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
