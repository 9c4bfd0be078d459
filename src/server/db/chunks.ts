/**
 * Splits the values of an `in (…)` list: SQLite takes at most 32,766 bound parameters and
 * PostgreSQL 65,535, and a province's list can name more people than that.
 */
export function chunks<T>(items: readonly T[], size = 1_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
