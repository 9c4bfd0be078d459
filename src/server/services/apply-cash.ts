/**
 * The `cash-custody` family on the server (docs/protocol.md "Cash ops"): a payer's `cash.*` op
 * writes its ledger entries (domain/cash-ops.ts, the rule the device applied before recording),
 * in the payer's commune only. A handover goes to an enabled payer of the same commune; an
 * acknowledgement names a close of that ledger. The entries are keyed by the op id: no lock.
 */
import type { Transaction } from 'kysely';
import { familyReducers } from '../../protocol/op-registry';
import type { OpOfFamily } from '../../protocol/ops';
import { isInScope } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { isPayerOf } from './apply-payment-line';
import { rejected } from './op-log';
import type { Applied, PushContext } from './push-context';

export async function applyCashOnServer(
  trx: Transaction<Database>,
  ctx: PushContext,
  op: OpOfFamily<'cash-custody'>,
): Promise<Applied> {
  const { payerId, communeCode, month } = op.payload;
  if (!isInScope(ctx.user, communeCode)) return { outcome: rejected('forbidden') };
  if (op.type === 'cash.handover' && !(await isPayerOf(trx, op.payload.toPayerId, communeCode)))
    return { outcome: rejected('unknown-payer') };
  if (op.type === 'cash.acknowledge') {
    const close = await trx
      .selectFrom('cash_entries')
      .select('op_id')
      .where('op_id', '=', op.payload.closeOpId)
      .where('payer_id', '=', payerId)
      .where('kind', '=', 'close')
      .where('commune_code', '=', communeCode)
      .where('month', '=', month)
      .executeTakeFirst();
    if (!close) return { outcome: rejected('unknown-entity') };
  }
  const decided = familyReducers['cash-custody'](op, ctx.user.displayName);
  if (!decided.ok) return { outcome: rejected(decided.error) };
  await trx
    .insertInto('cash_entries')
    .values(
      decided.value.map((entry) => ({
        op_id: op.id,
        payer_id: entry.payerId,
        kind: entry.kind,
        commune_code: communeCode,
        month,
        data: JSON.stringify(entry),
        received_at: ctx.receivedAt,
      })),
    )
    .execute();
  return { outcome: { status: 'applied', version: 1 } };
}
