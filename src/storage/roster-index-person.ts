/**
 * A roster row reduced to what the in-memory roster index keeps (roster-index.ts), with field
 * values interned as small integer codes, and the roster filters turned into those codes.
 */
import { readinessStatuses } from '../domain/readiness';
import { rosterReadiness, type RosterFilters } from '../domain/roster-filter';
import type { BeneficiaryRow } from './app-db';

export type IndexedPerson = {
  id: string;
  sortKey: string;
  /** Display fields: the roster list renders from the index, without reading rows. */
  name: string;
  birthDate: string;
  village: number;
  category: number;
  /** Code of the payment method, `'none'` when none is chosen. */
  method: number;
  status: number;
  /** 0: no readiness class (not active); otherwise 1 + its position in `readinessStatuses`. */
  readiness: number;
  tokens: readonly string[];
};

/** Append-only string tables, one per field: a code stays valid for the index's lifetime. */
export type FieldCodes = { village: Interner; category: Interner; method: Interner; status: Interner };

export type Interner = { values: string[]; codes: Map<string, number> };

function interner(): Interner {
  return { values: [], codes: new Map() };
}

export function createFieldCodes(): FieldCodes {
  return { village: interner(), category: interner(), method: interner(), status: interner() };
}

export function intern(table: Interner, value: string): number {
  let code = table.codes.get(value);
  if (code === undefined) {
    code = table.values.length;
    table.values.push(value);
    table.codes.set(value, code);
  }
  return code;
}

export function readinessCode(row: BeneficiaryRow, today: string): number {
  const status = rosterReadiness(row, today);
  return status === null ? 0 : readinessStatuses.indexOf(status) + 1;
}

export function toIndexedPerson(row: BeneficiaryRow, codes: FieldCodes, today: string): IndexedPerson {
  return {
    id: row.id,
    sortKey: row.sortKey,
    name: row.fullName,
    birthDate: row.birthDate,
    village: intern(codes.village, row.village),
    category: intern(codes.category, row.category),
    method: intern(codes.method, row.paymentMethod ?? 'none'),
    status: intern(codes.status, row.status),
    readiness: readinessCode(row, today),
    tokens: row.searchTokens,
  };
}

/** Filters as codes; a field is -1 when any value passes. */
export type CodeFilter = { village: number; category: number; method: number; status: number; readiness: number };

/**
 * The filters as codes, or null when a filter asks for a value nobody in the index has ever
 * had (no one can pass). Readiness codes are only valid for the day the index classified on.
 */
export function toCodeFilter(filters: RosterFilters, codes: FieldCodes): CodeFilter | null {
  const code = (table: Interner, value: string | null) => (value === null ? -1 : (table.codes.get(value) ?? null));
  const village = code(codes.village, filters.village);
  const category = code(codes.category, filters.category);
  const method = code(codes.method, filters.method);
  const status = code(codes.status, filters.status);
  if (village === null || category === null || method === null || status === null) return null;
  const readiness = filters.readiness === null ? -1 : readinessStatuses.indexOf(filters.readiness) + 1;
  return { village, category, method, status, readiness };
}

export function passesCodes(
  f: CodeFilter,
  village: number,
  category: number,
  method: number,
  status: number,
  readiness: number,
): boolean {
  return (
    (f.village < 0 || f.village === village) &&
    (f.category < 0 || f.category === category) &&
    (f.method < 0 || f.method === method) &&
    (f.status < 0 || f.status === status) &&
    (f.readiness < 0 || f.readiness === readiness)
  );
}
