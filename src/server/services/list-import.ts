/**
 * Importing a commune's monthly list (docs/protocol.md "Lists"): the file is read into a grid with
 * limits (lists/read-sheet.ts), its people are read and checked by the domain (list-import.ts),
 * compared with last month's lines, and kept as a draft list. With any error finding nothing is
 * created; the identical file again (same hash, month and commune) changes nothing; a new file
 * replaces a draft or returned list not yet submitted; an approved month is never changed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import { addMonths } from '../../domain/calendar';
import { diffLists, type DiffLine, type ListDiff } from '../../domain/list-diff';
import { prepareList, mappingLetters, type SavedMapping } from '../../domain/list-import';
import { newPersonFindings, type ListRow } from '../../domain/list-rows';
import { vnd } from '../../domain/money';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { listFindingMessagesVi } from '../../protocol/list-messages.vi';
import type { DiffSummary, ListReading, ListStatus, WireFinding } from '../../protocol/lists';
import { can } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import { isMonthClosed } from '../months/month-close';
import type { Database, ListLineKind } from '../db/schema';
import { readSheet } from '../lists/read-sheet';
import type { SheetError } from '../lists/sheet-types';
import { isRecord, stringField } from './data-fields';
import { savedMappings } from './list-mappings';
import { logEvent } from './list-steps';

export type ListImportInput = { period: string; communeCode: string; fileName: string; bytes: Uint8Array };

/** The answer of an import (pinned): created, recognised as a duplicate, or refused with findings. */
export type ListImportAnswer = {
  listId: string | null;
  status: ListStatus | null;
  duplicate: boolean;
  findings: WireFinding[];
  diff: DiffSummary;
  reading?: ListReading;
};

export type ListImportResult =
  | { kind: 'created' | 'duplicate'; answer: ListImportAnswer }
  /** Error findings: nothing was created (422). */
  | { kind: 'refused'; answer: ListImportAnswer };

