/**
 * A provider's result file (docs/protocol.md "Batches"): `POST /api/batches/{id}/results` reads it
 * by the provider's saved mapping and answers what applying it would do, without changing
 * anything; `POST …/results/{importId}/apply` then records each decided line as a
 * `payment.transfer-result` op, in one transaction, re-deciding from the batch as it is then.
 * Rows that match no line, a second result for one line, an amount that differs, or a result
 * that contradicts one recorded before are shown and never applied.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { reconcile, type Balance, type ResultRow, type SentLine } from '../../domain/batch-reconcile';
import { guessResultMapping, mappingGaps, readResultRows, type ResultMapping } from '../../domain/batch-results';
import { err, ok, type Result } from '../../lib/result';
import { resultFindingMessagesVi } from '../../protocol/batch-messages.vi';
import type { BatchLineResult, ResultFinding, ResultPreview } from '../../protocol/batches';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import { chunks } from '../db/chunks';
import type { Database } from '../db/schema';
import { readSheet } from '../lists/read-sheet';
import type { Cell } from '../lists/sheet-types';
import { sheetErrorCodes } from '../services/list-analysis';
import { StepRefused, lockedBatch, logBatchEvent, opContext, runStep, type Actor } from './batch-store';
import { recordTransferOps } from './transfer-ops';
import { getProvider, resultMappingFor } from './providers';

type Stored = { results: ResultRow[]; unreadable: number[]; mapping: ResultMapping; headers: string[] };
type Preview = Omit<ResultPreview, 'protocol'>;

/** Rows a header row is looked for in (provider files may open with a title). */
const HEADER_SEARCH = 20;

export async function previewResults(
  db: Kysely<Database>,
  actor: Actor,
  input: { batchId: string; bytes: Uint8Array; fileName: string },
): Promise<Result<Preview, RequestErrorCode>> {
  const batch = await db.selectFrom('batches').selectAll().where('id', '=', input.batchId).executeTakeFirst();
  if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) return err('not-found');
  if (!can(actor.user, 'batches.prepare', batch.commune_code)) return err('forbidden');
  if (batch.status !== 'exported') return err('batch-step-out-of-order');
  const provider = await getProvider(db, batch.provider_id);
  if (!provider) return err('not-found');
  const sheet = readSheet(input.bytes, input.fileName);
  if (!sheet.ok) return err(sheetErrorCodes[sheet.error]);
  const grid = sheet.value.rows;
  const found = findHeader(grid, await resultMappingFor(db, provider, batch.commune_code));
  if (!found) {
    // The file's columns are unknown: answered with its likeliest header row, to be mapped.
    return ok({ ...emptyPreview(null), headers: likeliestHeaders(grid) });
  }
  const read = readResultRows(grid.slice(found.index), found.mapping, found.index + 1);
  const stored: Stored = {
    results: read.results,
    unreadable: read.unreadable.map((u) => u.row),
    mapping: found.mapping,
    headers: found.headers,
  };
  const decided = await decide(db, batch, stored);
  if (!decided.ok) return decided;
  const importId = randomUUID();
  await db
    .insertInto('batch_results')
    .values({
      id: importId,
      batch_id: batch.id,
      file_hash: createHash('sha256').update(input.bytes).digest('hex'),
      file_name: input.fileName,
      rows: JSON.stringify(stored),
      imported_by: actor.user.id,
      imported_at: actor.now,
      applied_at: null,
    })
    .execute();
  return ok({ ...decided.value.preview, importId, mapping: found.mapping, headers: found.headers });
}

