/**
 * Negotiated compression of answers (issue 15, docs/protocol.md "Transport"): brotli or gzip by
 * the request's `Accept-Encoding`, with node:zlib, streamed. A pull page of 2,000 records is about
 * 1 MB of JSON and 90–110 KB compressed; on a 1.6 Mbit/s link that is the difference between
 * five seconds and half a second per page.
 *
 * Left alone: HEAD, bodies under `threshold` bytes, answers already encoded (the static app's
 * precompressed `.br`/`.gz`), partial content, `no-transform`, and types that do not compress
 * (images, `.xlsx`, which is a zip). Compressible types always get `Vary: Accept-Encoding`.
 */
import { pipeline, Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';

export type Encoding = 'br' | 'gzip';

/**
 * Brotli quality 5 and gzip level 6 for answers made per request, measured on a demo pull page
 * (2,000 records, 1,034,509 bytes of JSON): brotli 4 → 111,035 bytes in 6 ms, 5 → 99,534 in
 * 21 ms, 6 → 96,019 in 24 ms, 7 → 93,010 in 31 ms; gzip 6 → 113,569 in 20 ms. On a 1.6 Mbit/s
 * link 5 saves 60 ms of transfer per page over 4 for 15 ms of a zlib thread (never the event
 * loop); above 5 the time grows faster than the bytes shrink. The static app is compressed once
 * at build time at the highest settings (`server/cli/precompress.ts`).
 */
export const DYNAMIC_BROTLI_QUALITY = 5;
export const DYNAMIC_GZIP_LEVEL = 6;

/** Under this many bytes compressing costs more than it saves (headers, CPU). */
export const COMPRESS_THRESHOLD = 1024;

const COMPRESSIBLE =
  /^\s*(?:text\/|application\/(?:json|javascript|xml|manifest\+json|[^;\s]+\+(?:json|xml))|image\/svg\+xml)/i;

export function isCompressible(contentType: string | null): boolean {
  return contentType !== null && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to answer with: brotli when the client accepts it, else gzip; none when it accepts
 * neither (q=0 refuses; `*` accepts both).
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** A node:zlib compressor for one answer; `sizeHint` helps brotli size its window. */
export function compressor(encoding: Encoding, sizeHint?: number) {
  if (encoding === 'gzip') return createGzip({ level: DYNAMIC_GZIP_LEVEL } satisfies ZlibOptions);
  const params: BrotliOptions['params'] = {
    [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  };
  if (sizeHint) params[constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return createBrotliCompress({ params });
}

type Peeked = { chunks: Uint8Array[]; size: number; done: boolean };

/** Reads until `limit` bytes or the end, so a small body of unknown length stays uncompressed. */
async function peek(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<Peeked> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, done: true };
    chunks.push(value);
    size += value.byteLength;
  }
  return { chunks, size, done: false };
}

async function* rest(peeked: Peeked, reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  let finished = peeked.done;
  try {
    yield* peeked.chunks;
    while (!finished) {
      const { done, value } = await reader.read();
      finished = done;
      if (value) yield value;
    }
  } finally {
    // The client went away mid-answer: let the route's stream go too.
    if (!finished) void reader.cancel().catch(() => undefined);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function addVary(headers: Headers): void {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

export function compression(threshold = COMPRESS_THRESHOLD): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.status === 206 || res.status === 204) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Content-Range')) return;
    if (!isCompressible(res.headers.get('Content-Type'))) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    addVary(res.headers);
    const declared = res.headers.get('Content-Length');
    if (declared !== null && Number(declared) < threshold) return;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;

    const reader = res.body.getReader();
    const head = await peek(reader, threshold);
    if (head.done && head.size < threshold) {
      // Too small to be worth it: the same bytes, now with their length.
      c.res = new Response(concat(head.chunks, head.size), res);
      c.res.headers.set('Content-Length', String(head.size));
      return;
    }
    // pipeline, not pipe: a failing body destroys the compressor, so the answer ends with an error
    // instead of hanging.
    const zipped = pipeline(
      Readable.from(rest(head, reader)),
      compressor(encoding, declared ? Number(declared) : undefined),
      () => undefined,
    );
    c.res = new Response(Readable.toWeb(zipped) as ReadableStream<Uint8Array>, res);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
  };
}
