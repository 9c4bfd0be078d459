/** The non-cash payout calls (docs/protocol.md "Batches"): providers, batches, result files, reroutes. */
import { z } from 'zod';
import {
  batchesResponseSchema,
  batchResponseSchema,
  providerSchema,
  providersResponseSchema,
  resultPreviewSchema,
  type BatchDetail,
  type BatchSummary,
  type Provider,
  type ProviderInput,
  type ResultMapping,
  type ResultPreview,
} from '../protocol/batches';
import { PROTOCOL_VERSION } from '../protocol/common';
import type { HttpClient } from './http-client';

export type RerouteTo = 'home-delivery' | 'cash-point' | 'next-month';

export type PayoutTransport = {
  listProviders(token: string): Promise<Provider[]>;
  /** Creates or changes a provider (admins). */
  putProvider(token: string, id: string, provider: ProviderInput): Promise<Provider>;
  /** How a commune's result files of the provider read (a supervisor of it). */
  putResultMapping(token: string, providerId: string, commune: string, mapping: ResultMapping): Promise<Provider>;
  listBatches(token: string, commune: string, period: string): Promise<BatchSummary[]>;
  getBatch(token: string, batchId: string): Promise<BatchDetail>;
  createBatch(token: string, input: { providerId: string; commune: string; period: string }): Promise<BatchDetail>;
  batchStep(token: string, batchId: string, step: 'approve' | 'close' | 'cancel', note?: string): Promise<BatchDetail>;
  /** The batch's file; the first download sends its lines. */
  batchFile(token: string, batchId: string): Promise<{ blob: Blob; fileName: string }>;
  /** Reads a result file and answers what applying it would do; nothing changes. */
  previewResults(token: string, batchId: string, input: { file: Blob; fileName: string }): Promise<ResultPreview>;
  applyResults(token: string, batchId: string, importId: string): Promise<ResultPreview>;
  rerouteFailed(
    token: string,
    batchId: string,
    decisions: { lineId: string; to: RerouteTo; reason: string }[],
  ): Promise<BatchDetail>;
};

const providerResponseSchema = z.object({ provider: providerSchema });

export function payoutMethods(http: HttpClient): PayoutTransport {
  const { call, send, failure, fileOf, answer, timeoutMs } = http;
  const batchPath = (batchId: string, rest = '') => `/api/batches/${encodeURIComponent(batchId)}${rest}`;
  return {
    listProviders: async (token) =>
      (await call('/api/providers', providersResponseSchema, { method: 'GET', token })).providers,
    putProvider: async (token, id, provider) =>
      (
        await call(`/api/providers/${encodeURIComponent(id)}`, providerResponseSchema, {
          method: 'PUT',
          token,
          body: { protocol: PROTOCOL_VERSION, ...provider },
        })
      ).provider,
    putResultMapping: async (token, providerId, commune, mapping) =>
      (
        await call(
          `/api/providers/${encodeURIComponent(providerId)}/result-mapping?${new URLSearchParams({ commune }).toString()}`,
          providerResponseSchema,
          { method: 'PUT', token, body: { protocol: PROTOCOL_VERSION, mapping } },
        )
      ).provider,
    listBatches: async (token, commune, period) => {
      const q = new URLSearchParams({ commune, period });
      return (await call(`/api/batches?${q.toString()}`, batchesResponseSchema, { method: 'GET', token })).batches;
    },
    getBatch: async (token, batchId) =>
      (await call(batchPath(batchId), batchResponseSchema, { method: 'GET', token })).batch,
    createBatch: async (token, input) =>
      (
        await call('/api/batches', batchResponseSchema, {
          method: 'POST',
          token,
          body: { protocol: PROTOCOL_VERSION, ...input },
        })
      ).batch,
    batchStep: async (token, batchId, step, note) =>
      (
        await call(batchPath(batchId, `/${step}`), batchResponseSchema, {
          method: 'POST',
          token,
          body: { protocol: PROTOCOL_VERSION, ...(note === undefined ? {} : { note }) },
        })
      ).batch,
    batchFile: async (token, batchId) => {
      // Sending a province's batch records an op per line: longer than an ordinary call.
      const response = await send(
        batchPath(batchId, '/file'),
        { method: 'GET', headers: { authorization: `Bearer ${token}` } },
        Math.max(timeoutMs, 300_000),
      );
      return fileOf(response, 'dot-chuyen-khoan');
    },
    previewResults: async (token, batchId, input) => {
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': input.file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(input.fileName),
      };
      const response = await send(
        batchPath(batchId, '/results'),
        { method: 'POST', headers, body: input.file },
        Math.max(timeoutMs, 120_000),
      );
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) throw failure(response, json);
      return answer(resultPreviewSchema, response, json);
    },
    applyResults: (token, batchId, importId) =>
      call(batchPath(batchId, `/results/${encodeURIComponent(importId)}/apply`), resultPreviewSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION },
      }),
    rerouteFailed: async (token, batchId, decisions) =>
      (
        await call(batchPath(batchId, '/reroutes'), batchResponseSchema, {
          method: 'PUT',
          token,
          body: { protocol: PROTOCOL_VERSION, decisions },
        })
      ).batch,
  };
}
