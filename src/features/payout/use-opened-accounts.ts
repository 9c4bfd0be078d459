/**
 * What the opened-accounts review asks of the server (online only; docs/protocol.md "Opened
 * accounts"): the providers, the reading of a file (a review, nothing changes) and its one
 * application with the rows the supervisor accepted; and the screen's state between them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Provider } from '../../protocol/batches';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { openedAccountsReviewSchema, type OpenedAccountsReview } from '../../protocol/opened-accounts';
import { createHttpClient, type HttpClient } from '../../sync/http-client';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

export type OpenedAccountsCalls = {
  /** Reads and matches a provider's file for a commune; nothing changes. */
  read(
    token: string,
    input: { providerId: string; commune: string; file: Blob; fileName: string },
  ): Promise<OpenedAccountsReview>;
  /** Applies a reading once: its matches and the differing names listed in `accept`. */
  apply(
    token: string,
    input: { providerId: string; importId: string; accept: number[] },
  ): Promise<OpenedAccountsReview>;
};

/** The two calls on an HTTP client (shaped like sync/payout-transport.ts, to move there). */
export function openedAccountsCalls(http: HttpClient): OpenedAccountsCalls {
  const { call, send, failure, answer, timeoutMs } = http;
  const path = (providerId: string, rest = '') =>
    `/api/providers/${encodeURIComponent(providerId)}/opened-accounts${rest}`;
  return {
    read: async (token, input) => {
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': input.file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(input.fileName),
      };
      const query = `?${new URLSearchParams({ commune: input.commune }).toString()}`;
      // A province's file is read and matched against the whole roster: longer than an ordinary call.
      const response = await send(
        path(input.providerId, query),
        { method: 'POST', headers, body: input.file },
        Math.max(timeoutMs, 120_000),
      );
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) throw failure(response, json);
      return answer(openedAccountsReviewSchema, response, json);
    },
    apply: (token, input) =>
      call(path(input.providerId, `/${encodeURIComponent(input.importId)}/apply`), openedAccountsReviewSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION, accept: input.accept },
      }),
  };
}

/** The app's calls, with the same defaults as its transport (same origin, its timeout). */
export const defaultOpenedAccountsCalls: OpenedAccountsCalls = openedAccountsCalls(createHttpClient());

export type ProvidersState =
  { state: 'loading' } | { state: 'ready'; providers: Provider[] } | { state: 'failed'; code: string };

const codeOf = (e: unknown) => (e as { code?: string }).code ?? 'unexpected';

/** The providers in use (not disabled), with a retry. */
export function useProviderChoices(): [ProvidersState, () => void] {
  const { transport } = useServices();
  const token = useSession()?.token;
  const [remote, setRemote] = useState<ProvidersState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!token) return;
    let live = true;
    setRemote({ state: 'loading' });
    transport.listProviders(token).then(
      (providers) => live && setRemote({ state: 'ready', providers: providers.filter((p) => !p.disabled) }),
      (e: unknown) => live && setRemote({ state: 'failed', code: codeOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [transport, token, attempt]);
  return [remote, useCallback(() => setAttempt((n) => n + 1), [])];
}

export type ReviewStep =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'review'; review: OpenedAccountsReview }
  | { step: 'applying'; review: OpenedAccountsReview }
  | { step: 'applied'; review: OpenedAccountsReview };

/** A file's way: read (a review), rows accepted one by one, applied once. */
export function useOpenedAccountsReview(calls: OpenedAccountsCalls) {
  const token = useSession()?.token;
  const [current, setCurrent] = useState<ReviewStep>({ step: 'choose' });
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);

  const read = async (input: { providerId: string; commune: string; file: Blob; fileName: string }) => {
    if (!token) return;
    setFailure(null);
    setAccepted(new Set());
    setCurrent({ step: 'reading' });
    try {
      setCurrent({ step: 'review', review: await calls.read(token, input) });
    } catch (e) {
      setCurrent({ step: 'choose' });
      setFailure(codeOf(e));
    }
  };

  const apply = async () => {
    if (!token || current.step !== 'review') return;
    const { review } = current;
    setFailure(null);
    setCurrent({ step: 'applying', review });
    try {
      const accept = [...accepted].sort((a, b) => a - b);
      const applied = await calls.apply(token, { providerId: review.providerId, importId: review.importId, accept });
      setCurrent({ step: 'applied', review: applied });
    } catch (e) {
      setCurrent({ step: 'review', review });
      setFailure(codeOf(e));
    }
  };

  const toggle = (row: number, accept: boolean) =>
    setAccepted((before) => {
      const next = new Set(before);
      if (accept) next.add(row);
      else next.delete(row);
      return next;
    });

  const reset = () => {
    setCurrent({ step: 'choose' });
    setAccepted(new Set());
    setFailure(null);
  };

  return { current, accepted, failure, read, apply, toggle, reset };
}
