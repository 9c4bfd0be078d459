/**
 * Publishing an approved list (docs/protocol.md "Lists"): in one transaction the month's period,
 * the roster changes the list carries (and the status of each person it drops) and one payment
 * line per person become synced entities, so
 * the commune's tablets pull only what changed. Only the list's preparer or approver publishes,
 * only an approved list, and only if its lines are still exactly the ones approved.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { must } from '../../lib/assert';
import { err, ok, type Result } from '../../lib/result';
import { enrolmentDefaults } from '../../domain/beneficiary-ops';
import { decodeIdNumber } from '../../domain/citizen-id-number';
import type { ListDiff } from '../../domain/list-diff';
import type { ListRow } from '../../domain/list-rows';
import { payableMethod } from '../../domain/payment-line';
import { vnd } from '../../domain/money';
import type { User } from '../../protocol/auth';
import type { BeneficiaryData, PaymentLineData } from '../../protocol/entities';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { ListStatus } from '../../protocol/lists';
import { can } from '../../protocol/permissions';
import { chunks } from '../db/chunks';
import { lockKey } from '../db/dialect';
import { applyWaitingCarryovers, releaseCarryovers } from '../months/carryovers';
import { isMonthClosed, monthLock } from '../months/month-close';
import type { Database } from '../db/schema';
import { entitiesData, putEntities, type EntityChange } from './entity-store';
import { correctLines } from './list-correction';
import { decreaseStatuses } from './list-statuses';
import { periodChange } from './periods';
import { linesHash, logEvent } from './list-steps';

export type PublishAnswer = { listId: string; status: ListStatus; lines: number; enrolled: number };

export async function publishList(
  db: Kysely<Database>,
  user: User,
  input: { listId: string; now: number },
): Promise<Result<PublishAnswer, RequestErrorCode>> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `list:${input.listId}`);
    const list = await trx.selectFrom('lists').selectAll().where('id', '=', input.listId).executeTakeFirst();
    if (!list) return err('not-found');
    if (!can(user, 'lists.publish', list.commune_code)) return err('forbidden');
    // The list's own two people publish it: whoever prepared it, or whoever approved it.
    if (user.id !== list.preparer_id && user.id !== list.approver_id) return err('forbidden');
    if (list.status !== 'approved') return err('list-step-out-of-order');
    // The month's close takes this lock too: a publish and a close of one month never interleave.
    await lockKey(trx, monthLock(list.commune_code, list.period));
    if (await isMonthClosed(trx, list.commune_code, list.period)) return err('period-closed');
    // What is published is exactly what was approved.
    if ((await linesHash(trx, list.id)) !== list.approved_hash) return err('list-step-out-of-order');

    const lines = await trx
      .selectFrom('list_lines')
      .select(['row', 'beneficiary_id', 'kind', 'total', 'data'])
      .where('list_id', '=', list.id)
      .orderBy('row')
      .execute();
    const diff = JSON.parse(list.diff) as ListDiff;
    // The people named by a line, and those the list drops (their status changes below).
    const people = await heldPeople(trx, [
      ...lines.map((l) => l.beneficiary_id).filter((id): id is string => id !== null),
      ...diff.decreases.map((d) => d.previous.key),
    ]);
    const existingLines = new Set<string>();
    for (const ids of chunks(lines.map((l) => `${list.period}:${l.beneficiary_id ?? ''}`))) {
      const held = await trx
        .selectFrom('entities')
        .select('id')
        .where('entity', '=', 'payment-line')
        .where('id', 'in', ids)
        .execute();
      for (const r of held) existingLines.add(r.id);
    }

    const changes: EntityChange[] = [await periodChange(trx, list.period, 'approved')].filter((c) => c !== null);
    // A correction withdraws the lines it changes and says which id each corrected line takes.
    const correction =
      list.kind === 'correction'
        ? await correctLines(
            trx,
            list,
            lines.flatMap((l) =>
              l.beneficiary_id === null ? [] : [{ beneficiaryId: l.beneficiary_id, total: vnd(Number(l.total)) }],
            ),
            { id: user.id, now: input.now },
          )
        : null;
    if (correction && !correction.ok) return correction;
    if (correction) changes.push(...correction.value.changes);
    let enrolled = 0;
    let published = 0;
    for (const line of lines) {
      const row = JSON.parse(line.data) as ListRow;
      // Nothing to pay (the file says 0, or the field's finding held the person back this month).
      if (row.total === 0 || Number(line.total) === 0) continue;
      const held = line.beneficiary_id === null ? undefined : people.get(line.beneficiary_id);
      const id = held ? line.beneficiary_id : randomUUID();
      if (id === null) continue;
      const person = held ? { ...held, ...decided(row) } : newPerson(row, list.commune_code);
      if (!held) enrolled++;
      changes.push({ entity: 'beneficiary', id, communeCode: list.commune_code, data: person });
      let lineId = `${list.period}:${id}`;
      if (correction && held) {
        // Unchanged by the correction: the month's line stays as it is.
        const corrected = correction.value.newLineIds.get(id);
        if (corrected === undefined) continue;
        lineId = corrected;
      } else if (existingLines.has(lineId)) continue; // A line already there is never overwritten by a list.
      const data: PaymentLineData = {
        beneficiaryId: id,
        periodId: list.period,
        amount: row.total,
        method: row.paymentMethod ?? payableMethod(person.paymentMethod, person.accountStatus),
        status: 'due',
        communeCode: list.commune_code,
        monthlyAmount: row.monthlyAmount,
        arrearsAmount: row.arrearsAmount,
        arrearsMonths: row.arrearsMonths,
      };
      changes.push({ entity: 'payment-line', id: lineId, communeCode: list.commune_code, data });
      published++;
    }
    // Each person the list drops gets the status its reason records, from this month.
    changes.push(...(await decreaseStatuses(trx, list, diff, people)));
    await putEntities(trx, changes, { now: input.now });
    // Money last month's close carried here becomes arrears on these lines; after a correction, the
    // money carried onto a withdrawn line moves to the line issued in its place.
    if (correction) await releaseCarryovers(trx, correction.value.withdrawn);
    await applyWaitingCarryovers(trx, list.commune_code, list.period, input.now);
    await trx
      .updateTable('lists')
      .set({ status: 'published', published_at: input.now })
      .where('id', '=', list.id)
      .execute();
    await logEvent(trx, list.id, user.id, 'publish', null, input.now);
    return ok({ listId: list.id, status: 'published' as const, lines: published, enrolled });
  });
}

/** The fields a list decides for a person it names (what the file gives; the rest stays). */
function decided(row: ListRow): Partial<BeneficiaryData> {
  return {
    monthlyAmount: row.monthlyAmount,
    ...(row.category === null ? {} : { category: row.category }),
    ...(row.disabilitySeverity === null ? {} : { disabilitySeverity: row.disabilitySeverity }),
    ...(row.childrenCount === null ? {} : { childrenCount: row.childrenCount }),
    ...(row.code === null ? {} : { code: row.code }),
    ...(row.decisionNo === null ? {} : { decisionNo: row.decisionNo }),
    ...(row.startMonth === null ? {} : { startMonth: row.startMonth }),
  };
}

/** A person new to the commune, enrolled by the approved list. */
function newPerson(row: ListRow, communeCode: string): BeneficiaryData {
  // The import refused a new person without these (newPersonFindings): never a guess.
  const gender = must(row.gender ?? (row.idNumber ? decodeIdNumber(row.idNumber)?.gender : null), 'a gender');
  return {
    ...enrolmentDefaults,
    communeCode,
    fullName: row.fullName,
    birthDate: row.birthDate,
    gender,
    idNumber: row.idNumber,
    oldIdNumber: row.oldIdNumber,
    village: row.village ?? '',
    address: row.address ?? '',
    phone: row.phone,
    category: must(row.category, 'a group'),
    paymentMethod: row.paymentMethod,
    ...decided(row),
  };
}

async function heldPeople(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, BeneficiaryData>> {
  return (await entitiesData(db, 'beneficiary', ids)) as Map<string, BeneficiaryData>;
}
