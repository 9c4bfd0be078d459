/**
 * The cash ledgers of a paying month as the server holds them (`GET /api/cash`, docs/protocol.md
 * "Cash ops"): each payer's `cash.*` entries (cash_entries) and their cash payments, read from
 * the op log: every `payment.record` they pushed on a cash line of the month that was applied or
 * kept as a conflict (the money left their hands either way). A payer sees their own ledger; a
 * supervisor every payer's of their communes, each payer listed even before any entry.
 */
import type { Kysely } from 'kysely';
import type { LedgerEntry } from '../../domain/cash-ops';
import type { PaidEntry } from '../../domain/cash-ledger';
import { vnd } from '../../domain/money';
import { cashMethods } from '../../domain/vocabulary';
import type { User } from '../../protocol/auth';
import type { CashLedger } from '../../protocol/cash';
import { scopeOf } from '../../protocol/permissions';
import type { Database } from '../db/schema';

type Envelope = { recordedAt?: string; payload?: { amount?: number; receiver?: { kind?: PaidEntry['receiverKind'] } } };

export async function readCashLedgers(db: Kysely<Database>, user: User, month: string): Promise<CashLedger[]> {
  const scope = scopeOf(user);
  const communes = scope.kind === 'all' ? null : scope.codes;
  if (communes !== null && communes.length === 0) return [];
  const ownOnly = user.role === 'payer';

  let entryQuery = db.selectFrom('cash_entries').select(['data']).where('month', '=', month);
  if (communes) entryQuery = entryQuery.where('commune_code', 'in', communes);
  if (ownOnly) entryQuery = entryQuery.where('payer_id', '=', user.id);
  const entries = (await entryQuery.execute()).map((r) => JSON.parse(r.data) as LedgerEntry);

  let paidQuery = db
    .selectFrom('ops')
    .innerJoin('report_lines', 'report_lines.line_id', 'ops.entity_id')
    .select([
      'ops.op_id',
      'ops.user_id',
      'ops.envelope',
      'report_lines.line_id',
      'report_lines.beneficiary_id',
      'report_lines.commune_code',
    ])
    .where('ops.type', '=', 'payment.record')
    .where('ops.status', 'in', ['applied', 'conflict'])
    .where('report_lines.period_id', '=', month)
    .where('report_lines.method', 'in', [...cashMethods]);
  if (communes) paidQuery = paidQuery.where('report_lines.commune_code', 'in', communes);
  if (ownOnly) paidQuery = paidQuery.where('ops.user_id', '=', user.id);
  const payments: PaidEntry[] = (await paidQuery.execute()).flatMap((r) => {
    const op = JSON.parse(r.envelope) as Envelope;
    const amount = op.payload?.amount;
    const recordedAt = op.recordedAt ?? '';
    if (typeof amount !== 'number') return [];
    return [
      {
        payerId: r.user_id,
        communeCode: r.commune_code,
        month,
        opId: r.op_id,
        lineId: r.line_id,
        beneficiaryId: r.beneficiary_id,
        amount: vnd(amount),
        // The device's own calendar day: the date part of its clock with its offset.
        date: recordedAt.slice(0, 10),
        receiverKind: op.payload?.receiver?.kind ?? 'self',
        recordedAt,
      },
    ];
  });

  // Every payer of the communes (a supervisor follows those who have not started yet), and
  // anyone with an entry or a payment (a payer moved to another commune since).
  const payerRows = await db.selectFrom('users').select(['id', 'display_name', 'communes', 'role']).execute();
  const names = new Map(payerRows.map((u) => [u.id, u.display_name]));
  const keys = new Map<string, { payerId: string; communeCode: string }>();
  const add = (payerId: string, communeCode: string) => keys.set(`${communeCode}:${payerId}`, { payerId, communeCode });
  for (const u of payerRows) {
    if (u.role !== 'payer' || (ownOnly && u.id !== user.id)) continue;
    for (const c of JSON.parse(u.communes) as string[]) if (communes === null || communes.includes(c)) add(u.id, c);
  }
  for (const e of [...entries, ...payments]) add(e.payerId, e.communeCode);

  return [...keys.values()]
    .map(({ payerId, communeCode }) => ({
      payerId,
      communeCode,
      month,
      payerName: names.get(payerId) ?? payerId,
      entries: entries.filter((e) => e.payerId === payerId && e.communeCode === communeCode),
      payments: payments.filter((p) => p.payerId === payerId && p.communeCode === communeCode),
    }))
    .sort((a, b) => a.communeCode.localeCompare(b.communeCode) || a.payerName.localeCompare(b.payerName, 'vi'));
}
