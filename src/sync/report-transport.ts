/** The reports calls (docs/reports.md): four reports of a month, per commune, within the user's communes. */
import {
  funnelResponseSchema,
  methodsResponseSchema,
  progressResponseSchema,
  qualityResponseSchema,
  type FunnelRow,
  type MethodRow,
  type Progress,
  type Quality,
} from '../protocol/reports';
import type { HttpClient } from './http-client';

export type ReportTransport = {
  /** People and money by method for the 12 months up to `period` (`YYYY-MM`). */
  reportMethods(token: string, period: string): Promise<MethodRow[]>;
  /** The cash → account funnel as it stood at the end of `period`. */
  reportFunnel(token: string, period: string): Promise<FunnelRow[]>;
  /** The month's payments by day and status, failed transfers, home deliveries by payer. */
  reportProgress(token: string, period: string): Promise<Progress>;
  /** ID checks, receivers, conflicts and voids of the month. */
  reportQuality(token: string, period: string): Promise<Quality>;
};

export function reportMethods(http: HttpClient): ReportTransport {
  const path = (report: string, period: string) =>
    `/api/reports/${report}?${new URLSearchParams({ period }).toString()}`;
  return {
    reportMethods: async (token, period) =>
      (await http.call(path('methods', period), methodsResponseSchema, { method: 'GET', token })).rows,
    reportFunnel: async (token, period) =>
      (await http.call(path('funnel', period), funnelResponseSchema, { method: 'GET', token })).rows,
    reportProgress: async (token, period) => {
      const { byDay, byStatus, failedTransfers, homeDeliveriesByPayer } = await http.call(
        path('progress', period),
        progressResponseSchema,
        { method: 'GET', token },
      );
      return { byDay, byStatus, failedTransfers, homeDeliveriesByPayer };
    },
    reportQuality: async (token, period) => {
      const { idChecks, receivers, disputes, records } = await http.call(
        path('quality', period),
        qualityResponseSchema,
        {
          method: 'GET',
          token,
        },
      );
      return { idChecks, receivers, disputes, records };
    },
  };
}
