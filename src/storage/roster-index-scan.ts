/**
 * Queries over the roster index's state (a packed segment plus the people changed since it was
 * built), answering exactly what the IndexedDB paths of roster-queries.ts answer, in the same order.
 */
import { compareVillages, type RosterSort } from '../domain/roster-filter';
import { passesCodes, type CodeFilter, type Interner, type IndexedPerson } from './roster-index-person';
import { compareStrings, lowerBound, rowHasPrefixes, type Segment } from './roster-index-segment';

export type IndexState = {
  base: Segment;
  /** Live people changed or added since the base was built (their base rows are dead). */
  delta: Map<string, IndexedPerson>;
  /** The delta in (token, id) and (sortKey, id) order, computed on demand, dropped on change. */
  deltaPairs: { token: string; person: IndexedPerson }[] | null;
  deltaByName: IndexedPerson[] | null;
  /** Per base row, the number of the last scan that visited it: de-duplication without a Set. */
  seen: Uint32Array;
  scanNo: number;
};

export function createState(base: Segment): IndexState {
  return {
    base,
    delta: new Map(),
    deltaPairs: null,
    deltaByName: null,
    seen: new Uint32Array(base.ids.length),
    scanNo: 0,
  };
}

function deltaPairs(state: IndexState): { token: string; person: IndexedPerson }[] {
  if (!state.deltaPairs) {
    const pairs: { token: string; person: IndexedPerson }[] = [];
    for (const person of state.delta.values())
      for (const token of new Set(person.tokens)) pairs.push({ token, person });
    pairs.sort((a, b) => compareStrings(a.token, b.token) || compareStrings(a.person.id, b.person.id));
    state.deltaPairs = pairs;
  }
  return state.deltaPairs;
}

function deltaByName(state: IndexState): IndexedPerson[] {
  state.deltaByName ??= [...state.delta.values()].sort(
    (a, b) => compareStrings(a.sortKey, b.sortKey) || compareStrings(a.id, b.id),
  );
  return state.deltaByName;
}

