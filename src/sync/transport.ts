/** HTTP transport to the sync server: one place that speaks docs/protocol.md over fetch. */
import type { AboutPilot } from '../domain/about-pilot';
import type { PaymentSchedule } from '../domain/payment-points';
import { aboutPilotResponseSchema } from '../protocol/about-pilot';
import { paymentScheduleResponseSchema } from '../protocol/payment-points';
import { cashResponseSchema, type CashLedger } from '../protocol/cash';
import { PROTOCOL_VERSION } from '../protocol/common';
import { loginResponseSchema, meResponseSchema, type LoginResponse, type User } from '../protocol/auth';
import { pullResponseSchema, type PullResponse } from '../protocol/pull';
import { PULL_FORMAT_COLUMNS, pullColumnsAsPageSchema } from '../protocol/pull-columns';
import { payersResponseSchema, type Payer } from '../protocol/staff';
import type { OutboxFile } from '../protocol/import';
import { pushStatuses } from '../protocol/push';
import { deviceResponseSchema, devicesResponseSchema, type DeviceInfo } from '../protocol/devices';
import { conflictsResponseSchema, type ConflictStatus, type ConflictView } from '../protocol/conflicts';
import {
  listDecreasesResponseSchema,
  listDetailResponseSchema,
  listImportResponseSchema,
  listFieldOutcomesResponseSchema,
  listMatchesResponseSchema,
  listsResponseSchema,
  listStepResponseSchema,
  type ListDetail,
  type ListImportResponse,
  type ListKind,
  type ListStepResponse,
  type ListSummary,
} from '../protocol/lists';
import type { DecreaseReason } from '../domain/list-decreases';
import { closingResponseSchema, type CloseRequest, type ClosingResponse } from '../protocol/month-close';
import { z } from 'zod';
import { createHttpClient, type HttpTransportOptions } from './http-client';
import { evidenceMethods, type EvidenceTransport } from './evidence-transport';
import { leaseMethods, type LeaseTransport } from './lease-transport';
import { payoutMethods, type PayoutTransport } from './payout-transport';
import { receiptMethods, type ReceiptTransport } from './receipt-transport';
import { reportMethods, type ReportTransport } from './report-transport';
import { userMethods, type UserTransport } from './user-transport';

export { TransportError, type HttpTransportOptions } from './http-client';

/** A pull answer in either layout, read as the plain page. */
const pulledPageSchema = z.union([pullColumnsAsPageSchema, pullResponseSchema]);

