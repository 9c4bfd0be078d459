/**
 * The reasons people leave a monthly list (docs/protocol.md "Lists"): set by the preparer while
 * the list is a draft or returned, one per decrease; submitting needs them all. What the field
 * recorded (visits, months not collected) is offered as a suggestion.
 */
import type { Kysely } from 'kysely';
import { decreaseDecision, fieldSuggestion, type DecreaseReason, type FieldLine } from '../../domain/list-decreases';
import type { ListDiff } from '../../domain/list-diff';
import { unpaidReasons, type PaymentLineStatus, type UnpaidReason } from '../../domain/vocabulary';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { Database } from '../db/schema';
import { preparingList } from './list-preparing';
import { isRecord } from './data-fields';

/** Everyone the list drops: gone from it, or on it with nothing to pay. */
export const decreaseKeys = (diff: ListDiff): string[] => diff.decreases.map((d) => d.previous.key);

export async function decidedReasons(db: Kysely<Database>, listId: string) {
  const rows = await db
    .selectFrom('list_decisions')
    .select(['beneficiary_id', 'reason', 'note'])
    .where('list_id', '=', listId)
    .execute();
  return new Map(rows.map((r) => [r.beneficiary_id, { reason: r.reason, note: r.note }]));
}

export async function setDecreaseReasons(
  db: Kysely<Database>,
  user: User,
  input: {
    listId: string;
    decisions: { beneficiaryId: string; reason: DecreaseReason; note: string | null }[];
    now: number;
  },
): Promise<Result<{ missing: number }, RequestErrorCode>> {
  return db.transaction().execute(async (trx) => {
    const preparing = await preparingList(trx, user, input.listId);
    if (!preparing.ok) return preparing;
    const list = preparing.value;
    const keys = decreaseKeys(JSON.parse(list.diff) as ListDiff);
    const leaving = new Set(keys);
    for (const d of input.decisions) {
      const decided = decreaseDecision(d.reason, d.note);
      if (!leaving.has(d.beneficiaryId) || !decided.ok) return err('invalid-body');
      const values = {
        reason: decided.value.reason,
        note: decided.value.note,
        decided_by: user.id,
        decided_at: input.now,
      };
      await trx
        .insertInto('list_decisions')
        .values({ list_id: list.id, beneficiary_id: d.beneficiaryId, ...values })
        .onConflict((oc) => oc.columns(['list_id', 'beneficiary_id']).doUpdateSet(values))
        .execute();
    }
    const decided = await decidedReasons(trx, list.id);
    return ok({ missing: keys.filter((k) => !decided.has(k)).length });
  });
}

/** What the field suggests for each of these people of the commune (none: not in the map). */
export async function fieldSuggestions(
  db: Kysely<Database>,
  communeCode: string,
  period: string,
  people: readonly string[],
): Promise<Map<string, DecreaseReason>> {
  const wanted = new Set(people);
  const rows = await db
    .selectFrom('entities')
    .select('data')
    .where('entity', '=', 'payment-line')
    .where('commune_code', '=', communeCode)
    .where('deleted', '=', 0)
    .execute();
  const lines = new Map<string, FieldLine[]>();
  for (const r of rows) {
    const d: unknown = r.data ? JSON.parse(r.data) : null;
    if (!isRecord(d) || typeof d['beneficiaryId'] !== 'string' || !wanted.has(d['beneficiaryId'])) continue;
    const visit = isRecord(d['lastVisit']) ? d['lastVisit']['reason'] : null;
    const line: FieldLine = {
      periodId: String(d['periodId']),
      status: d['status'] as PaymentLineStatus,
      visitReason: unpaidReasons.includes(visit as UnpaidReason) ? (visit as UnpaidReason) : null,
    };
    lines.set(d['beneficiaryId'], [...(lines.get(d['beneficiaryId']) ?? []), line]);
  }
  const suggestions = new Map<string, DecreaseReason>();
  for (const [id, held] of lines) {
    const suggested = fieldSuggestion(held, period);
    if (suggested) suggestions.set(id, suggested);
  }
  return suggestions;
}
