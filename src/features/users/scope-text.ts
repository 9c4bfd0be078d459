/** How a user's scope reads on the users screen: commune names, a former district, or the province. */
import type { ScopeUnit, UserScope } from '../../protocol/users';
import { t } from '../../ui/messages';

export function scopeText(scope: UserScope, units: readonly ScopeUnit[]): string {
  const m = t.users;
  if (scope.kind === 'province') return m.scopeProvince;
  if (scope.kind === 'former-district') {
    const name = units.find((u) => u.formerDistrictCode === scope.code)?.formerDistrict ?? scope.code;
    return m.scopeDistrict(name);
  }
  const names = scope.codes.map((code) => units.find((u) => u.code === code)?.name ?? code);
  return m.scopeCommunes(names.join(', '));
}

/** The former districts of the communes the server knows, by code, once each. */
export function formerDistricts(units: readonly ScopeUnit[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const u of units) if (!seen.has(u.formerDistrictCode)) seen.set(u.formerDistrictCode, u.formerDistrict);
  return [...seen].map(([code, name]) => ({ code, name }));
}
