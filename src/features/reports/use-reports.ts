/** The four reports of a month, loaded together, with how many have come (issue 14, docs/reports.md). */
import { useState } from 'react';
import type { CostRow, FunnelRow, MethodRow, Progress, Quality } from '../../protocol/reports';
import { useServices } from '../../ui/services';
import { useRemote, type Remote } from '../../ui/use-remote';

export type Reports = { methods: MethodRow[]; funnel: FunnelRow[]; progress: Progress; quality: Quality };
export const REPORT_COUNT = 4;

export function useReports(period: string): { reports: Remote<Reports>; retry: () => void; done: number } {
  const { transport } = useServices();
  const [done, setDone] = useState(0);
  const [reports, retry] = useRemote(async (token) => {
    setDone(0);
    const counted = <T>(p: Promise<T>) =>
      p.then((v) => {
        setDone((n) => n + 1);
        return v;
      });
    const [methods, funnel, progress, quality] = await Promise.all([
      counted(transport.reportMethods(token, period)),
      counted(transport.reportFunnel(token, period)),
      counted(transport.reportProgress(token, period)),
      counted(transport.reportQuality(token, period)),
    ]);
    return { methods, funnel, progress, quality };
  }, `reports:${period}`);
  return { reports, retry, done };
}

/** Every commune that has a row in any report. */
export function communesOf(r: Reports): string[] {
  const all = new Set<string>();
  const take = (rows: readonly { commune: string }[]) => {
    for (const row of rows) all.add(row.commune);
  };
  take(r.methods);
  take(r.funnel);
  take(r.progress.byStatus);
  take(r.progress.byDay);
  take(r.quality.idChecks);
  return [...all];
}

export type MonthlyData = { methods: MethodRow[]; funnel: FunnelRow[]; cost: CostRow[] };

/** What the printed monthly report needs: people and money by method, the funnel, the cost. */
export function useMonthlyData(period: string): { data: Remote<MonthlyData>; retry: () => void } {
  const { transport } = useServices();
  const [data, retry] = useRemote(async (token) => {
    const [methods, funnel, cost] = await Promise.all([
      transport.reportMethods(token, period),
      transport.reportFunnel(token, period),
      transport.reportCost(token, period),
    ]);
    return { methods, funnel, cost };
  }, `monthly:${period}`);
  return { data, retry };
}