const sheetErrorCodes = {
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

export async function importList(
  db: Kysely<Database>,
  user: User,
  input: ListImportInput,
  now: number,
): Promise<Result<ListImportResult, RequestErrorCode>> {
  const { period, communeCode } = input;
  if (!can(user, 'lists.prepare', communeCode)) return err('forbidden');
  const fileHash = createHash('sha256').update(input.bytes).digest('hex');
  // Answered before the file is read; checked again under the lock before anything is written.
  const saved = await savedMappings(db, communeCode);
  const settled = settledBy(await listsOf(db, communeCode, period), fileHash, saved);
  if (settled) return settled;
  if (await isMonthClosed(db, communeCode, period)) return err('period-closed');

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
  const summary = summaryOf(diff);
  if (findings.some((f) => f.severity === 'error')) {
    return ok({
      kind: 'refused',
      answer: { listId: null, status: null, duplicate: false, findings: wireFindings, diff: summary, reading },
    });
  }

  const listId = randomUUID();
  const kinds = lineKinds(diff);
  const raced = await db.transaction().execute(async (trx) => {
    // Two imports of one month and commune at once are decided one after the other.
    await lockKey(trx, `lists:${communeCode}:${period}`);
    const lists = await listsOf(trx, communeCode, period);
    const settledMeanwhile = settledBy(lists, fileHash, saved);
    if (settledMeanwhile) return settledMeanwhile;
    if (await isMonthClosed(trx, communeCode, period)) return err('period-closed' as const);
    // A draft or returned list of the month gives way to the new file (kept, marked replaced).
    for (const old of lists.filter((l) => l.status === 'draft' || l.status === 'returned')) {
      await trx.updateTable('lists').set({ status: 'replaced' }).where('id', '=', old.id).execute();
      await logEvent(trx, old.id, user.id, 'replace', null, now);
    }
    await trx
      .insertInto('lists')
      .values({
        id: listId,
        period,
        commune_code: communeCode,
        status: 'draft',
        file_hash: fileHash,
        file_name: input.fileName,
        source_key: sourceKey,
        mapping: JSON.stringify({
          fields: mappingLetters(mapping),
          headerRow: mapping.headerRow + 1,
          headers: mapping.headers,
        }),
        findings: JSON.stringify(wireFindings),
        diff: JSON.stringify(diff),
        total: diff.money.current,
        line_count: rows.length,
        preparer_id: user.id,
        created_at: now,
        approved_hash: null,
        approver_id: null,
        approved_at: null,
        published_at: null,
      })
      .execute();
    for (const [i, row] of rows.entries()) {
      const line = current[i];
      await trx
        .insertInto('list_lines')
        .values({
          list_id: listId,
          row: row.row,
          beneficiary_id: line === undefined || line.key.startsWith('row:') ? null : line.key,
          kind: (line && kinds.get(line)) ?? 'unchanged',
          total: row.total,
          data: JSON.stringify(row),
        })
        .execute();
    }
    await logEvent(trx, listId, user.id, 'import', input.fileName, now);
    return null;
  });
  if (raced) return raced;
  return ok({
    kind: 'created',
    answer: { listId, status: 'draft', duplicate: false, findings: wireFindings, diff: summary, reading },
  });
}

type ListRowOfMonth = {
  id: string;
  status: ListStatus;
  file_hash: string;
  findings: string;
  diff: string;
  source_key: string;
  mapping: string;
};

function listsOf(db: Kysely<Database>, communeCode: string, period: string): Promise<ListRowOfMonth[]> {
  return db
    .selectFrom('lists')
    .select(['id', 'status', 'file_hash', 'findings', 'diff', 'source_key', 'mapping'])
    .where('commune_code', '=', communeCode)
    .where('period', '=', period)
    .execute();
}

/**
 * What the month's lists already settle: the same file answers what it answered (before or after
 * publishing); a month approved or published takes no new file, nor one whose list awaits approval.
 */
function settledBy(
  lists: readonly ListRowOfMonth[],
  fileHash: string,
  saved: ReadonlyMap<string, SavedMapping>,
): Result<ListImportResult, RequestErrorCode> | null {
  // The same bytes read with the same mapping: a mapping fixed since makes it a new reading.
  const same = lists.find(
    (l) => l.file_hash === fileHash && l.status !== 'replaced' && !mappingChanged(l, saved.get(l.source_key)),
  );
  if (same) {
    const answer: ListImportAnswer = {
      listId: same.id,
      status: same.status,
      duplicate: true,
      findings: JSON.parse(same.findings) as WireFinding[],
      diff: summaryOf(JSON.parse(same.diff) as ListDiff),
    };
    return ok({ kind: 'duplicate', answer });
  }
  if (lists.some((l) => l.status === 'approved' || l.status === 'published')) return err('period-approved');
  // A submitted list waits for its approver: returned, it can be replaced.
  if (lists.some((l) => l.status === 'submitted')) return err('list-step-out-of-order');
  return null;
}

/** Whether a user fixed, for this list's layout, a column the list was not read with. */
function mappingChanged(list: ListRowOfMonth, saved: SavedMapping | undefined): boolean {
  if (!saved) return false;
  const used = (JSON.parse(list.mapping) as { fields?: SavedMapping }).fields ?? {};
  return Object.entries(saved).some(([field, letter]) => used[field as keyof SavedMapping] !== letter);
}

function summaryOf(diff: ListDiff): DiffSummary {
  return {
    increases: diff.increases.length,
    decreases: diff.decreases.length,
    adjustments: diff.adjustments.length,
    unchanged: diff.unchanged.length,
    money: { ...diff.money },
  };
}

function lineKinds(diff: ListDiff): Map<DiffLine, ListLineKind> {
  const kinds = new Map<DiffLine, ListLineKind>();
  for (const l of diff.increases) kinds.set(l, 'increase');
  for (const a of diff.adjustments) kinds.set(a.current, 'adjustment');
  for (const u of diff.unchanged) kinds.set(u.current, 'unchanged');
  for (const d of diff.decreases) if (d.current) kinds.set(d.current, 'decrease');
  return kinds;
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
  return lines;
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
