/**
 * Publishing a correction list (danh sách điều chỉnh bổ sung, docs/protocol.md "Lists"): an
 * approved month is never edited, so a correction changes the month's lines of the people it
 * names. A line that must change is withdrawn (the domain's `payment.void`, as a supervisor's
 * would be) and, when the person is still paid, a new line with the corrected amount is issued
 * beside it — so a payment a tablet recorded offline on the old line is kept and raised as a
 * `line-cancelled` conflict, never lost. A paid or transferred line never changes.
 */
import type { Transaction } from 'kysely';
import type { DecreaseReason } from '../../domain/list-decreases';
import type { Vnd } from '../../domain/money';
import type { PaymentOp } from '../../domain/payment-line';
import type { VoidReason } from '../../domain/vocabulary';
import { err, ok, type Result } from '../../lib/result';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { familyReducers } from '../../protocol/op-registry';
import type { Database } from '../db/schema';
import { carriedOnto } from '../months/carryovers';
import { monthLinesByPerson } from '../months/month-lines';
import { getEntity, getEntityForUpdate, type EntityChange } from './entity-store';
import { decidedReasons } from './list-decisions';
import { lineData, readLine } from './line-state';
import { isoTime } from './push-context';

/** What a person's corrected line does to the month's lines. */
export type LineCorrection = { beneficiaryId: string; total: Vnd };

const voidReasonOf = (reason: DecreaseReason | undefined): VoidReason =>
  reason === 'deceased' ? 'deceased' : reason === 'no-longer-eligible' ? 'not-eligible' : 'other';

/**
 * The withdrawals a correction makes, and for each person the id their corrected line takes (null:
 * none — not paid this month, or their line is unchanged).
 */
export async function correctLines(
  trx: Transaction<Database>,
  list: { id: string; period: string; commune_code: string },
  corrections: readonly LineCorrection[],
  actor: { id: string; now: number },
): Promise<
  Result<{ changes: EntityChange[]; newLineIds: Map<string, string>; withdrawn: string[] }, RequestErrorCode>
> {
  const lines = await monthLinesByPerson(trx, list.commune_code, list.period);
  // Money a close carried onto a line is not the list's: it is compared without it, and moves to
  // the line issued in its place (`releaseCarryovers`, then `applyWaitingCarryovers`).
  const carried = await carriedOnto(
    trx,
    [...lines.values()].map((l) => l.lineId),
  );
  const withdrawn: string[] = [];
  const reasons = await decidedReasons(trx, list.id);
  const changes: EntityChange[] = [];
  const newLineIds = new Map<string, string>();
  for (const c of corrections) {
    const held = lines.get(c.beneficiaryId);
    // Read again under the line's row lock: a payment being recorded now is decided before or after.
    const stored = held && held.status !== 'void' ? await getEntityForUpdate(trx, 'payment-line', held.lineId) : null;
    const read = stored ? readLine(stored.data) : undefined;
    const line = read && read.state.status !== 'void' ? read : undefined;
    if (held && line && line.state.amount === c.total + (carried.get(held.lineId) ?? 0)) continue;
    if (held && line) {
      if (line.state.status === 'paid' || line.state.status === 'transferred') return err('correction-line-settled');
      const decrease = c.total === 0;
      const op: PaymentOp = {
        id: `list:${list.id}:${c.beneficiaryId}`,
        actorId: actor.id,
        recordedAt: isoTime(actor.now),
        type: 'payment.void',
        payload: {
          target: 'line',
          reason: decrease ? voidReasonOf(reasons.get(c.beneficiaryId)?.reason) : 'recorded-in-error',
          note: decrease ? 'Danh sách điều chỉnh: thôi chi tháng này' : 'Danh sách điều chỉnh: thay bằng dòng mới',
        },
      };
      const voided = familyReducers['payment-line'](line.state, op, { beneficiaryStatus: 'active' });
      if (voided.outcome.status !== 'applied') return err('correction-line-settled');
      changes.push({
        entity: 'payment-line',
        id: held.lineId,
        communeCode: list.commune_code,
        data: lineData(line, voided.line, line.missingBlobs),
      });
      withdrawn.push(held.lineId);
    }
    if (c.total === 0) continue;
    // The month's usual id when free; beside a withdrawn line, one naming this correction.
    const usual = `${list.period}:${c.beneficiaryId}`;
    const taken = held !== undefined || (await getEntity(trx, 'payment-line', usual)) !== undefined;
    newLineIds.set(c.beneficiaryId, taken ? `${usual}:${list.id.slice(0, 8)}` : usual);
  }
  return ok({ changes, newLineIds, withdrawn });
}
