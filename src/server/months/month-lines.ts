/**
 * The payment lines of one commune and month as the close reads them (docs/protocol.md "Closing a
 * month"): the pinned payment-line fields plus the history the server keeps, and after a close its
 * `closing` decision. A line's month is its `periodId` (ids are not assumed to name it).
 */
import type { Kysely, Transaction } from 'kysely';
import type { CloseLine } from '../../domain/month-close';
import { vnd, type Vnd } from '../../domain/money';
import { paymentLineDataSchema } from '../../protocol/entities';
import { lineClosingSchema, type LineClosing } from '../../protocol/month-close';
import type { Database } from '../db/schema';
import { isRecord } from '../services/data-fields';
import { getEntityForUpdate } from '../services/entity-store';

export type MonthLine = CloseLine & {
  beneficiaryId: string;
  arrearsAmount: Vnd;
  arrearsMonths: number;
  closing: LineClosing | null;
  /** The stored data as it was, fields this version does not know included. */
  raw: Record<string, unknown>;
};

export function readMonthLine(lineId: string, data: unknown): MonthLine | undefined {
  const parsed = paymentLineDataSchema.safeParse(data);
  if (!parsed.success || !isRecord(data)) return undefined;
  const d = parsed.data;
  const closing = lineClosingSchema.safeParse(data['closing']);
  return {
    lineId,
    beneficiaryId: d.beneficiaryId,
    status: d.status,
    amount: vnd(d.amount),
    months: 1 + d.arrearsMonths,
    arrearsAmount: vnd(d.arrearsAmount),
    arrearsMonths: d.arrearsMonths,
    closing: closing.success ? closing.data : null,
    raw: { ...data },
  };
}

/** The month's lines of a commune, in id order (the commune's lines are read and kept by month). */
export async function monthLines(db: Kysely<Database>, communeCode: string, period: string): Promise<MonthLine[]> {
  const rows = await db
    .selectFrom('entities')
    .select(['id', 'data'])
    .where('entity', '=', 'payment-line')
    .where('commune_code', '=', communeCode)
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  const lines: MonthLine[] = [];
  for (const r of rows) {
    const line = r.data === null ? undefined : readMonthLine(r.id, JSON.parse(r.data));
    if (line && line.raw['periodId'] === period) lines.push(line);
  }
  return lines;
}

/** One line read again under its row lock (a payment arriving meanwhile waits for the close). */
export async function lockedLine(trx: Transaction<Database>, lineId: string): Promise<MonthLine | undefined> {
  const stored = await getEntityForUpdate(trx, 'payment-line', lineId);
  if (!stored || stored.deleted) return undefined;
  return readMonthLine(lineId, stored.data);
}

/**
 * The month's lines of a commune by beneficiary: a withdrawn (void) line gives way to the person's
 * other line of the month (the one a correction list issued in its place).
 */
export async function monthLinesByPerson(
  db: Kysely<Database>,
  communeCode: string,
  period: string,
): Promise<Map<string, MonthLine>> {
  const byPerson = new Map<string, MonthLine>();
  for (const l of await monthLines(db, communeCode, period)) {
    const held = byPerson.get(l.beneficiaryId);
    if (!held || held.status === 'void') byPerson.set(l.beneficiaryId, l);
  }
  return byPerson;
}
