/**
 * The month's progress and the quality figures of one scope (issue 14, docs/reports.md), summed from
 * the server's rows per commune (see report-groups.ts for the scopes). Integer đồng and counts.
 */
import { inScope, type Fraction, type ScopeKey } from './report-groups';

type Rows<R> = readonly (R & { commune: string })[];
/** The server's progress and quality answers (src/protocol/reports.ts), by shape. */
export type Progress = {
  byDay: Rows<{ day: string; lines: number; amount: number }>;
  byStatus: Rows<{ status: string; reason: string | null; lines: number; amount: number }>;
  failedTransfers: Rows<{ lines: number; amount: number }>;
  homeDeliveriesByPayer: Rows<{ payerId: string; payerName: string; lines: number; amount: number }>;
};
export type Quality = {
  idChecks: Rows<{ method: string; reason: string | null; checks: number }>;
  receivers: Rows<{ kind: string; lines: number }>;
  disputes: Rows<{ conflicts: number; voids: number }>;
  records: Rows<RecordCounts>;
};
/** Active people, and of them those whose record fails a domain check (domain/record-checks.ts). */
export type RecordCounts = { people: number; badIdNumber: number; noIdNumber: number; badPhone: number };

export type Count = { lines: number; amount: number };
export type DayProgress = { day: string; paid: Count; cumulative: Count };

/** Sums rows of the scope by a key, keeping the first row's labels; in order of the key. */
function sumBy<R extends { commune: string }, K>(
  rows: readonly R[],
  scope: ScopeKey,
  keyOf: (row: R) => string,
  make: (row: R) => K,
  add: (into: K, row: R) => void,
): { key: string; value: K }[] {
  const groups = new Map<string, K>();
  for (const row of rows) {
    if (!inScope(scope, row.commune)) continue;
    const key = keyOf(row);
    let value = groups.get(key);
    if (value === undefined) {
      value = make(row);
      groups.set(key, value);
    }
    add(value, row);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
}

const count = (): Count => ({ lines: 0, amount: 0 });
const addCount = (into: Count, row: Count) => {
  into.lines += row.lines;
  into.amount += row.amount;
};

export type ProgressOf = {
  byDay: DayProgress[];
  byStatus: { status: string; reason: string | null; lines: number; amount: number }[];
  /** Every line of the period and those paid (`paid` or `transferred`). */
  all: Count;
  paid: Count;
  failedTransfers: Count;
  homeDeliveriesByPayer: { payerId: string; payerName: string; lines: number; amount: number }[];
};

const PAID = new Set(['paid', 'transferred']);

export function progressOf(progress: Progress, scope: ScopeKey): ProgressOf {
  let running = count();
  const byDay = sumBy(progress.byDay, scope, (r) => r.day, count, addCount).map(({ key, value }) => {
    running = { lines: running.lines + value.lines, amount: running.amount + value.amount };
    return { day: key, paid: value, cumulative: running };
  });
  const byStatus = sumBy(
    progress.byStatus,
    scope,
    (r) => `${r.status}\u0000${r.reason ?? ''}`,
    (r) => ({ status: r.status, reason: r.reason, lines: 0, amount: 0 }),
    addCount,
  ).map((g) => g.value);
  const all = count();
  const paid = count();
  for (const row of byStatus) {
    addCount(all, row);
    if (PAID.has(row.status)) addCount(paid, row);
  }
  const failedTransfers = count();
  for (const g of sumBy(progress.failedTransfers, scope, () => '', count, addCount)) addCount(failedTransfers, g.value);
  const homeDeliveriesByPayer = sumBy(
    progress.homeDeliveriesByPayer,
    scope,
    (r) => r.payerId,
    (r) => ({ payerId: r.payerId, payerName: r.payerName, lines: 0, amount: 0 }),
    addCount,
  ).map((g) => g.value);
  return { byDay, byStatus, all, paid, failedTransfers, homeDeliveriesByPayer };
}

export type QualityOf = {
  idChecks: { method: string; reason: string | null; checks: number }[];
  receivers: { kind: string; lines: number }[];
  /** Paid lines received by someone other than the person, of all paid lines with a receiver. */
  notSelf: Fraction;
  conflicts: number;
  voids: number;
  records: RecordCounts;
};

export function qualityOf(quality: Quality, scope: ScopeKey): QualityOf {
  const idChecks = sumBy(
    quality.idChecks,
    scope,
    (r) => `${r.method}\u0000${r.reason ?? ''}`,
    (r) => ({ method: r.method, reason: r.reason, checks: 0 }),
    (into, r) => {
      into.checks += r.checks;
    },
  ).map((g) => g.value);
  const receivers = sumBy(
    quality.receivers,
    scope,
    (r) => r.kind,
    (r) => ({ kind: r.kind, lines: 0 }),
    (into, r) => {
      into.lines += r.lines;
    },
  ).map((g) => g.value);
  const notSelf = { num: 0, den: 0 };
  for (const r of receivers) {
    notSelf.den += r.lines;
    if (r.kind !== 'self') notSelf.num += r.lines;
  }
  let conflicts = 0;
  let voids = 0;
  for (const r of quality.disputes) {
    if (!inScope(scope, r.commune)) continue;
    conflicts += r.conflicts;
    voids += r.voids;
  }
  const records = { people: 0, badIdNumber: 0, noIdNumber: 0, badPhone: 0 };
  for (const r of quality.records) {
    if (!inScope(scope, r.commune)) continue;
    records.people += r.people;
    records.badIdNumber += r.badIdNumber;
    records.noIdNumber += r.noIdNumber;
    records.badPhone += r.badPhone;
  }
  return { idChecks, receivers, notSelf, conflicts, voids, records };
}