export async function applyResults(
  db: Kysely<Database>,
  actor: Actor,
  input: { batchId: string; importId: string },
): Promise<Result<Preview, RequestErrorCode>> {
  const result = await runStep(db, async (trx) => {
    const batch = await lockedBatch(trx, input.batchId);
    if (!batch || !can(actor.user, 'batches.view', batch.commune_code)) throw new StepRefused('not-found');
    if (!can(actor.user, 'batches.prepare', batch.commune_code)) throw new StepRefused('forbidden');
    if (batch.status !== 'exported') throw new StepRefused('batch-step-out-of-order');
    const imported = await trx
      .selectFrom('batch_results')
      .selectAll()
      .where('id', '=', input.importId)
      .where('batch_id', '=', batch.id)
      .executeTakeFirst();
    if (!imported) throw new StepRefused('not-found');
    if (imported.applied_at !== null) throw new StepRefused('batch-step-out-of-order');
    const stored = JSON.parse(imported.rows) as Stored;
    const decided = await decide(trx, batch, stored);
    if (!decided.ok) throw new StepRefused(decided.error);
    const { toApply } = decided.value;
    const refused = await recordTransferOps(
      trx,
      opContext(actor),
      'payment.transfer-result',
      toApply.map((d) => ({
        lineId: d.lineId,
        payload: {
          batchId: batch.id,
          outcome: d.state,
          ...(d.reason === null ? {} : { reason: d.reason.slice(0, 500) }),
          ...(d.providerReference === null ? {} : { providerReference: d.providerReference.slice(0, 100) }),
        },
      })),
    );
    if (refused.length > 0) throw new StepRefused('batch-lines-changed');
    await setLineResults(trx, batch.id, toApply);
    await trx.updateTable('batch_results').set({ applied_at: actor.now }).where('id', '=', imported.id).execute();
    const { paid, failed } = decided.value.preview;
    await logBatchEvent(trx, batch.id, actor, 'results', `${imported.file_name}: ${paid} đã chi, ${failed} lỗi`);
    return { ...decided.value.preview, importId: imported.id, mapping: stored.mapping, headers: stored.headers };
  });
  return result.ok ? ok(result.value) : err(result.error);
}

/** The batch's lines' results, written a chunk of lines per statement. */
async function setLineResults(trx: Transaction<Database>, batchId: string, results: readonly ToApply[]): Promise<void> {
  const byLine = new Map(results.map((r) => [r.lineId, r]));
  const rows = await trx.selectFrom('batch_lines').selectAll().where('batch_id', '=', batchId).execute();
  const changed = rows.flatMap((row) => {
    const r = byLine.get(row.line_id);
    return r ? [{ ...row, result: r.state, reason: r.reason, provider_reference: r.providerReference }] : [];
  });
  for (const part of chunks(changed, 500))
    await trx
      .insertInto('batch_lines')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['batch_id', 'line_id']).doUpdateSet((eb) => ({
          result: eb.ref('excluded.result'),
          reason: eb.ref('excluded.reason'),
          provider_reference: eb.ref('excluded.provider_reference'),
        })),
      )
      .execute();
}

type ToApply = { lineId: string; state: 'paid' | 'failed'; reason: string | null; providerReference: string | null };

/** What the rows decide against the batch's lines as they are now. */
async function decide(
  db: Kysely<Database>,
  batch: { id: string; commune_code: string },
  stored: Stored,
): Promise<
  Result<{ preview: Omit<Preview, 'importId' | 'mapping' | 'headers'>; toApply: ToApply[] }, RequestErrorCode>
> {
  const lines = await db
    .selectFrom('batch_lines')
    .select(['line_id', 'reference', 'account_number', 'amount', 'result'])
    .where('batch_id', '=', batch.id)
    .where('result', '!=', 'cancelled')
    .execute();
  const sent: SentLine[] = lines.map((l) => ({
    lineId: l.line_id,
    reference: l.reference,
    accountNumber: l.account_number,
    amount: Number(l.amount),
  }));
  const recorded = new Map<string, BatchLineResult>(lines.map((l) => [l.line_id, l.result]));
  const r = reconcile(sent, stored.results);
  const findings: ResultFinding[] = stored.unreadable.map((row) => finding(row, 'unreadable', null));
  for (const f of r.findings) findings.push(finding(f.row, f.code, f.code === 'unmatched' ? null : f.lineId));
  // A row naming another batch of the commune: the file is that batch's, and applies nothing here.
  if (await otherBatchOf(db, batch, stored.results)) return err('results-other-batch');
  const matched = r.lines.filter((l) => l.state !== 'waiting');
  const isAnyRowMatched = matched.length > 0 || r.findings.some((f) => f.code !== 'unmatched');
  if (!isAnyRowMatched && stored.results.length > 0) return err('results-match-nothing');
  const toApply: ToApply[] = [];
  let alreadyApplied = 0;
  const after = new Map(recorded);
  for (const l of matched) {
    const before = recorded.get(l.lineId);
    if (l.state === 'waiting') continue;
    if (before === 'waiting') {
      toApply.push({ lineId: l.lineId, state: l.state, reason: l.reason, providerReference: l.providerReference });
      after.set(l.lineId, l.state);
    } else if (before === l.state) alreadyApplied++;
    else if (l.row !== null) findings.push(finding(l.row, 'result-differs', l.lineId));
  }
  findings.sort((a, b) => a.row - b.row);
  return ok({
    preview: {
      rows: stored.results.length + stored.unreadable.length,
      paid: toApply.filter((t) => t.state === 'paid').length,
      failed: toApply.filter((t) => t.state === 'failed').length,
      alreadyApplied,
      findings,
      balance: balanceOf(sent, after),
    },
    toApply,
  });
}