function pairBound(pairs: readonly { token: string }[], key: string, after: boolean): number {
  let lo = 0;
  let hi = pairs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = (pairs[mid] as { token: string }).token;
    if (v < key || (after && v === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A person found by a scan: a base row (`row ≥ 0`) or a changed person. */
export type Hit = { row: number; person: IndexedPerson | null };

export function hitId(state: IndexState, hit: Hit): string {
  return hit.person ? hit.person.id : (state.base.ids[hit.row] as string);
}

export function hitSortKey(state: IndexState, hit: Hit): string {
  return hit.person ? hit.person.sortKey : (state.base.sortKeys[hit.row] as string);
}

export function hitVillage(state: IndexState, hit: Hit): number {
  return hit.person ? hit.person.village : (state.base.village[hit.row] ?? 0);
}

export function hitPasses(state: IndexState, hit: Hit, f: CodeFilter): boolean {
  const p = hit.person;
  if (p) return passesCodes(f, p.village, p.category, p.method, p.status, p.readiness);
  const b = state.base;
  const r = hit.row;
  return passesCodes(f, b.village[r] ?? 0, b.category[r] ?? 0, b.method[r] ?? 0, b.status[r] ?? 0, b.readiness[r] ?? 0);
}

/**
 * Visits the people having a token that starts with `probe` and, for every other word, a token
 * it is a prefix of, in the order an IndexedDB cursor over the multiEntry `searchTokens` index
 * meets them (token, then id), each once, until `visit` returns false.
 */
export function scanPrefix(state: IndexState, probe: string, rest: readonly string[], visit: (hit: Hit) => boolean) {
  const seg = state.base;
  // Dexie's startsWith: the key range [probe, probe + U+FFFF].
  const upper = probe + '\uffff';
  let t = lowerBound(seg.vocab, probe);
  const tEnd = lowerBound(seg.vocab, upper, true);
  let j = t < tEnd ? (seg.postStart[t] ?? 0) : 0;
  const pairs = deltaPairs(state);
  let d = pairBound(pairs, probe, false);
  const dEnd = pairBound(pairs, upper, true);
  if (++state.scanNo === 0xffffffff) {
    state.seen.fill(0);
    state.scanNo = 1;
  }
  const scanNo = state.scanNo;
  const seenChanged = new Set<IndexedPerson>();
  for (;;) {
    // The next live base entry of the range.
    while (t < tEnd) {
      if (j >= (seg.postStart[t + 1] ?? 0)) {
        t++;
        if (t < tEnd) j = seg.postStart[t] ?? 0;
        continue;
      }
      if (seg.dead[seg.post[j] ?? 0]) j++;
      else break;
    }
    const hasBase = t < tEnd;
    const pair = d < dEnd ? pairs[d] : undefined;
    if (!hasBase && !pair) return;
    let takeBase = hasBase;
    if (hasBase && pair) {
      const token = seg.vocab[t] as string;
      takeBase = token < pair.token || (token === pair.token && (seg.ids[seg.post[j] ?? 0] as string) < pair.person.id);
    }
    if (takeBase) {
      const r = seg.post[j++] ?? 0;
      if (state.seen[r] === scanNo) continue;
      state.seen[r] = scanNo;
      if (rowHasPrefixes(seg, r, rest) && !visit({ row: r, person: null })) return;
    } else if (pair) {
      d++;
      const p = pair.person;
      if (seenChanged.has(p)) continue;
      seenChanged.add(p);
      const matches = rest.every((w) => p.tokens.some((tk) => tk.startsWith(w)));
      if (matches && !visit({ row: -1, person: p })) return;
    }
  }
}

/** Village codes ranked in Vietnamese order (numbers by value; equal-looking names by code units). */
export function villageRanks(villages: Interner): Uint32Array {
  const order = villages.values
    .map((v, code) => ({ v, code }))
    .sort((a, b) => compareVillages(a.v, b.v) || compareStrings(a.v, b.v));
  const rank = new Uint32Array(villages.values.length);
  for (const [i, { code }] of order.entries()) rank[code] = i;
  return rank;
}

/** Stable reorder by village rank: a counting sort, so 100,000 people cost two passes. */
export function byVillage<T>(items: readonly T[], village: (item: T) => number, rank: Uint32Array): T[] {
  const counts = new Uint32Array(rank.length + 1);
  const ranks = items.map((item) => rank[village(item)] ?? 0);
  for (const r of ranks) counts[r + 1] = (counts[r + 1] ?? 0) + 1;
  for (let i = 1; i < counts.length; i++) counts[i] = (counts[i] ?? 0) + (counts[i - 1] ?? 0);
  const out = new Array<T>(items.length);
  for (const [i, item] of items.entries()) {
    const r = ranks[i] ?? 0;
    out[counts[r] ?? 0] = item;
    counts[r] = (counts[r] ?? 0) + 1;
  }
  return out;
}

/** Ids of the people passing `f`, in the view's order: name is (sortKey, id). */
export function filteredIds(state: IndexState, f: CodeFilter, sort: RosterSort, villages: Interner): string[] {
  const seg = state.base;
  const changed = deltaByName(state);
  const kept: Hit[] = [];
  let i = 0;
  let d = 0;
  const n = seg.byName.length;
  for (;;) {
    while (i < n && seg.dead[seg.byName[i] ?? 0]) i++;
    const person = changed[d];
    if (i >= n && !person) break;
    let hit: Hit;
    if (i < n) {
      const r = seg.byName[i] ?? 0;
      const takeBase =
        !person ||
        (compareStrings(seg.sortKeys[r] as string, person.sortKey) || compareStrings(seg.ids[r] as string, person.id)) <
          0;
      if (takeBase) {
        hit = { row: r, person: null };
        i++;
      } else {
        hit = { row: -1, person: person };
        d++;
      }
    } else {
      hit = { row: -1, person: person ?? null };
      d++;
    }
    if (hitPasses(state, hit, f)) kept.push(hit);
  }
  const ordered = sort === 'village' ? byVillage(kept, (h) => hitVillage(state, h), villageRanks(villages)) : kept;
  return ordered.map((h) => hitId(state, h));
}
