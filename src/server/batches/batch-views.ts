/**
 * Batches as supervisors and approvers see them (docs/protocol.md "Batches"): the commune's
 * batches with their balance, and one batch with its lines, what was held back, and its steps.
 * The balance is the batch's lines by result: sent = paid + failed + waiting, in lines and đồng.
 */
import type { Kysely } from 'kysely';
import type { Balance } from '../../domain/batch-reconcile';
import type { PaymentLineState } from '../../domain/payment-line';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { BatchDetail, BatchLineView, BatchSummary, HeldBack } from '../../protocol/batches';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can, scopeOf } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { entitiesData } from '../services/entity-store';
import { readLine } from '../services/line-state';

const emptyBalance: Balance = {
  sent: { lines: 0, amount: 0 },
  paid: { lines: 0, amount: 0 },
  failed: { lines: 0, amount: 0 },
  waiting: { lines: 0, amount: 0 },
};

/** The balance of each batch among `ids`, from its lines' results (cancelled lines are not sent). */
async function balancesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Balance>> {
  const byBatch = new Map<string, Balance>(ids.map((id) => [id, structuredClone(emptyBalance)]));
  if (ids.length === 0) return byBatch;
  const rows = await db
    .selectFrom('batch_lines')
    .select((eb) => [
      'batch_id',
      'result',
      eb.fn.countAll<number>().as('lines'),
      eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('batch_id', 'in', ids)
    .where('result', '!=', 'cancelled')
    .groupBy(['batch_id', 'result'])
    .execute();
  for (const r of rows) {
    const b = byBatch.get(r.batch_id);
    if (!b || r.result === 'cancelled') continue;
    const tally = { lines: Number(r.lines), amount: Number(r.amount) };
    b[r.result] = tally;
    b.sent = { lines: b.sent.lines + tally.lines, amount: b.sent.amount + tally.amount };
  }
  return byBatch;
}

export async function batchBalance(db: Kysely<Database>, batchId: string): Promise<Balance> {
  return (await balancesOf(db, [batchId])).get(batchId) ?? emptyBalance;
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('batches')
    .innerJoin('providers', 'providers.id', 'batches.provider_id')
    .innerJoin('users as preparer', 'preparer.id', 'batches.preparer_id')
    .leftJoin('users as approver', 'approver.id', 'batches.approver_id')
    .select([
      'batches.id',
      'batches.reference',
      'batches.provider_id',
      'providers.name as provider_name',
      'batches.commune_code',
      'batches.period',
      'batches.status',
      'batches.total',
      'batches.line_count',
      'batches.created_at',
      'batches.preparer_id',
      'batches.file_name',
      'batches.held_back',
      'preparer.display_name as preparer_name',
      'approver.display_name as approver_name',
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

const summaryOf = (r: SummaryRow, balance: Balance): BatchSummary => ({
  id: r.id,
  reference: r.reference,
  providerId: r.provider_id,
  providerName: r.provider_name,
  commune: r.commune_code,
  period: r.period,
  status: r.status,
  total: Number(r.total),
  lineCount: Number(r.line_count),
  preparerName: r.preparer_name,
  approverName: r.approver_name,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  balance,
});

export async function listBatches(
  db: Kysely<Database>,
  user: User,
  query: { commune?: string | undefined; period?: string | undefined },
): Promise<Result<BatchSummary[], RequestErrorCode>> {
  if (!can(user, 'batches.view')) return err('forbidden');
  if (query.commune !== undefined && !can(user, 'batches.view', query.commune)) return err('forbidden');
  let q = summaryQuery(db).orderBy('batches.created_at', 'desc');
  const scope = scopeOf(user);
  if (query.commune !== undefined) q = q.where('batches.commune_code', '=', query.commune);
  else if (scope.kind === 'communes')
    q = scope.codes.length === 0 ? q.where('batches.id', '=', '') : q.where('batches.commune_code', 'in', scope.codes);
  if (query.period !== undefined) q = q.where('batches.period', '=', query.period);
  const rows = await q.limit(500).execute();
  const balances = await balancesOf(
    db,
    rows.map((r) => r.id),
  );
  return ok(rows.map((r) => summaryOf(r, balances.get(r.id) ?? emptyBalance)));
}

/** Lines shown with a batch: every failed one, and the others up to this many. */
const SHOWN_LINES = 500;

/** The supervisor's decision about this batch's failure of the line (not another batch's). */
function rerouteOf(state: PaymentLineState | undefined, batchId: string): BatchLineView['reroute'] {
  const reroute = state?.reroute;
  const decided = reroute && state.transfers.find((t) => t.opId === reroute.transferOpId);
  return reroute && decided?.batchId === batchId ? { to: reroute.to, reason: reroute.reason } : null;
}

export async function getBatch(
  db: Kysely<Database>,
  user: User,
  batchId: string,
): Promise<Result<BatchDetail, RequestErrorCode>> {
  const row = await summaryQuery(db).where('batches.id', '=', batchId).executeTakeFirst();
  // Another commune's batch is not found, not forbidden: its existence is not told.
  if (!row || !can(user, 'batches.view', row.commune_code)) return err('not-found');
  const balance = await batchBalance(db, batchId);
  const stored = await db
    .selectFrom('batch_lines')
    .select(['line_id', 'beneficiary_id', 'reference', 'account_number', 'holder_name', 'amount', 'result', 'reason'])
    .select('provider_reference')
    .where('batch_id', '=', batchId)
    .orderBy('row')
    .execute();
  let others = 0;
  // Failed lines need a decision: all of them; a province's thousands of others are not sent whole.
  const shown = stored.filter((l) => l.result === 'failed' || others++ < SHOWN_LINES);
  const failedIds = shown.filter((l) => l.result === 'failed').map((l) => l.line_id);
  const failedLines = await entitiesData(db, 'payment-line', failedIds);
  const lines: BatchLineView[] = shown.map((l) => {
    const state: PaymentLineState | undefined =
      l.result === 'failed' ? readLine(failedLines.get(l.line_id))?.state : undefined;
    return {
      lineId: l.line_id,
      beneficiaryId: l.beneficiary_id,
      reference: l.reference,
      accountNumber: l.account_number,
      holderName: l.holder_name,
      amount: Number(l.amount),
      result: l.result,
      reason: l.reason,
      providerReference: l.provider_reference,
      lineStatus: state?.status ?? null,
      lineMethod: state?.method ?? null,
      reroute: rerouteOf(state, batchId),
    };
  });
  const events = await db
    .selectFrom('batch_events')
    .innerJoin('users', 'users.id', 'batch_events.user_id')
    .select(['batch_events.at', 'users.display_name', 'batch_events.action', 'batch_events.comment'])
    .where('batch_events.batch_id', '=', batchId)
    .orderBy('batch_events.n')
    .execute();
  return ok({
    ...summaryOf(row, balance),
    preparerId: row.preparer_id,
    fileName: row.file_name,
    heldBack: JSON.parse(row.held_back) as HeldBack[],
    lines,
    events: events.map((e) => ({
      at: new Date(Number(e.at)).toISOString(),
      userName: e.display_name,
      action: e.action,
      comment: e.comment,
    })),
  });
}