export type Transport = PayoutTransport &
  EvidenceTransport &
  LeaseTransport &
  UserTransport &
  ReportTransport &
  ReceiptTransport & {
    login(input: { username: string; password: string; device: { id: string; name: string } }): Promise<LoginResponse>;
    logout(token: string): Promise<void>;
    me(token: string): Promise<User>;
    pull(token: string, cursor: string | null, limit: number): Promise<PullResponse>;
    push(token: string, body: PushBody): Promise<PushAnswer>;
    /** Sends another device's outbox file (supervisors, admins); answered like a push. */
    importOps(token: string, file: OutboxFile): Promise<PushAnswer>;
    putBlob(token: string, hash: string, type: string, bytes: ArrayBuffer): Promise<void>;
    listDevices(token: string): Promise<DeviceInfo[]>;
    setDeviceStatus(token: string, deviceId: string, action: 'retire' | 'revoke'): Promise<DeviceInfo>;
    /** The supervisors' list of conflicts in their communes, newest first (`GET /api/conflicts`). */
    listConflicts(token: string, status?: ConflictStatus): Promise<ConflictView[]>;
    /** A commune's monthly lists of a month (`GET /api/lists`). */
    listLists(token: string, commune: string, period: string): Promise<ListSummary[]>;
    getList(token: string, listId: string): Promise<ListDetail>;
    /** Uploads a list file; a 422 (error findings, nothing kept) is an answer too, not a failure. */
    importList(
      token: string,
      input: { commune: string; period: string; file: Blob; fileName: string; kind?: ListKind },
    ): Promise<ListImportResponse>;
    /** Submit, return (with a comment), approve or publish a list. */
    listStep(
      token: string,
      listId: string,
      step: 'submit' | 'return' | 'approve' | 'publish',
      comment?: string,
    ): Promise<ListStepResponse>;
    /** The file read and checked as the import would, back as `.xlsx` with a column of findings. */
    findingsFile(
      token: string,
      input: { commune: string; period: string; file: Blob; fileName: string; kind?: ListKind },
    ): Promise<{ blob: Blob; fileName: string }>;
    /** Why each person leaves a list (the preparer, before submitting); answers how many still lack one. */
    setDecreaseReasons(
      token: string,
      listId: string,
      decisions: { beneficiaryId: string; reason: DecreaseReason; note: string | null }[],
    ): Promise<{ missing: number }>;
    /** Answers name-only matches: is the row the roster's person? Answers how many remain. */
    setMatches(
      token: string,
      listId: string,
      answers: { beneficiaryId: string; row: number; same: boolean }[],
    ): Promise<{ undecided: number }>;
    /** Answers the field's proposals about people on the list: held back, or still paid (why). */
    setFieldOutcomes(
      token: string,
      listId: string,
      answers: { beneficiaryId: string; accept: boolean; note: string | null }[],
    ): Promise<{ undecided: number }>;
    /** An approved or published list as `.xlsx` in the columns it came in. */
    exportList(token: string, listId: string): Promise<{ blob: Blob; fileName: string }>;
    /** Saves how a commune's files of one layout have their columns read. */
    saveListMapping(
      token: string,
      input: { commune: string; sourceKey: string; fields: Record<string, string> },
    ): Promise<void>;
    /** The payers who share a commune with the user: to assign lines to, or to hand cash over to. */
    listPayers(token: string): Promise<Payer[]>;
    /** A paying month's cash ledgers: the payer's own, or every payer's of a supervisor's communes. */
    getCash(token: string, month: string): Promise<CashLedger[]>;
    /** Sets a commune's payment points and days (docs/protocol.md "Payment points"). */
    setPaymentSchedule(token: string, commune: string, schedule: PaymentSchedule): Promise<PaymentSchedule>;
    /** Sets a commune's "about the pilot" text, or null for the default (docs/protocol.md "About the pilot"). */
    setAboutPilot(token: string, commune: string, about: AboutPilot | null): Promise<AboutPilot | null>;
    /** A commune's month as its close sees it (docs/protocol.md "Closing a month"). */
    getClosing(token: string, commune: string, period: string): Promise<ClosingResponse>;
    /** Closes the month with one decision per unpaid line. */
    closeMonth(
      token: string,
      commune: string,
      period: string,
      decisions: CloseRequest['decisions'],
    ): Promise<ClosingResponse>;
  };

export type PushBody = { deviceId: string; lastSeq: number; ops: Record<string, unknown>[] };

/**
 * Push answers are read leniently: a newer server may add result codes, and an older app must
 * still record them rather than fail the whole batch.
 */
const pushAnswerSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  serverTime: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(pushStatuses),
      code: z.string().optional(),
      /** Duplicates: the first outcome's conflict or reject code. */
      firstCode: z.string().optional(),
      message: z.string().optional(),
      version: z.number().optional(),
    }),
  ),
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const http = createHttpClient(options);
  const { send, failure, fileOf, answer, call, timeoutMs } = http;
  return {
    ...payoutMethods(http),
    ...evidenceMethods(http),
    ...leaseMethods(http),
    ...userMethods(http),
    ...reportMethods(http),
    ...receiptMethods(http),
    login: (input) =>
      call('/api/auth/login', loginResponseSchema, { method: 'POST', body: { protocol: PROTOCOL_VERSION, ...input } }),
    logout: async (token) => {
      await call('/api/auth/logout', z.unknown(), { method: 'POST', token, body: { protocol: PROTOCOL_VERSION } });
    },
    me: async (token) => (await call('/api/me', meResponseSchema, { method: 'GET', token })).user,
    pull: (token, cursor, limit) => {
      // Columnar pages (issue 15) are a fifth fewer bytes compressed; a server that does not know
      // the parameter answers the plain page, which is read too.
      const q = new URLSearchParams({ limit: String(limit), format: PULL_FORMAT_COLUMNS });
      if (cursor) q.set('cursor', cursor);
      return call(`/api/sync/pull?${q.toString()}`, pulledPageSchema, { method: 'GET', token });
    },
    putBlob: async (token, hash, type, bytes) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': type };
      const response = await send(`/api/blobs/${hash}`, { method: 'PUT', headers, body: bytes });
      if (!response.ok) throw failure(response, await response.json().catch(() => null));
    },
    listDevices: async (token) => (await call('/api/devices', devicesResponseSchema, { method: 'GET', token })).devices,
    listConflicts: async (token, status = 'open') => {
      const q = new URLSearchParams({ status, limit: '1000' });
      return (await call(`/api/conflicts?${q.toString()}`, conflictsResponseSchema, { method: 'GET', token }))
        .conflicts;
    },
    setDeviceStatus: async (token, deviceId, action) =>
      (
        await call(`/api/devices/${encodeURIComponent(deviceId)}/${action}`, deviceResponseSchema, {
          method: 'POST',
          token,
          body: { protocol: PROTOCOL_VERSION },
        })
      ).device,
    push: (token, body) =>
      call('/api/sync/push', pushAnswerSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION, ...body },
      }),
    importOps: (token, file) =>
      call('/api/sync/import', pushAnswerSchema, { method: 'POST', token, body: { protocol: PROTOCOL_VERSION, file } }),
    listLists: async (token, commune, period) => {
      const q = new URLSearchParams({ commune, period });
      return (await call(`/api/lists?${q.toString()}`, listsResponseSchema, { method: 'GET', token })).lists;
    },
    getList: (token, listId) =>
      call(`/api/lists/${encodeURIComponent(listId)}`, listDetailResponseSchema, { method: 'GET', token }),
    importList: async (token, input) => {
      const q = new URLSearchParams({ commune: input.commune, period: input.period, kind: input.kind ?? 'month' });
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': input.file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(input.fileName),
      };
      // Reading a large sheet takes the server a while: more than an ordinary call.
      const response = await send(
        `/api/lists/import?${q.toString()}`,
        { method: 'POST', headers, body: input.file },
        Math.max(timeoutMs, 120_000),
      );
      const json: unknown = await response.json().catch(() => null);
      // 422 carries the findings: nothing was kept, but the answer says why.
      if (!response.ok && response.status !== 422) throw failure(response, json);
      return answer(listImportResponseSchema, response, json);
    },
    listStep: (token, listId, step, comment) =>
      call(`/api/lists/${encodeURIComponent(listId)}/${step}`, listStepResponseSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION, ...(comment === undefined ? {} : { comment }) },
      }),
    findingsFile: async (token, input) => {
      const q = new URLSearchParams({ commune: input.commune, period: input.period, kind: input.kind ?? 'month' });
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': input.file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(input.fileName),
      };
      const response = await send(
        `/api/lists/findings-file?${q.toString()}`,
        { method: 'POST', headers, body: input.file },
        Math.max(timeoutMs, 120_000),
      );
      return fileOf(response, 'ket-qua-kiem-tra.xlsx');
    },
    setDecreaseReasons: (token, listId, decisions) =>
      call(`/api/lists/${encodeURIComponent(listId)}/decreases`, listDecreasesResponseSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, decisions },
      }),
    setMatches: (token, listId, answers) =>
      call(`/api/lists/${encodeURIComponent(listId)}/matches`, listMatchesResponseSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, answers },
      }),
    setFieldOutcomes: (token, listId, answers) =>
      call(`/api/lists/${encodeURIComponent(listId)}/field-outcomes`, listFieldOutcomesResponseSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, answers },
      }),
    exportList: async (token, listId) => {
      const headers = { authorization: `Bearer ${token}` };
      const response = await send(`/api/lists/${encodeURIComponent(listId)}/export`, { method: 'GET', headers });
      return fileOf(response, 'danh-sach.xlsx');
    },
    saveListMapping: async (token, input) => {
      await call('/api/lists/mappings', z.unknown(), {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, ...input },
      });
    },
    listPayers: async (token) =>
      (await call('/api/staff/payers', payersResponseSchema, { method: 'GET', token })).payers,
    setPaymentSchedule: async (token, commune, schedule) =>
      (
        await call(`/api/communes/${commune}/payment-points`, paymentScheduleResponseSchema, {
          method: 'PUT',
          token,
          body: { protocol: PROTOCOL_VERSION, schedule },
        })
      ).schedule,
    setAboutPilot: async (token, commune, about) =>
      (
        await call(`/api/communes/${commune}/about-pilot`, aboutPilotResponseSchema, {
          method: 'PUT',
          token,
          body: { protocol: PROTOCOL_VERSION, about },
        })
      ).about,
    getCash: async (token, month) =>
      (await call(`/api/cash?month=${encodeURIComponent(month)}`, cashResponseSchema, { method: 'GET', token }))
        .ledgers,
    getClosing: (token, commune, period) =>
      call(`/api/months/${period}/${commune}/closing`, closingResponseSchema, { method: 'GET', token }),
    closeMonth: (token, commune, period, decisions) =>
      call(`/api/months/${period}/${commune}/close`, closingResponseSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION, decisions },
      }),
  };
}