/** Whether a row's reference belongs to another batch of the same commune (never another commune's). */
async function otherBatchOf(
  db: Kysely<Database>,
  batch: { id: string; commune_code: string },
  rows: readonly ResultRow[],
): Promise<boolean> {
  const references = [...new Set(rows.flatMap((row) => (row.reference === null ? [] : [row.reference])))];
  for (const part of chunks(references)) {
    const found = await db
      .selectFrom('batch_lines')
      .innerJoin('batches', 'batches.id', 'batch_lines.batch_id')
      .select('batch_lines.batch_id')
      .where('batch_lines.reference', 'in', part)
      .where('batch_lines.batch_id', '!=', batch.id)
      .where('batches.commune_code', '=', batch.commune_code)
      .executeTakeFirst();
    if (found) return true;
  }
  return false;
}

function balanceOf(sent: readonly SentLine[], results: ReadonlyMap<string, BatchLineResult>): Balance {
  const b: Balance = {
    sent: { lines: 0, amount: 0 },
    paid: { lines: 0, amount: 0 },
    failed: { lines: 0, amount: 0 },
    waiting: { lines: 0, amount: 0 },
  };
  for (const l of sent) {
    const state = results.get(l.lineId) ?? 'waiting';
    if (state === 'cancelled') continue;
    b.sent = { lines: b.sent.lines + 1, amount: b.sent.amount + l.amount };
    b[state] = { lines: b[state].lines + 1, amount: b[state].amount + l.amount };
  }
  return b;
}

const finding = (row: number, code: ResultFinding['code'], lineId: string | null): ResultFinding => ({
  row,
  code,
  lineId,
  message: resultFindingMessagesVi[code],
});

function emptyPreview(mapping: ResultMapping | null): Preview {
  const zero = { lines: 0, amount: 0 };
  return {
    importId: null,
    mapping,
    headers: [],
    rows: 0,
    paid: 0,
    failed: 0,
    alreadyApplied: 0,
    findings: [],
    balance: { sent: zero, paid: zero, failed: zero, waiting: zero },
  };
}

const textsOf = (row: readonly Cell[] | undefined) => (row ?? []).map((c) => c.text.normalize('NFC').trim());

/** The first row whose texts the saved mapping (or, without one, the guess) reads completely. */
function findHeader(
  grid: readonly (readonly Cell[])[],
  saved: ResultMapping | null,
): { index: number; mapping: ResultMapping; headers: string[] } | undefined {
  for (let index = 0; index < Math.min(grid.length, HEADER_SEARCH); index++) {
    const headers = textsOf(grid[index]);
    const mapping = saved ?? guessResultMapping(headers);
    if (mappingGaps(mapping, headers).length === 0) return { index, mapping, headers };
  }
  return undefined;
}

function likeliestHeaders(grid: readonly (readonly Cell[])[]): string[] {
  let best: string[] = [];
  for (const row of grid.slice(0, HEADER_SEARCH)) {
    const texts = textsOf(row);
    if (texts.filter((t) => t !== '').length > best.filter((t) => t !== '').length) best = texts;
  }
  return best;
}
