/**
 * A payer's list for the day (issue 16, "Assignments", "Revisits"): the month's lines on their
 * round, by village in the order the payer keeps, lines still to pay first (never visited, then
 * those to visit again, the earliest planned revisit first), with counts and the money still to pay. Pure: the screen reads lines and people
 * and composes this.
 */
import type { Vnd } from './money';
import type { PaymentLineStatus } from './vocabulary';

export type RoundLine = {
  id: string;
  status: PaymentLineStatus;
  amount: Vnd;
  village: string;
  /** Collation key of the person's name (`sortKey`), for a stable order within a village. */
  sortKey: string;
  /** A visit without payment was recorded: the person is to be visited again. */
  visited: boolean;
  /** The calendar date of the planned revisit, if the visit set one. */
  revisitOn: string | null;
};

export type RoundVillage<L extends RoundLine> = {
  village: string;
  lines: L[];
  /** Lines never visited and still to pay. */
  toVisit: number;
  /** Lines visited without payment, to visit again. */
  revisits: number;
  paid: number;
  /** Đồng still to pay in this village: every open line. */
  toPay: number;
};

export type Round<L extends RoundLine> = {
  villages: RoundVillage<L>[];
  toVisit: number;
  revisits: number;
  paid: number;
  toPay: number;
};

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** After every real date: a revisit without a date comes after the dated ones. */
const NO_DATE = '9999-12-31';
const isOpen = (l: RoundLine) => l.status === 'due' || l.status === 'unpaid';
/** 0: to visit, 1: to visit again, 2: settled or withdrawn. */
const rank = (l: RoundLine) => (isOpen(l) ? (l.visited || l.status === 'unpaid' ? 1 : 0) : 2);

/**
 * The round: villages in `order` (the payer's), any village not in it after them in Vietnamese
 * alphabetical order; in each, lines to visit, then revisits, then the rest, by name.
 */
export function payerRound<L extends RoundLine>(lines: readonly L[], order: readonly string[]): Round<L> {
  const byVillage = new Map<string, L[]>();
  for (const line of lines) byVillage.set(line.village, [...(byVillage.get(line.village) ?? []), line]);
  const villages = orderVillages([...byVillage.keys()], order).map((village) => {
    const own = [...(byVillage.get(village) ?? [])].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (rank(a) === 1 ? compare(a.revisitOn ?? NO_DATE, b.revisitOn ?? NO_DATE) : 0) ||
        compare(a.sortKey, b.sortKey),
    );
    return {
      village,
      lines: own,
      toVisit: own.filter((l) => rank(l) === 0).length,
      revisits: own.filter((l) => rank(l) === 1).length,
      paid: own.filter((l) => l.status === 'paid').length,
      toPay: own.filter(isOpen).reduce((sum, l) => sum + l.amount, 0),
    };
  });
  return {
    villages,
    toVisit: sum(villages, 'toVisit'),
    revisits: sum(villages, 'revisits'),
    paid: sum(villages, 'paid'),
    toPay: sum(villages, 'toPay'),
  };
}

const sum = <L extends RoundLine>(villages: RoundVillage<L>[], key: 'toVisit' | 'revisits' | 'paid' | 'toPay') =>
  villages.reduce((total, v) => total + v[key], 0);

/** `villages` in the kept order, the others after it alphabetically (Vietnamese, numbers by value). */
export function orderVillages(villages: readonly string[], order: readonly string[]): string[] {
  const known = order.filter((v) => villages.includes(v));
  const rest = villages.filter((v) => !order.includes(v)).sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
  return [...new Set([...known, ...rest])];
}

/**
 * The order after moving `village` one place up (`-1`) or down (`+1`) among `shown` (the
 * villages on the list now, in their current order). Unchanged at either end.
 */
export function moveVillage(shown: readonly string[], village: string, by: -1 | 1): string[] {
  const at = shown.indexOf(village);
  const to = at + by;
  if (at < 0 || to < 0 || to >= shown.length) return [...shown];
  const next = [...shown];
  next[at] = shown[to] as string;
  next[to] = village;
  return next;
}

export type PayerProgress = {
  payerId: string;
  payerName: string;
  lines: number;
  paid: number;
  toVisit: number;
  revisits: number;
  /** Đồng paid on the payer's lines (their counted payments). */
  paidAmount: number;
  /** Đồng still to pay on the payer's open lines. */
  toPay: number;
};

/**
 * Each payer's progress on their round (issue 16, for the officer and the supervisor): lines
 * assigned, paid, to visit and to visit again, with the money paid and still to pay. Payers in
 * Vietnamese order of name.
 */
export function progressByPayer(
  lines: readonly (RoundLine & { payer: { id: string; name: string } | null })[],
): PayerProgress[] {
  const by = new Map<string, PayerProgress>();
  for (const line of lines) {
    if (!line.payer) continue;
    const p = by.get(line.payer.id) ?? {
      payerId: line.payer.id,
      payerName: line.payer.name,
      lines: 0,
      paid: 0,
      toVisit: 0,
      revisits: 0,
      paidAmount: 0,
      toPay: 0,
    };
    p.lines++;
    if (line.status === 'paid') {
      p.paid++;
      p.paidAmount += line.amount;
    }
    if (rank(line) === 0) p.toVisit++;
    if (rank(line) === 1) p.revisits++;
    if (isOpen(line)) p.toPay += line.amount;
    by.set(line.payer.id, p);
  }
  return [...by.values()].sort((a, b) => a.payerName.localeCompare(b.payerName, 'vi'));
}
