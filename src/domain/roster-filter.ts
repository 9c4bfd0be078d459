/**
 * The roster's filters and orders as pure rules: which people a combination of filters keeps,
 * how "by village" sorts, and how a remembered choice is read back safely.
 */
import { classifyReadiness, readinessStatuses, type ReadinessPerson, type ReadinessRepresentative } from './readiness';
import type { ReadinessStatus } from './readiness';
import {
  beneficiaryStatuses,
  categoryCodes,
  paymentMethods,
  type BeneficiaryStatus,
  type CategoryCode,
  type Gender,
  type PaymentMethod,
} from './vocabulary';

/** `'none'`: people who have not chosen a payment method yet. */
export type MethodFilter = PaymentMethod | 'none';

/** Every filter is "any" when null; the set filters must all hold (they combine with AND). */
export type RosterFilters = {
  village: string | null;
  category: CategoryCode | null;
  method: MethodFilter | null;
  status: BeneficiaryStatus | null;
  readiness: ReadinessStatus | null;
};

export const rosterSorts = ['name', 'village'] as const;
/** `name`: given name first (the stored sortKey); `village`: village, then name within it. */
export type RosterSort = (typeof rosterSorts)[number];

export type RosterView = { filters: RosterFilters; sort: RosterSort };

export const noFilters: RosterFilters = { village: null, category: null, method: null, status: null, readiness: null };
export const defaultRosterView: RosterView = { filters: noFilters, sort: 'name' };

/** What the filters read of a person: a roster row has all of it. */
export type RosterPerson = ReadinessPerson & {
  birthDate: string;
  gender: Gender;
  village: string;
  category: CategoryCode;
  paymentMethod: PaymentMethod | null;
  status: BeneficiaryStatus;
  representative: ReadinessRepresentative | null;
  paymentDetails: { walletPhone?: string | undefined } | null;
};

export function activeFilterCount(filters: RosterFilters): number {
  return Object.values(filters).filter((v) => v !== null).length;
}

/** True when the plain name-ordered list (no filter, name order) is not what is shown. */
export function needsKeyList(view: RosterView): boolean {
  return activeFilterCount(view.filters) > 0 || view.sort !== 'name';
}

/**
 * The person's readiness class, as the readiness screen computes it. Only active people are
 * classified (that screen reviews active people only): a suspended or deceased person is in no
 * readiness class, so "missing papers" never sends an officer after a closed file.
 */
export function rosterReadiness(person: RosterPerson, today: string): ReadinessStatus | null {
  if (person.status !== 'active') return null;
  return classifyReadiness({
    beneficiary: person,
    paymentMethod: person.paymentMethod,
    walletPhone: person.paymentDetails?.walletPhone ?? null,
    representative: person.representative,
    today,
  }).status;
}

/** True when the person passes every set filter. Readiness, the costly one, is checked last. */
export function matchesRosterFilters(person: RosterPerson, filters: RosterFilters, today: string): boolean {
  if (filters.village !== null && person.village !== filters.village) return false;
  if (filters.category !== null && person.category !== filters.category) return false;
  if (filters.method !== null && (person.paymentMethod ?? 'none') !== filters.method) return false;
  if (filters.status !== null && person.status !== filters.status) return false;
  if (filters.readiness !== null && rosterReadiness(person, today) !== filters.readiness) return false;
  return true;
}

/** Village names in Vietnamese order with numbers by value: "Tổ 2" before "Tổ 10". */
export const compareVillages: (a: string, b: string) => number = new Intl.Collator('vi', { numeric: true }).compare;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts people in place by the chosen order. `sortKey`'s binary order is name order
 * (vietnamese-name.ts); by village, the villages are collated once and compared by rank, so a
 * sort of 100,000 people does a few dozen collations, not millions.
 */
export function sortRosterPeople<T extends { village: string; sortKey: string }>(people: T[], sort: RosterSort): T[] {
  if (sort === 'name') return people.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  // Names the collator finds equal ("Tổ 2", "Tổ 02") fall back to code-unit order: one answer.
  const villages = [...new Set(people.map((p) => p.village))].sort(
    (a, b) => compareVillages(a, b) || compareKeys(a, b),
  );
  const rank = new Map(villages.map((v, i) => [v, i]));
  return people.sort(
    (a, b) => (rank.get(a.village) ?? 0) - (rank.get(b.village) ?? 0) || compareKeys(a.sortKey, b.sortKey),
  );
}

function pick<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return allowed.find((a) => a === value) ?? null;
}

/**
 * A remembered view read back from storage: anything unknown (an older app's value, a code
 * removed from a vocabulary) falls back to "any", never to an error or a hidden filter.
 */
export function parseRosterView(value: unknown): RosterView {
  if (typeof value !== 'object' || value === null) return defaultRosterView;
  const v = value as { filters?: unknown; sort?: unknown };
  const f = (typeof v.filters === 'object' && v.filters !== null ? v.filters : {}) as Record<string, unknown>;
  const village = typeof f['village'] === 'string' && f['village'] !== '' ? f['village'] : null;
  return {
    filters: {
      village,
      category: pick(categoryCodes, f['category']),
      method: pick([...paymentMethods, 'none'] as const, f['method']),
      status: pick(beneficiaryStatuses, f['status']),
      readiness: pick(readinessStatuses, f['readiness']),
    },
    sort: pick(rosterSorts, v.sort) ?? 'name',
  };
}
