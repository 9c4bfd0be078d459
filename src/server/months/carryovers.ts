/**
 * Unpaid money a close carried into a later month (docs/protocol.md "Closing a month"): it waits
 * until that month's lines of the commune are published, then is added to the person's line as
 * arrears (truy lĩnh); a person with no line that month gets one with the arrears alone.
 */
import type { Kysely, Transaction } from 'kysely';
import { carriedArrears } from '../../domain/month-close';
import { vnd } from '../../domain/money';
import { payableMethod } from '../../domain/payment-line';
import type { AccountStatus, PaymentMethod } from '../../domain/vocabulary';
import type { PaymentLineData } from '../../protocol/entities';
import { chunks } from '../db/chunks';
import type { Database } from '../db/schema';
import { isRecord } from '../services/data-fields';
import { getEntity, putEntities, type EntityChange } from '../services/entity-store';
import { lockedLine, monthLinesByPerson, readMonthLine, type MonthLine } from './month-lines';

/** Lines that can still take money: due, visited and not paid, or a bounced transfer. */
const canTakeArrears = (status: string) => status === 'due' || status === 'unpaid' || status === 'failed';

export type CarryTarget = 'waiting' | 'addable' | 'settled';

/** Whether `period`'s lines of the commune are out (a published list, or lines already there). */
export async function monthPublished(trx: Transaction<Database>, communeCode: string, period: string) {
  const list = await trx
    .selectFrom('lists')
    .select('id')
    .where('commune_code', '=', communeCode)
    .where('period', '=', period)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return list !== undefined;
}

/** What carrying a person's money into a month would meet there (`lines`: that month's, by person). */
export async function carryTarget(
  trx: Transaction<Database>,
  lines: ReadonlyMap<string, MonthLine>,
  beneficiaryId: string,
): Promise<CarryTarget> {
  const listed = lines.get(beneficiaryId);
  const line = listed && (await lockedLine(trx, listed.lineId));
  if (!line) return 'waiting';
  return canTakeArrears(line.status) ? 'addable' : 'settled';
}

/**
 * Adds the commune's waiting carryovers for `period` to that month's lines, creating a line of
 * arrears alone for a person the month's list does not name. Call once the month is published.
 */
export async function applyWaitingCarryovers(
  trx: Transaction<Database>,
  communeCode: string,
  period: string,
  now: number,
): Promise<number> {
  const waiting = await trx
    .selectFrom('carryovers')
    .selectAll()
    .where('commune_code', '=', communeCode)
    .where('to_period', '=', period)
    .where('applied_at', 'is', null)
    .orderBy('beneficiary_id')
    .execute();
  const lines = await monthLinesByPerson(trx, communeCode, period);
  // A person's line as the carryovers so far left it (two carried into one line add up).
  const written = new Map<string, Record<string, unknown>>();
  const applied: { from: string; lineId: string }[] = [];
  for (const c of waiting) {
    const listed = lines.get(c.beneficiary_id);
    const lineId = listed?.lineId ?? `${period}:${c.beneficiary_id}`;
    const carried = { amount: vnd(Number(c.amount)), months: Number(c.months) };
    const before = written.get(lineId) ?? (listed ? (await lockedLine(trx, lineId))?.raw : undefined);
    const line = before && readMonthLine(lineId, before);
    let data: Record<string, unknown>;
    if (line) {
      // A line already paid keeps its money; the carryover waits.
      if (!canTakeArrears(line.status)) continue;
      data = { ...line.raw, ...carriedArrears(line, carried) };
    } else {
      data = (await arrearsOnlyLine(trx, c.beneficiary_id, period, communeCode, carried)) satisfies PaymentLineData;
    }
    written.set(lineId, data);
    applied.push({ from: c.from_line_id, lineId });
  }
  await putEntities(
    trx,
    [...written].map(([id, data]): EntityChange => ({ entity: 'payment-line', id, communeCode, data })),
    { now },
  );
  for (const { from, lineId } of applied)
    await trx
      .updateTable('carryovers')
      .set({ applied_at: now, applied_line_id: lineId })
      .where('from_line_id', '=', from)
      .execute();
  return applied.length;
}

async function arrearsOnlyLine(
  trx: Transaction<Database>,
  beneficiaryId: string,
  period: string,
  communeCode: string,
  carried: { amount: ReturnType<typeof vnd>; months: number },
): Promise<PaymentLineData> {
  const person = await getEntity(trx, 'beneficiary', beneficiaryId);
  const data = isRecord(person?.data) ? person.data : {};
  const method = payableMethod(
    (data['paymentMethod'] as PaymentMethod | null | undefined) ?? null,
    (data['accountStatus'] as AccountStatus | undefined) ?? 'none',
  );
  return {
    beneficiaryId,
    periodId: period,
    amount: carried.amount,
    method,
    status: 'due',
    communeCode,
    monthlyAmount: vnd(0),
    arrearsAmount: carried.amount,
    arrearsMonths: carried.months,
  };
}

/** The carried money each of these lines holds as arrears, by line (lines with none are absent). */
export async function carriedOnto(db: Kysely<Database>, lineIds: readonly string[]): Promise<Map<string, number>> {
  const onto = new Map<string, number>();
  for (const ids of chunks(lineIds)) {
    const rows = await db
      .selectFrom('carryovers')
      .select(['applied_line_id', 'amount'])
      .where('applied_line_id', 'in', ids)
      .execute();
    for (const r of rows)
      if (r.applied_line_id !== null)
        onto.set(r.applied_line_id, (onto.get(r.applied_line_id) ?? 0) + Number(r.amount));
  }
  return onto;
}

/**
 * The carryovers applied to lines a correction withdrew wait again: `applyWaitingCarryovers` then
 * adds them to the line issued in their place (or to a line of arrears alone).
 */
export async function releaseCarryovers(trx: Transaction<Database>, lineIds: readonly string[]): Promise<void> {
  for (const ids of chunks(lineIds))
    await trx
      .updateTable('carryovers')
      .set({ applied_at: null, applied_line_id: null })
      .where('applied_line_id', 'in', ids)
      .execute();
}
