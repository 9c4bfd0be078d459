/**
 * The reports calls (docs/reports.md): five reports of a month, per commune, within the user's
 * communes, and an admin's fees of a month.
 */
import { z } from 'zod';
import { isoMonth, PROTOCOL_VERSION, protocolField } from '../protocol/common';
import {
  costResponseSchema,
  funnelResponseSchema,
  methodsResponseSchema,
  progressResponseSchema,
  qualityResponseSchema,
  type CostRow,
  type FeesRequest,
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
  /** Fees, payments and the cost of one payment per method, for the 12 months up to `period`. */
  reportCost(token: string, period: string): Promise<CostRow[]>;
  /** An admin's fees of a month per method (`fees.manage`); other methods' fees are kept. */
  saveFees(token: string, period: string, fees: FeesRequest['fees']): Promise<void>;
};

/** `PUT /api/reports/fees/{period}` answers the methods it wrote. */
const feesAnswerSchema = z.object({ protocol: protocolField, period: isoMonth, methods: z.array(z.string()) });

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
    reportCost: async (token, period) =>
      (await http.call(path('cost', period), costResponseSchema, { method: 'GET', token })).rows,
    saveFees: async (token, period, fees) => {
      await http.call(`/api/reports/fees/${encodeURIComponent(period)}`, feesAnswerSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, fees },
      });
    },
  };
}
