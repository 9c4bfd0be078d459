/**
 * This month's list against last month's (issue 11, docs/protocol.md "Lists"): who is new
 * (increase), who left or is paid nothing now (decrease), whose line changed (adjustment: total,
 * group or method), and who is unchanged. People are matched by beneficiary code, then ID number;
 * a match by name, birth date and village is only proposed, for the preparer to confirm, never
 * taken silently. The money balances to the đồng:
 * previous + increases − decreases + adjustments = current.
 */
import { sumVnd, vnd, type Vnd } from './money';
import { foldVietnamese } from './vietnamese-text';
import type { CategoryCode, PaymentMethod } from './vocabulary';

/** One person's line on a list, as the diff compares it. */
export type DiffLine = {
  /** Stable key of the line within its list (beneficiary id, or the row for a new person). */
  key: string;
  code: string | null;
  idNumber: string | null;
  fullName: string;
  birthDate: string;
  village: string | null;
  category: CategoryCode | null;
  paymentMethod: PaymentMethod | null;
  /** Monthly amount plus arrears, whole đồng. */
  total: Vnd;
};

export type MatchKind = 'code' | 'id-number' | 'name';
export const comparedFields = ['total', 'category', 'paymentMethod'] as const;
export type ComparedField = (typeof comparedFields)[number];

export type FieldChange = { field: ComparedField; from: unknown; to: unknown };

export type Adjustment = {
  previous: DiffLine;
  current: DiffLine;
  matchedBy: MatchKind;
  changes: FieldChange[];
};

export type ListMoney = {
  previous: Vnd;
  increases: Vnd;
  decreases: Vnd;
  /** Net change of the line totals of people on both lists (can be negative). */
  adjustments: number;
  current: Vnd;
};

export type ListDiff = {
  increases: DiffLine[];
  /** Gone from the list, or on it with nothing to pay: each needs a reason. */
  decreases: { previous: DiffLine; current: DiffLine | null }[];
  adjustments: Adjustment[];
  unchanged: { previous: DiffLine; current: DiffLine; matchedBy: MatchKind }[];
  /** Pairs matched by name, birth date and village only: the preparer confirms or separates them. */
  proposedMatches: { previous: DiffLine; current: DiffLine }[];
  money: ListMoney;
};

const nameKey = (l: DiffLine) =>
  `${foldVietnamese(l.fullName)}|${l.birthDate.slice(0, 4)}|${foldVietnamese(l.village ?? '')}`;

/**
 * Pairs each current line with at most one previous line, by code, then ID number, then (only
 * when `confirmedNameMatches` says so) name + birth year + village. Each previous line pairs once.
 */
function pair(
  previous: readonly DiffLine[],
  current: readonly DiffLine[],
  confirmed: ReadonlySet<string>,
): {
  pairs: Map<DiffLine, { previous: DiffLine; by: MatchKind }>;
  proposed: { previous: DiffLine; current: DiffLine }[];
} {
  const pairs = new Map<DiffLine, { previous: DiffLine; by: MatchKind }>();
  const taken = new Set<DiffLine>();
  const index = (keyOf: (l: DiffLine) => string | null) => {
    const map = new Map<string, DiffLine>();
    for (const l of previous) {
      const key = keyOf(l);
      if (key !== null && key !== '' && !map.has(key)) map.set(key, l);
    }
    return map;
  };
  const rounds: [MatchKind, (l: DiffLine) => string | null][] = [
    ['code', (l) => l.code],
    ['id-number', (l) => l.idNumber],
  ];
  for (const [by, keyOf] of rounds) {
    const byKey = index(keyOf);
    for (const l of current) {
      if (pairs.has(l)) continue;
      const key = keyOf(l);
      const match = key === null || key === '' ? undefined : byKey.get(key);
      if (match && !taken.has(match)) {
        pairs.set(l, { previous: match, by });
        taken.add(match);
      }
    }
  }
  const proposed: { previous: DiffLine; current: DiffLine }[] = [];
  const byName = index(nameKey);
  for (const l of current) {
    if (pairs.has(l)) continue;
    const match = byName.get(nameKey(l));
    if (!match || taken.has(match)) continue;
    if (confirmed.has(`${match.key}|${l.key}`)) {
      pairs.set(l, { previous: match, by: 'name' });
      taken.add(match);
    } else proposed.push({ previous: match, current: l });
  }
  return { pairs, proposed };
}

/**
 * The diff. `confirmedNameMatches` holds `previousKey|currentKey` for name matches the preparer
 * confirmed; an unconfirmed one counts the two as a decrease and an increase (and is listed in
 * `proposedMatches`), so nothing is assumed about a person without the preparer saying so.
 */
export function diffLists(
  previous: readonly DiffLine[],
  current: readonly DiffLine[],
  confirmedNameMatches: ReadonlySet<string> = new Set(),
): ListDiff {
  const { pairs, proposed } = pair(previous, current, confirmedNameMatches);
  const paired = new Set([...pairs.values()].map((p) => p.previous));
  const diff: ListDiff = {
    increases: [],
    decreases: previous.filter((l) => !paired.has(l)).map((l) => ({ previous: l, current: null })),
    adjustments: [],
    unchanged: [],
    proposedMatches: proposed,
    money: {
      previous: sumVnd(previous.map((l) => l.total)),
      increases: vnd(0),
      decreases: vnd(0),
      adjustments: 0,
      current: sumVnd(current.map((l) => l.total)),
    },
  };
  for (const line of current) {
    const match = pairs.get(line);
    if (!match) {
      diff.increases.push(line);
      continue;
    }
    const before = match.previous;
    // On both lists with nothing to pay now: a decrease (it needs a reason), not an adjustment.
    if (line.total === 0 && before.total > 0) {
      diff.decreases.push({ previous: before, current: line });
      continue;
    }
    // A field the file does not give (no group or method column) is not a change.
    const changes = comparedFields
      .filter((f) => (f === 'total' || line[f] !== null) && before[f] !== line[f])
      .map((f) => ({ field: f, from: before[f], to: line[f] }));
    if (changes.length > 0) diff.adjustments.push({ previous: before, current: line, matchedBy: match.by, changes });
    else diff.unchanged.push({ previous: before, current: line, matchedBy: match.by });
  }
  diff.money = {
    ...diff.money,
    increases: sumVnd(diff.increases.map((l) => l.total)),
    decreases: sumVnd(diff.decreases.map((d) => d.previous.total)),
    adjustments: diff.adjustments.reduce((sum, a) => sum + a.current.total - a.previous.total, 0),
  };
  return diff;
}

/** previous + increases − decreases + adjustments = current, to the đồng. */
export function moneyBalances(money: ListMoney): boolean {
  return money.previous + money.increases - money.decreases + money.adjustments === money.current;
}
