/**
 * The packed, immutable part of the in-memory roster index (roster-index.ts): per person only
 * what search, filters and orders read, in typed arrays, plus a sorted token vocabulary with
 * posting lists for prefix search by binary search.
 */
import type { IndexedPerson } from './roster-index-person';

export type Segment = {
  /** Rows in primary-key order: row r is the person with the r-th smallest id. */
  ids: string[];
  sortKeys: string[];
  names: string[];
  birthDates: string[];
  village: Uint16Array;
  category: Uint16Array;
  method: Uint16Array;
  status: Uint16Array;
  readiness: Uint8Array;
  /** Row r's tokens are `vocab[rowTok[k]]` for k in `rowTokStart[r] … rowTokStart[r + 1]`. */
  rowTokStart: Uint32Array;
  rowTok: Uint32Array;
  /** Distinct tokens in code-unit order (IndexedDB's string order). */
  vocab: string[];
  /** Rows holding `vocab[t]`, ascending (hence in id order): `post[postStart[t] … postStart[t + 1]]`. */
  postStart: Uint32Array;
  post: Uint32Array;
  /** Rows in (sortKey, id) order: the roster's name order. */
  byName: Uint32Array;
  /** 1 for a row changed or deleted since the segment was built (its current state is elsewhere). */
  dead: Uint8Array;
};

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Packs people into a segment. Tokens are de-duplicated per person, as a multiEntry index does. */
export function buildSegment(input: readonly IndexedPerson[]): Segment {
  const people = [...input].sort((a, b) => compareStrings(a.id, b.id));
  const n = people.length;
  const village = new Uint16Array(n);
  const category = new Uint16Array(n);
  const method = new Uint16Array(n);
  const status = new Uint16Array(n);
  const readiness = new Uint8Array(n);
  const ids: string[] = new Array<string>(n);
  const sortKeys: string[] = new Array<string>(n);
  const names: string[] = new Array<string>(n);
  const birthDates: string[] = new Array<string>(n);
  const distinct = new Set<string>();
  let pairs = 0;
  for (let r = 0; r < n; r++) {
    const p = people[r] as IndexedPerson;
    ids[r] = p.id;
    sortKeys[r] = p.sortKey;
    names[r] = p.name;
    birthDates[r] = p.birthDate;
    village[r] = p.village;
    category[r] = p.category;
    method[r] = p.method;
    status[r] = p.status;
    readiness[r] = p.readiness;
    for (const t of p.tokens) distinct.add(t);
    pairs += p.tokens.length;
  }
  const vocab = [...distinct].sort(compareStrings);
  const tokenId = new Map<string, number>();
  for (let t = 0; t < vocab.length; t++) tokenId.set(vocab[t] as string, t);

  const rowTokStart = new Uint32Array(n + 1);
  let rowTok = new Uint32Array(pairs);
  const postCount = new Uint32Array(vocab.length + 1);
  let k = 0;
  for (let r = 0; r < n; r++) {
    rowTokStart[r] = k;
    for (const t of new Set((people[r] as IndexedPerson).tokens)) {
      const id = tokenId.get(t) ?? 0;
      rowTok[k++] = id;
      postCount[id + 1] = (postCount[id + 1] ?? 0) + 1;
    }
  }
  rowTokStart[n] = k;
  rowTok = rowTok.slice(0, k);
  const postStart = new Uint32Array(vocab.length + 1);
  for (let t = 0; t < vocab.length; t++) postStart[t + 1] = (postStart[t] ?? 0) + (postCount[t + 1] ?? 0);
  const fill = postStart.slice(0, vocab.length);
  const post = new Uint32Array(k);
  for (let r = 0; r < n; r++) {
    for (let j = rowTokStart[r] ?? 0; j < (rowTokStart[r + 1] ?? 0); j++) {
      const t = rowTok[j] ?? 0;
      post[fill[t] ?? 0] = r;
      fill[t] = (fill[t] ?? 0) + 1;
    }
  }
  const byName = Uint32Array.from({ length: n }, (_, r) => r).sort(
    (a, b) => compareStrings(sortKeys[a] ?? '', sortKeys[b] ?? '') || a - b,
  );
  return {
    ids,
    sortKeys,
    names,
    birthDates,
    village,
    category,
    method,
    status,
    readiness,
    rowTokStart,
    rowTok,
    vocab,
    postStart,
    post,
    byName,
    dead: new Uint8Array(n),
  };
}

/** The row of an id, or -1 (rows are in id order: binary search, no id map to keep). */
export function rowOfId(seg: Segment, id: string): number {
  let lo = 0;
  let hi = seg.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seg.ids[mid] as string) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < seg.ids.length && seg.ids[lo] === id ? lo : -1;
}

/** First index in a sorted string array whose value is ≥ `key` (or > `key` when `after`). */
export function lowerBound(sorted: readonly string[], key: string, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as string;
    if (v < key || (after && v === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function rowTokens(seg: Segment, r: number): string[] {
  const out: string[] = [];
  for (let j = seg.rowTokStart[r] ?? 0; j < (seg.rowTokStart[r + 1] ?? 0); j++)
    out.push(seg.vocab[seg.rowTok[j] ?? 0] ?? '');
  return out;
}

/** True when every word is a prefix of one of row r's tokens. */
export function rowHasPrefixes(seg: Segment, r: number, words: readonly string[]): boolean {
  const from = seg.rowTokStart[r] ?? 0;
  const to = seg.rowTokStart[r + 1] ?? 0;
  outer: for (const w of words) {
    for (let j = from; j < to; j++) if ((seg.vocab[seg.rowTok[j] ?? 0] as string).startsWith(w)) continue outer;
    return false;
  }
  return true;
}

/** Row r as a person again (for compaction into a new segment). */
export function segmentPerson(seg: Segment, r: number): IndexedPerson {
  return {
    id: seg.ids[r] as string,
    sortKey: seg.sortKeys[r] as string,
    name: seg.names[r] as string,
    birthDate: seg.birthDates[r] as string,
    village: seg.village[r] ?? 0,
    category: seg.category[r] ?? 0,
    method: seg.method[r] ?? 0,
    status: seg.status[r] ?? 0,
    readiness: seg.readiness[r] ?? 0,
    tokens: rowTokens(seg, r),
  };
}

/** Approximate heap bytes: typed arrays exactly, strings and array slots estimated as V8 lays them out. */
export function segmentBytes(seg: Segment): number {
  const stringBytes = (s: string) => 16 + Math.ceil((s.length * (/^[\u0020-\u00ff]*$/.test(s) ? 1 : 2)) / 8) * 8;
  let bytes = 0;
  for (const a of [seg.ids, seg.sortKeys, seg.names, seg.birthDates, seg.vocab]) {
    bytes += 16 + a.length * 8;
    for (const s of a) bytes += stringBytes(s);
  }
  for (const t of [
    seg.village,
    seg.category,
    seg.method,
    seg.status,
    seg.readiness,
    seg.rowTokStart,
    seg.rowTok,
    seg.postStart,
    seg.post,
    seg.byName,
    seg.dead,
  ])
    bytes += t.byteLength + 64;
  return bytes;
}
