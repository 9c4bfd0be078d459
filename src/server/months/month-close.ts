/**
 * Closing a commune's month (docs/protocol.md "Closing a month"): the view of what a close would
 * decide, and the close itself in one transaction. Every unpaid line is decided (carried into
 * next month's arrears, or ended with a reason) and withdrawn, so a payment recorded offline
 * afterwards is kept as a conflict, never counted twice; the month is then read-only.
 */
import type { Kysely } from 'kysely';
import { addMonths } from '../../domain/calendar';
import { isOpenAtClose, planClose, type CloseDecision, type CloseSummary } from '../../domain/month-close';
import { must } from '../../lib/assert';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import type { ClosingLine, ClosingResponse, LineClosing } from '../../protocol/month-close';
import { can } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';
import { entitiesData, putEntities, type EntityChange } from '../services/entity-store';
import { isoTime } from '../services/push-context';
import { applyWaitingCarryovers, carryTarget, monthPublished } from './carryovers';
import { lockedLine, monthLines, monthLinesByPerson, type MonthLine } from './month-lines';

type Month = { commune: string; period: string };
export type ClosingView = Omit<ClosingResponse, 'protocol'>;

async function closing(db: Kysely<Database>, m: Month) {
  return db
    .selectFrom('month_closings')
    .innerJoin('users', 'users.id', 'month_closings.closed_by')
    .select(['closed_at', 'summary', 'users.display_name'])
    .where('commune_code', '=', m.commune)
    .where('period', '=', m.period)
    .executeTakeFirst();
}

/** The lock a commune's month is closed under; publishing one of its lists takes it too. */
export const monthLock = (commune: string, period: string): string => `month:${commune}:${period}`;

/** Whether the commune's month is closed (read-only). */
export async function isMonthClosed(db: Kysely<Database>, commune: string, period: string): Promise<boolean> {
  return (await closing(db, { commune, period })) !== undefined;
}

async function people(db: Kysely<Database>, ids: string[]) {
  const byId = new Map<string, { fullName: string; code: string | null; village: string | null }>();
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  for (const [id, d] of await entitiesData(db, 'beneficiary', ids))
    byId.set(id, { fullName: text(d['fullName']) ?? '', code: text(d['code']), village: text(d['village']) });
  return byId;
}

async function wireLines(db: Kysely<Database>, lines: MonthLine[]): Promise<ClosingLine[]> {
  const names = await people(db, [...new Set(lines.map((l) => l.beneficiaryId))]);
  return lines.map((l) => {
    const p = names.get(l.beneficiaryId);
    return {
      lineId: l.lineId,
      beneficiaryId: l.beneficiaryId,
      fullName: p?.fullName ?? '',
      code: p?.code ?? null,
      village: p?.village ?? null,
      status: l.status,
      amount: l.amount,
      months: l.months,
      outcome: l.closing?.outcome ?? null,
      reason: l.closing?.reason ?? null,
      note: l.closing?.note ?? null,
    };
  });
}

/** What a close of the month would decide (every open line carried), or what it decided. */
export async function closingView(
  db: Kysely<Database>,
  user: User,
  m: Month,
): Promise<Result<ClosingView, RequestErrorCode>> {
  if (!can(user, 'lists.view', m.commune)) return err('forbidden');
  const carryTo = must(addMonths(m.period, 1), 'a valid month');
  const lines = await monthLines(db, m.commune, m.period);
  const closed = await closing(db, m);
  if (closed) {
    return ok({
      period: m.period,
      communeCode: m.commune,
      status: 'closed',
      closedAt: isoTime(Number(closed.closed_at)),
      closedByName: closed.display_name,
      summary: JSON.parse(closed.summary) as CloseSummary,
      lines: await wireLines(
        db,
        lines.filter((l) => l.closing !== null),
      ),
      carryTo,
    });
  }
  if (lines.length === 0) return err('not-found');
  const open = lines.filter((l) => isOpenAtClose(l.status));
  const plan = planClose(
    lines,
    open.map((l) => ({ lineId: l.lineId, outcome: 'carry' })),
  );
  // Carrying every open line is always a valid close.
  if (!plan.ok) throw new Error(`close preview refused: ${plan.error[0]?.code ?? ''}`);
  return ok({
    period: m.period,
    communeCode: m.commune,
    status: 'paying',
    closedAt: null,
    closedByName: null,
    summary: plan.value.summary,
    lines: await wireLines(db, open),
    carryTo,
  });
}

export async function closeMonth(
  db: Kysely<Database>,
  user: User,
  input: Month & { decisions: CloseDecision[]; now: number },
): Promise<Result<ClosingView, RequestErrorCode>> {
  if (!can(user, 'months.close', input.commune)) return err('forbidden');
  const answer = await db.transaction().execute(async (trx): Promise<Result<null, RequestErrorCode>> => {
    await lockKey(trx, monthLock(input.commune, input.period));
    if (await closing(trx, input)) return err('period-closed');
    const listed = await monthLines(trx, input.commune, input.period);
    if (listed.length === 0) return err('not-found');
    // Read again under each open line's lock: a payment arriving now is decided before or after.
    const lines: MonthLine[] = [];
    for (const l of listed) lines.push(isOpenAtClose(l.status) ? ((await lockedLine(trx, l.lineId)) ?? l) : l);
    // Money sent to a provider and not answered: the month cannot be accounted for yet.
    if (lines.some((l) => l.status === 'transferred')) return err('transfers-waiting');
    const plan = planClose(lines, input.decisions);
    if (!plan.ok) return err('close-decisions-invalid');

    const carryTo = must(addMonths(input.period, 1), 'a valid month');
    const nextPublished = await monthPublished(trx, input.commune, carryTo);
    const nextLines = await monthLinesByPerson(trx, input.commune, carryTo);
    const byId = new Map(lines.map((l) => [l.lineId, l]));
    const closedAt = isoTime(input.now);
    const changes: EntityChange[] = [];
    for (const o of plan.value.outcomes) {
      if (o.outcome !== 'carry' && o.outcome !== 'end') continue;
      const line = must(byId.get(o.lineId), 'a planned line');
      if (o.outcome === 'carry') {
        if ((await carryTarget(trx, nextLines, line.beneficiaryId)) === 'settled') return err('carry-target-settled');
        await trx
          .insertInto('carryovers')
          .values({
            from_line_id: line.lineId,
            commune_code: input.commune,
            from_period: input.period,
            to_period: carryTo,
            beneficiary_id: line.beneficiaryId,
            amount: o.amount,
            months: o.months,
            applied_line_id: null,
            applied_at: null,
          })
          .execute();
      }
      const decided: LineClosing = {
        outcome: o.outcome,
        reason: o.outcome === 'end' ? o.reason : null,
        note: o.outcome === 'end' ? o.note : null,
        closedAt,
        carryTo: o.outcome === 'carry' ? carryTo : null,
      };
      changes.push({
        entity: 'payment-line',
        id: line.lineId,
        communeCode: input.commune,
        data: { ...line.raw, status: 'void', closing: decided },
      });
    }
    await putEntities(trx, changes, { now: input.now });
    // Next month already out: the carried money lands on its lines now (else at its publishing).
    if (nextPublished || nextLines.size > 0) await applyWaitingCarryovers(trx, input.commune, carryTo, input.now);
    await trx
      .insertInto('month_closings')
      .values({
        commune_code: input.commune,
        period: input.period,
        closed_by: user.id,
        closed_at: input.now,
        summary: JSON.stringify(plan.value.summary),
      })
      .execute();
    return ok(null);
  });
  if (!answer.ok) return answer;
  return closingView(db, user, input);
}
