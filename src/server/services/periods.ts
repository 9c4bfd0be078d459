/**
 * The month's `period` entity (docs/protocol.md "Lists"): created by the first list imported for
 * the month (`open`), or by publishing when none was (`approved`); never overwritten. Its standard
 * level is the province's for that month (the pilot's province, Huế, until lists name another).
 */
import type { Kysely } from 'kysely';
import { standardLevel } from '../../domain/benefits';
import type { PeriodData } from '../../protocol/entities';
import type { Database } from '../db/schema';
import type { EntityChange } from './entity-store';

/** The month's period entity, to write when it is not there yet (null: it is). */
export async function periodChange(
  db: Kysely<Database>,
  month: string,
  status: PeriodData['status'],
): Promise<EntityChange | null> {
  const held = await db
    .selectFrom('entities')
    .select('id')
    .where('entity', '=', 'period')
    .where('id', '=', month)
    .executeTakeFirst();
  if (held) return null;
  const standard = standardLevel('46', month);
  const data: PeriodData = {
    month,
    status,
    standardAmount: standard.ok ? standard.value.amount : (0 as PeriodData['standardAmount']),
  };
  return { entity: 'period', id: month, communeCode: null, data };
}
