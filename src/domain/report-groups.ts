/**
 * The reports' figures for one scope (issue 14, docs/reports.md): the server answers per commune;
 * here the rows are summed for a province, a former district or a commune, and the shares, drop-outs
 * and comparisons are worked out. Integer đồng and counts only; a share is an exact fraction, rounded
 * once when shown (`shareTenths`).
 */
import { pilotCommunes } from './admin-units';
import { addMonths } from './calendar';

/** The server's rows (src/protocol/reports.ts), by shape: domain code does not import the protocol. */
export type MethodRow = {
  period: string;
  commune: string;
  method: string;
  lines: number;
  amount: number;
  paidLines: number;
  paidAmount: number;
};
export type FunnelRow = {
  commune: string;
  people: number;
  choseAccount: number;
  ready: number;
  submitted: number;
  opened: number;
  cardHandedOver: number;
  firstNonCashPaid: number;
  cohortThreeMonths: number;
  stillNonCash: number;
};

export type ScopeKind = 'province' | 'district' | 'commune';
/** `province:46`, `district:474`, `commune:19960`. */
export type ScopeKey = `${ScopeKind}:${string}`;
export type ScopeOption = { key: ScopeKey; kind: ScopeKind; name: string };

/** An exact share: `num` of `den` (0 of 0 when there is nothing to share). */
export type Fraction = { num: number; den: number };

const units = new Map(pilotCommunes.map((c) => [c.code, c]));

export function scopeKey(kind: ScopeKind, code: string): ScopeKey {
  return `${kind}:${code}`;
}

/** Whether a commune's rows count in the scope. A commune outside the pilot's list belongs only to itself. */
export function inScope(scope: ScopeKey, commune: string): boolean {
  const [kind, code] = scope.split(':') as [ScopeKind, string];
  if (kind === 'commune') return commune === code;
  const unit = units.get(commune);
  if (!unit) return false;
  return kind === 'district' ? unit.formerDistrictCode === code : unit.provinceCode === code;
}

/** The province, former districts and communes the user's rows cover, widest first, then by name. */
export function scopeOptions(communes: Iterable<string>, provinceName: string): ScopeOption[] {
  const provinces = new Map<string, string>();
  const districts = new Map<string, string>();
  const own: ScopeOption[] = [];
  for (const code of new Set(communes)) {
    const unit = units.get(code);
    own.push({ key: scopeKey('commune', code), kind: 'commune', name: unit?.name ?? code });
    if (!unit) continue;
    provinces.set(unit.provinceCode, provinceName);
    districts.set(unit.formerDistrictCode, unit.formerDistrict);
  }
  const byName = (a: ScopeOption, b: ScopeOption) => a.name.localeCompare(b.name, 'vi');
  return [
    ...[...provinces].map(([code, name]) => ({ key: scopeKey('province', code), kind: 'province' as const, name })),
    ...[...districts]
      .map(([code, name]) => ({ key: scopeKey('district', code), kind: 'district' as const, name }))
      .sort(byName),
    ...own.sort(byName),
  ];
}

/** Share in tenths of a percent, rounded half up with integers only (1 of 3 → 333, i.e. 33,3 %). */
export function shareTenths({ num, den }: Fraction): number | null {
  if (den === 0) return null;
  return Math.floor((num * 2000 + den) / (2 * den));
}

export type Sums = { lines: number; amount: number; paidLines: number; paidAmount: number };
export type MonthMethods = {
  period: string;
  byMethod: Map<string, Sums>;
  total: Sums;
  /** Paid amount by bank and mobile money over all paid amount; the same in paid lines. */
  nonCashAmount: Fraction;
  nonCashLines: Fraction;
};

const NON_CASH = new Set(['bank', 'mobile-money']);
const zero = (): Sums => ({ lines: 0, amount: 0, paidLines: 0, paidAmount: 0 });
function add(into: Sums, row: Sums): void {
  into.lines += row.lines;
  into.amount += row.amount;
  into.paidLines += row.paidLines;
  into.paidAmount += row.paidAmount;
}

