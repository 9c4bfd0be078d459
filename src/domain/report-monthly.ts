/**
 * The monthly pilot report's figures for one period and scope (issue 14, part 3): the key figures
 * on top of the printed report, from the methods report (paid people and money, shares without
 * cash) and the funnel (active people). Counts, integer đồng and shares in tenths of a percent.
 */
import {
  compareMonths,
  funnelOf,
  methodsByMonth,
  shareTenths,
  type Funnel,
  type FunnelRow,
  type MethodRow,
  type MonthComparison,
  type MonthMethods,
  type ScopeKey,
} from './report-groups';

export type MonthlyFigures = {
  /** Active people at the end of the period (the funnel's first step). */
  people: number;
  paidLines: number;
  paidAmount: number;
  /** Paid without cash (bank, mobile money), of all paid: in people and in money. */
  nonCashLinesTenths: number | null;
  nonCashAmountTenths: number | null;
};

export type MonthlyReport = {
  figures: MonthlyFigures;
  months: MonthMethods[];
  funnel: Funnel;
  comparison: MonthComparison | null;
};

export function monthlyReport(
  methods: readonly MethodRow[],
  funnelRows: readonly FunnelRow[],
  scope: ScopeKey,
  period: string,
): MonthlyReport {
  const months = methodsByMonth(methods, scope, period);
  const funnel = funnelOf(funnelRows, scope);
  const current = months.at(-1);
  return {
    figures: {
      people: funnel.steps[0]?.people ?? 0,
      paidLines: current?.total.paidLines ?? 0,
      paidAmount: current?.total.paidAmount ?? 0,
      nonCashLinesTenths: current ? shareTenths(current.nonCashLines) : null,
      nonCashAmountTenths: current ? shareTenths(current.nonCashAmount) : null,
    },
    months,
    funnel,
    comparison: compareMonths(months),
  };
}
