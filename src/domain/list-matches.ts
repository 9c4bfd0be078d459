/**
 * People matched by name, birth year and village only are asked, never guessed (issue 11): the
 * preparer says "the same person" or "two people", and the diff is made again with the pairs they
 * confirmed (`diffLists`' `confirmedNameMatches`). The lines of a stored diff are recovered from it,
 * so the diff can be remade after each answer, or an answer taken back.
 */
import { diffLists, type DiffLine, type ListDiff } from './list-diff';
import type { Vnd } from './money';

/** The two lists a diff was made from, each in key order. */
export function linesOfDiff(diff: ListDiff): { previous: DiffLine[]; current: DiffLine[] } {
  const previous = [
    ...diff.decreases.map((d) => d.previous),
    ...diff.adjustments.map((a) => a.previous),
    ...diff.unchanged.map((u) => u.previous),
  ];
  const current = [
    ...diff.increases,
    ...diff.decreases.flatMap((d) => (d.current ? [d.current] : [])),
    ...diff.adjustments.map((a) => a.current),
    ...diff.unchanged.map((u) => u.current),
  ];
  // A set order, whatever order the diff's parts were built in: the remade diff is deterministic.
  const byKey = (a: DiffLine, b: DiffLine) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { previous: previous.sort(byKey), current: current.sort(byKey) };
}

/** `previousKey|currentKey` of a name match, as `diffLists` takes it. */
export const matchKey = (previousKey: string, currentKey: string) => `${previousKey}|${currentKey}`;

/**
 * The diff again, with exactly these name matches confirmed; `totals` sets some current lines'
 * totals by key (a person held back this month is on the list with 0, docs/domain.md §3.5).
 */
export function rediff(
  diff: ListDiff,
  confirmed: ReadonlySet<string>,
  totals: ReadonlyMap<string, Vnd> = new Map(),
): ListDiff {
  const { previous, current } = linesOfDiff(diff);
  const set = current.map((l) => {
    const total = totals.get(l.key);
    return total === undefined ? l : { ...l, total };
  });
  return diffLists(previous, set, confirmed);
}

/** For each current line's key, the previous line it is paired with (none: new, an increase). */
export function pairedPrevious(diff: ListDiff): Map<string, string> {
  const paired = new Map<string, string>();
  for (const a of diff.adjustments) paired.set(a.current.key, a.previous.key);
  for (const u of diff.unchanged) paired.set(u.current.key, u.previous.key);
  for (const d of diff.decreases) if (d.current) paired.set(d.current.key, d.previous.key);
  return paired;
}

export type LineKind = 'increase' | 'adjustment' | 'unchanged' | 'decrease';

/** Each current line's kind in the diff, by its key. */
export function kindsByKey(diff: ListDiff): Map<string, LineKind> {
  const kinds = new Map<string, LineKind>();
  for (const l of diff.increases) kinds.set(l.key, 'increase');
  for (const a of diff.adjustments) kinds.set(a.current.key, 'adjustment');
  for (const u of diff.unchanged) kinds.set(u.current.key, 'unchanged');
  for (const d of diff.decreases) if (d.current) kinds.set(d.current.key, 'decrease');
  return kinds;
}
