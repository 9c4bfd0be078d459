/**
 * The HTTP client under the transports (docs/protocol.md "Transport"): one timeout, one way to read
 * the server's error body, JSON calls checked against their answer schema, and attachments.
 */
import type { z } from 'zod';
import { AppError } from '../lib/app-error';
import { errorBodySchema } from '../protocol/error-codes';

/** `network` when the server could not be reached; otherwise the server's error code. */
export class TransportError extends AppError {
  override name = 'TransportError';
  readonly status: number;

  constructor(code: string, message: string, status: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = status;
  }
}

export type HttpTransportOptions = { baseUrl?: string; fetch?: typeof fetch; timeoutMs?: number };

export type HttpClient = ReturnType<typeof createHttpClient>;

export function createHttpClient(options: HttpTransportOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  /** Sends a request; a server that cannot be reached is a `network` failure. */
  async function send(path: string, init: RequestInit, timeout = timeoutMs): Promise<Response> {
    try {
      return await doFetch(baseUrl + path, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (cause) {
      throw new TransportError('network', 'Không kết nối được máy chủ.', 0, { cause });
    }
  }

  /** The error a refused request carries: the server's code and message, or its status. */
  function failure(response: Response, json: unknown): TransportError {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) return new TransportError(parsed.data.error.code, parsed.data.error.message, response.status);
    return new TransportError('http-' + String(response.status), 'Máy chủ trả lời bất thường.', response.status);
  }

  /** A file the server sends as an attachment, with the name it gives. */
  async function fileOf(response: Response, fallback: string): Promise<{ blob: Blob; fileName: string }> {
    if (!response.ok) throw failure(response, await response.json().catch(() => null));
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/u.exec(disposition)?.[1];
    return { blob: await response.blob(), fileName: encoded ? decodeURIComponent(encoded) : fallback };
  }

  function answer<S extends z.ZodType>(schema: S, response: Response, json: unknown): z.infer<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TransportError('bad-response', 'Máy chủ trả lời sai định dạng.', response.status);
    return parsed.data;
  }

  async function call<S extends z.ZodType>(
    path: string,
    schema: S,
    init: { method: 'GET' | 'POST' | 'PUT'; token?: string; body?: unknown },
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const body = init.body === undefined ? null : JSON.stringify(init.body);
    const response = await send(path, { method: init.method, headers, body });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw failure(response, json);
    return answer(schema, response, json);
  }

  return { send, failure, fileOf, answer, call, timeoutMs };
}
