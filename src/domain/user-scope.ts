/**
 * A user's scope as an admin chooses it (issue 14): some communes, a whole former district or the
 * province. The server keeps its expansion — the commune codes — as the user's communes, which
 * pull, push and every list read.
 */
import { pilotCommunes, type AdminUnit } from './admin-units';

export type ScopeChoice =
  | { kind: 'communes'; codes: readonly string[] }
  | { kind: 'former-district'; code: string }
  | { kind: 'province'; code: string };

/**
 * The communes of `scope` among `units` (the communes the server knows), sorted; null when the
 * scope names a commune, district or province that is not there, or a district or province with
 * no commune.
 */
export function expandScope(scope: ScopeChoice, units: readonly AdminUnit[] = pilotCommunes): string[] | null {
  if (scope.kind === 'communes') {
    const known = new Set(units.map((u) => u.code));
    if (!scope.codes.every((c) => known.has(c))) return null;
    return [...new Set(scope.codes)].sort();
  }
  const inScope = units.filter((u) =>
    scope.kind === 'former-district' ? u.formerDistrictCode === scope.code : u.provinceCode === scope.code,
  );
  return inScope.length === 0 ? null : inScope.map((u) => u.code).sort();
}
