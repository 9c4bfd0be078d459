/**
 * The status a published list records for each person it drops (docs/protocol.md "Lists",
 * docs/domain.md §3.5): the reason given for the decrease — or the field finding the preparer
 * accepted — decides it from the list's month, through the roster's own `beneficiary.set-status`
 * reducer, so the person's status history reads as if a supervisor had recorded it.
 */
import type { Kysely } from 'kysely';
import { applyBeneficiaryOp, beneficiaryStatusOf } from '../../domain/beneficiary-ops';
import type { ListDiff } from '../../domain/list-diff';
import { statusOfDecrease } from '../../domain/list-field-outcomes';
import type { BeneficiaryData } from '../../protocol/entities';
import type { Database } from '../db/schema';
import type { EntityChange } from './entity-store';
import { decidedReasons } from './list-decisions';

export async function decreaseStatuses(
  db: Kysely<Database>,
  list: { id: string; period: string; commune_code: string },
  diff: ListDiff,
  people: ReadonlyMap<string, BeneficiaryData>,
): Promise<EntityChange[]> {
  const reasons = await decidedReasons(db, list.id);
  const changes: EntityChange[] = [];
  for (const d of diff.decreases) {
    const id = d.previous.key;
    const decided = reasons.get(id);
    const person = people.get(id);
    const status = decided ? statusOfDecrease(decided.reason) : null;
    if (!decided || !person || status === null || beneficiaryStatusOf(person) === status) continue;
    const applied = applyBeneficiaryOp(person, {
      type: 'beneficiary.set-status',
      payload: {
        status,
        reason: decided.reason,
        effectiveMonth: list.period,
        ...(decided.note === null ? {} : { note: decided.note }),
      },
    });
    if (applied.ok)
      changes.push({
        entity: 'beneficiary',
        id,
        communeCode: list.commune_code,
        data: applied.value.after,
      });
  }
  return changes;
}
