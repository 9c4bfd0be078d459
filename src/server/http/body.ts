/** Parsing at the edge: bad JSON, a wrong protocol version and schema failures become request errors. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { httpError } from './errors';

/** Reads and validates a JSON body; throws an HttpError (400 / 409) for anything else. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw httpError('invalid-json', { cause });
  }
  if (typeof body === 'object' && body !== null && 'protocol' in body && body.protocol !== PROTOCOL_VERSION) {
    throw httpError('protocol-mismatch');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw httpError('invalid-body', { cause: parsed.error });
  return parsed.data;
}

/** Validates the query string; throws 400 invalid-query. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw httpError('invalid-query', { cause: parsed.error });
  return parsed.data;
}
