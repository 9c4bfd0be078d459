/** Turns pulled beneficiary data into a stored roster row with its search index fields. */
import { nameSortKey, searchTokens } from '../domain/vietnamese-text';
import type { BeneficiaryData } from '../protocol/entities';
import type { BeneficiaryRow } from './app-db';

/** Words of the name plus ID numbers and phone, so one index answers every search. */
export function rosterTokens(data: BeneficiaryData): string[] {
  const tokens = new Set(searchTokens(data.fullName));
  for (const n of [data.idNumber, data.oldIdNumber, data.phone]) if (n) tokens.add(n);
  return [...tokens];
}

export function toBeneficiaryRow(id: string, version: number, data: BeneficiaryData): BeneficiaryRow {
  // nameSortKey's binary order is Vietnamese name order, which an IndexedDB index can keep.
  return { ...data, id, version, searchTokens: rosterTokens(data), sortKey: nameSortKey(data.fullName) };
}
