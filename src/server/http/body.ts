/** Parsing at the edge: bad JSON, a wrong protocol version and schema failures become request errors. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { isIllFormed } from '../../lib/well-formed';
import { PROTOCOL_VERSION } from '../../protocol/common';
import { httpError } from './errors';

/**
 * Whether any string or key of a parsed body is ill-formed, not looking inside `ops` arrays when
 * `skipOps` (a push or an import answers each op on its own: docs/protocol.md "Push").
 */
function hasIllFormedText(value: unknown, skipOps: boolean): boolean {
  const stack: unknown[] = [value];
  for (let v = stack.pop(); v !== undefined || stack.length > 0; v = stack.pop()) {
    if (typeof v === 'string') {
      if (isIllFormed(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (isIllFormed(k)) return true;
        if (!(skipOps && k === 'ops' && Array.isArray(child))) stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Reads and validates a JSON body; throws an HttpError (400 / 409) for anything else, ill-formed
 * text included (issue 13, finding 7: a NUL or a lone surrogate gave 500 on PostgreSQL).
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  options: { opsAnsweredOneByOne?: boolean } = {},
): Promise<z.output<S>> {
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
  if (hasIllFormedText(body, options.opsAnsweredOneByOne === true)) throw httpError('invalid-body');
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
