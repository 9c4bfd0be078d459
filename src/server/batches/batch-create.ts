/**
 * Preparing a batch (docs/protocol.md "Batches"): one provider's lines of one commune and month,
 * checked before any file exists (domain/batch-prepare.ts). Lines that fail a check are held back
 * with why, for the officer to fix; the rest, with their totals and references, wait for another
 * person's approval. Nothing changes on the lines until the file is downloaded.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { prepareBatch, type CandidateLine, type HeldLine } from '../../domain/batch-prepare';
import { undecidedFailure } from '../../domain/payment-transfer';
import { err, ok, type Result } from '../../lib/result';
import type { BeneficiaryData } from '../../protocol/entities';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import { holdMessagesVi } from '../../protocol/batch-messages.vi';
import type { HeldBack } from '../../protocol/batches';
import { chunks } from '../db/chunks';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { isMonthClosed } from '../months/month-close';
import { entitiesData } from '../services/entity-store';
import { readLine } from '../services/line-state';
import { logBatchEvent, type Actor } from './batch-store';
import { getProvider, methodOf } from './providers';

export async function createBatch(
  db: Kysely<Database>,
  actor: Actor,
  input: { providerId: string; commune: string; period: string },
): Promise<Result<{ batchId: string }, RequestErrorCode>> {
  if (!can(actor.user, 'batches.prepare', input.commune)) return err('forbidden');
  const provider = await getProvider(db, input.providerId);
  if (!provider || provider.disabled) return err('not-found');
  return db.transaction().execute(async (trx) => {
    // Two batches of one month are prepared one after the other: a line never goes in both.
    await lockKey(trx, `batches:${input.commune}:${input.period}`);
    if (await isMonthClosed(trx, input.commune, input.period)) return err('period-closed');
    const candidates = await candidateLines(trx, input.commune, input.period);
    const count = await trx
      .selectFrom('batches')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('provider_id', '=', provider.id)
      .where('commune_code', '=', input.commune)
      .where('period', '=', input.period)
      .executeTakeFirst();
    const reference = `${provider.code}-${input.commune}-${input.period.replace('-', '')}-${Number(count?.n ?? 0) + 1}`;
    const scope = { method: methodOf(provider), aliases: provider.aliases, account: provider.template.account };
    const { lines, heldBack } = prepareBatch(scope, reference, candidates);
    if (lines.length === 0 && heldBack.length === 0) return err('batch-empty');

    const batchId = randomUUID();
    await trx
      .insertInto('batches')
      .values({
        id: batchId,
        reference,
        provider_id: provider.id,
        commune_code: input.commune,
        period: input.period,
        status: 'draft',
        total: lines.reduce((sum, l) => sum + l.amount, 0),
        line_count: lines.length,
        template: JSON.stringify(provider.template),
        held_back: JSON.stringify(heldBack.map(heldView)),
        preparer_id: actor.user.id,
        created_at: actor.now,
        approver_id: null,
        approved_at: null,
        exported_at: null,
        file_name: null,
        file_bytes: null,
        file_hash: null,
      })
      .execute();
    const rows = lines.map((l, i) => ({
      batch_id: batchId,
      line_id: l.lineId,
      row: i + 1,
      beneficiary_id: l.beneficiaryId,
      reference: l.reference,
      account_number: l.accountNumber,
      holder_name: l.holderName,
      amount: l.amount,
      data: JSON.stringify(l),
      result: 'waiting' as const,
      reason: null,
      provider_reference: null,
    }));
    for (const part of chunks(rows, 500)) await trx.insertInto('batch_lines').values(part).execute();
    await logBatchEvent(trx, batchId, actor, 'prepare', `${lines.length} dòng, ${heldBack.length} giữ lại`);
    return ok({ batchId });
  });
}

const heldView = (h: HeldLine): HeldBack => ({ ...h, message: holdMessagesVi[h.code] });

/** The month's lines of the commune with their person, as the batch checks need them. */
async function candidateLines(trx: Transaction<Database>, commune: string, period: string): Promise<CandidateLine[]> {
  const rows = await trx
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'payment-line')
    .where('commune_code', '=', commune)
    .where('deleted', '=', 0)
    .execute();
  const lines = rows.flatMap((r) => {
    const line = r.data === null ? undefined : readLine(JSON.parse(r.data));
    return line?.periodId === period ? [{ id: r.id, line }] : [];
  });
  const people = (await entitiesData(
    trx,
    'beneficiary',
    lines.map((l) => l.line.beneficiaryId),
  )) as Map<string, BeneficiaryData>;
  const inBatches = await linesInOpenBatches(
    trx,
    lines.map((l) => l.id),
  );
  return lines.flatMap(({ id, line }) => {
    const person = people.get(line.beneficiaryId);
    if (!person) return [];
    const d = person.paymentDetails ?? {};
    const state = line.state;
    return [
      {
        lineId: id,
        beneficiaryId: line.beneficiaryId,
        status: state.status,
        method: state.method,
        amount: state.amount,
        isRerouted: state.status === 'failed' && undecidedFailure(state) === undefined,
        inOtherBatch: inBatches.has(id),
        person: {
          fullName: person.fullName,
          code: person.code === '' ? null : person.code,
          idNumber: person.idNumber,
          phone: person.phone,
          bankName: d.bankName ?? null,
          walletProvider: d.provider ?? null,
          accountNumber: d.accountNumber ?? null,
          walletPhone: d.walletPhone ?? null,
          accountHolder: d.accountHolder ?? null,
          representativeName: person.representative?.fullName ?? null,
        },
      },
    ];
  });
}

/** Lines in a batch that still counts for them: not cancelled, and not answered "failed". */
async function linesInOpenBatches(trx: Transaction<Database>, lineIds: readonly string[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (const part of chunks(lineIds)) {
    const rows = await trx
      .selectFrom('batch_lines')
      .innerJoin('batches', 'batches.id', 'batch_lines.batch_id')
      .select('batch_lines.line_id')
      .where('batch_lines.line_id', 'in', part)
      .where('batches.status', '!=', 'cancelled')
      .where('batch_lines.result', 'in', ['waiting', 'paid'])
      .execute();
    for (const r of rows) held.add(r.line_id);
  }
  return held;
}