/** The 12 months up to `period`, oldest first, each with its methods summed over the scope. */
export function methodsByMonth(rows: readonly MethodRow[], scope: ScopeKey, period: string): MonthMethods[] {
  const months: MonthMethods[] = [];
  for (let back = 11; back >= 0; back--) {
    const month = addMonths(period, -back);
    if (month === null) continue;
    months.push({
      period: month,
      byMethod: new Map(),
      total: zero(),
      nonCashAmount: { num: 0, den: 0 },
      nonCashLines: { num: 0, den: 0 },
    });
  }
  const index = new Map(months.map((m) => [m.period, m]));
  for (const row of rows) {
    const month = index.get(row.period);
    if (!month || !inScope(scope, row.commune)) continue;
    const sums = month.byMethod.get(row.method) ?? zero();
    add(sums, row);
    month.byMethod.set(row.method, sums);
    add(month.total, row);
    month.nonCashAmount.den += row.paidAmount;
    month.nonCashLines.den += row.paidLines;
    if (NON_CASH.has(row.method)) {
      month.nonCashAmount.num += row.paidAmount;
      month.nonCashLines.num += row.paidLines;
    }
  }
  return months;
}

export const funnelStages = [
  'people',
  'choseAccount',
  'ready',
  'submitted',
  'opened',
  'cardHandedOver',
  'firstNonCashPaid',
] as const;
export type FunnelStage = (typeof funnelStages)[number];
export type FunnelStep = { stage: FunnelStage; people: number; ofAll: Fraction; droppedFromPrevious: number };
export type Funnel = {
  steps: FunnelStep[];
  /** Of those first paid without cash three months or more before: still without cash now, and who went back. */
  cohort: { people: number; stillNonCash: number; wentBack: number; share: Fraction };
};

export function sumFunnel(rows: readonly FunnelRow[], scope: ScopeKey): Omit<FunnelRow, 'commune'> {
  const total = {
    people: 0,
    choseAccount: 0,
    ready: 0,
    submitted: 0,
    opened: 0,
    cardHandedOver: 0,
    firstNonCashPaid: 0,
    cohortThreeMonths: 0,
    stillNonCash: 0,
  };
  for (const row of rows) {
    if (!inScope(scope, row.commune)) continue;
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
  }
  return total;
}

/** The funnel of the scope: each stage with its share of all active people and how many dropped out before it. */
export function funnelOf(rows: readonly FunnelRow[], scope: ScopeKey): Funnel {
  const total = sumFunnel(rows, scope);
  const steps = funnelStages.map((stage, i) => {
    const before = i === 0 ? total.people : total[funnelStages[i - 1] ?? 'people'];
    return {
      stage,
      people: total[stage],
      ofAll: { num: total[stage], den: total.people },
      droppedFromPrevious: before - total[stage],
    };
  });
  const cohort = total.cohortThreeMonths;
  return {
    steps,
    cohort: {
      people: cohort,
      stillNonCash: total.stillNonCash,
      wentBack: cohort - total.stillNonCash,
      share: { num: total.stillNonCash, den: cohort },
    },
  };
}

export type KeyFigures = { period: string; paidLines: number; paidAmount: number; nonCashTenths: number | null };
export type MonthComparison = { current: KeyFigures; previous: KeyFigures | null; first: KeyFigures | null };

function keyFigures(month: MonthMethods): KeyFigures {
  return {
    period: month.period,
    paidLines: month.total.paidLines,
    paidAmount: month.total.paidAmount,
    nonCashTenths: shareTenths(month.nonCashAmount),
  };
}

/**
 * The period beside the month before and the pilot's first month: the earliest of the 12 months
 * with any line (the report reaches 12 months back). A share's change is the difference of the
 * shares as shown, in tenths of a percentage point.
 */
export function compareMonths(months: readonly MonthMethods[]): MonthComparison | null {
  const current = months.at(-1);
  if (!current) return null;
  const previous = months.at(-2);
  const first = months.find((m) => m.total.lines > 0);
  return {
    current: keyFigures(current),
    previous: previous ? keyFigures(previous) : null,
    first: first && first !== current ? keyFigures(first) : null,
  };
}
