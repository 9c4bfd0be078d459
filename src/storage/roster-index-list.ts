/**
 * What the roster list shows of a person, answered by the in-memory roster index
 * (roster-index.ts) without reading rows: display fields, the count, the name order, villages.
 */
import { compareVillages } from '../domain/roster-filter';
import type { BeneficiaryRow } from './app-db';
import type { CodeFilter, FieldCodes } from './roster-index-person';
import { filteredIds, hitId, type Hit, type IndexState } from './roster-index-scan';
import { compareStrings, rowOfId } from './roster-index-segment';

/** One line of the roster list. */
export type RosterListRow = Pick<
  BeneficiaryRow,
  'id' | 'fullName' | 'birthDate' | 'village' | 'category' | 'paymentMethod' | 'status'
>;

export const everyone: CodeFilter = { village: -1, category: -1, method: -1, status: -1, readiness: -1 };

/** The live person of an id, or null. */
export function hitOf(state: IndexState, id: string): Hit | null {
  const person = state.delta.get(id);
  if (person) return { row: -1, person };
  const r = rowOfId(state.base, id);
  return r >= 0 && !state.base.dead[r] ? { row: r, person: null } : null;
}

export function listRow(state: IndexState, codes: FieldCodes, hit: Hit): RosterListRow {
  const b = state.base;
  const p = hit.person;
  const r = hit.row;
  const method = codes.method.values[p ? p.method : (b.method[r] ?? 0)] ?? 'none';
  return {
    id: hitId(state, hit),
    fullName: p ? p.name : (b.names[r] as string),
    birthDate: p ? p.birthDate : (b.birthDates[r] as string),
    village: codes.village.values[p ? p.village : (b.village[r] ?? 0)] ?? '',
    category: codes.category.values[p ? p.category : (b.category[r] ?? 0)] as BeneficiaryRow['category'],
    paymentMethod: method === 'none' ? null : (method as BeneficiaryRow['paymentMethod']),
    status: codes.status.values[p ? p.status : (b.status[r] ?? 0)] as BeneficiaryRow['status'],
  };
}

export function liveCount(state: IndexState): number {
  let dead = 0;
  for (const d of state.base.dead) dead += d;
  return state.base.ids.length - dead + state.delta.size;
}

/** Every live person's id in name order. */
export function nameOrder(state: IndexState, codes: FieldCodes): string[] {
  return filteredIds(state, everyone, 'name', codes.village);
}

/** The villages somebody on the device lives in, in Vietnamese order. */
export function liveVillages(state: IndexState, codes: FieldCodes): string[] {
  const used = new Uint8Array(codes.village.values.length);
  const b = state.base;
  for (let r = 0; r < b.ids.length; r++) if (!b.dead[r]) used[b.village[r] ?? 0] = 1;
  for (const p of state.delta.values()) used[p.village] = 1;
  // Names the collator finds equal ("Tổ 2", "Tổ 02") fall back to code-unit order, as sortRosterPeople.
  return codes.village.values
    .filter((_, code) => used[code] === 1)
    .sort((a, b) => compareVillages(a, b) || compareStrings(a, b));
}
