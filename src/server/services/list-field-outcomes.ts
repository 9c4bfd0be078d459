/**
 * Field findings about people still on a monthly list (docs/protocol.md "Lists", docs/domain.md
 * §3.5): last month's visit finding them dead or moved away, or three months in a row not
 * collected, is proposed as holding them back this month. The preparer accepts — the person stays
 * on the list with nothing to pay, leaves the month's money as a decrease with the field's reason,
 * and publishing records their status — or dismisses it with a reason. Every proposal is answered
 * before the list is submitted.
 */
import type { Kysely } from 'kysely';
import { fieldOutcome, fieldProposals } from '../../domain/list-field-outcomes';
import type { DecreaseReason } from '../../domain/list-decreases';
import type { ListDiff } from '../../domain/list-diff';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { Database } from '../db/schema';
import { preparingList } from './list-preparing';
import { fieldSuggestions } from './list-decisions';
import { fieldAnswers, settleTotals } from './list-answers';

export type FieldAnswer = { beneficiaryId: string; accept: boolean; note: string | null };

export type FieldProposal = {
  beneficiaryId: string;
  row: number;
  suggested: DecreaseReason;
  accepted: boolean | null;
  note: string | null;
};

type ListRef = { id: string; commune_code: string; period: string };

/** The field's proposals for the list's people, each with the preparer's answer (null: none yet). */
export async function fieldProposalsOf(db: Kysely<Database>, list: ListRef): Promise<FieldProposal[]> {
  const answers = await fieldAnswers(db, list.id);
  const lines = await db
    .selectFrom('list_lines')
    .select(['row', 'beneficiary_id', 'total'])
    .where('list_id', '=', list.id)
    .where('beneficiary_id', 'is not', null)
    .orderBy('row')
    .execute();
  // A person held back is on the list with 0: still a proposal, answered.
  const onList = lines.map((l) => ({
    beneficiaryId: l.beneficiary_id,
    total: l.beneficiary_id !== null && answers.get(l.beneficiary_id)?.accepted ? 1 : Number(l.total),
  }));
  const people = onList.flatMap((l) => (l.beneficiaryId === null ? [] : [l.beneficiaryId]));
  const suggestions = await fieldSuggestions(db, list.commune_code, list.period, people);
  const rowOf = new Map(lines.map((l) => [l.beneficiary_id, l.row]));
  return fieldProposals(onList, suggestions).map((p) => ({
    ...p,
    row: rowOf.get(p.beneficiaryId) ?? 0,
    accepted: answers.get(p.beneficiaryId)?.accepted ?? null,
    note: answers.get(p.beneficiaryId)?.note ?? null,
  }));
}

export async function setFieldOutcomes(
  db: Kysely<Database>,
  user: User,
  input: { listId: string; answers: FieldAnswer[]; now: number },
): Promise<Result<{ undecided: number }, RequestErrorCode>> {
  return db.transaction().execute(async (trx) => {
    const preparing = await preparingList(trx, user, input.listId);
    if (!preparing.ok) return preparing;
    const list = preparing.value;
    const proposals = new Map((await fieldProposalsOf(trx, list)).map((p) => [p.beneficiaryId, p]));
    for (const a of input.answers) {
      const proposal = proposals.get(a.beneficiaryId);
      const answer = fieldOutcome(a.accept, a.note);
      if (!proposal || !answer.ok) return err('invalid-body');
      const values = {
        suggested: proposal.suggested,
        accepted: answer.value.accepted ? 1 : 0,
        note: answer.value.note,
        decided_by: user.id,
        decided_at: input.now,
      };
      await trx
        .insertInto('list_field_outcomes')
        .values({ list_id: list.id, beneficiary_id: a.beneficiaryId, ...values })
        .onConflict((oc) => oc.columns(['list_id', 'beneficiary_id']).doUpdateSet(values))
        .execute();
      // Held back, the person leaves this month's money with the field's reason.
      if (answer.value.accepted) {
        const reason = { reason: proposal.suggested, note: null, decided_by: user.id, decided_at: input.now };
        await trx
          .insertInto('list_decisions')
          .values({ list_id: list.id, beneficiary_id: a.beneficiaryId, ...reason })
          .onConflict((oc) => oc.columns(['list_id', 'beneficiary_id']).doUpdateSet(reason))
          .execute();
      }
    }
    await settleTotals(trx, list.id, JSON.parse(list.diff) as ListDiff);
    const answered = await fieldAnswers(trx, list.id);
    return ok({ undecided: [...proposals.keys()].filter((id) => !answered.has(id)).length });
  });
}
