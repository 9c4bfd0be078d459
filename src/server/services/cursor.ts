/**
 * Pull cursors: opaque to the device, signed by the server. A cursor says "all changes
 * after sequence N" for one scope (the set of communes it was issued for).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../lib/result';

export type CursorState = { seq: number; scope: string };

const CURSOR_VERSION = 1;

/** Short stable hash of a set of commune codes (order and duplicates do not matter). */
export function scopeHash(communes: readonly string[]): string {
  const canonical = [...new Set(communes)].sort().join(',');
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function encodeCursor(state: CursorState, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ v: CURSOR_VERSION, seq: state.seq, scope: state.scope })).toString(
    'base64url',
  );
  return `${payload}.${sign(payload, secret)}`;
}

export function decodeCursor(cursor: string, secret: string): Result<CursorState, 'invalid-cursor'> {
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0) return err('invalid-cursor');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err('invalid-cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    // Signed by us but unreadable: only possible with a leaked secret or a bug; refuse it.
    return err('invalid-cursor');
  }
  if (!isCursorPayload(parsed)) return err('invalid-cursor');
  return ok({ seq: parsed.seq, scope: parsed.scope });
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function isCursorPayload(value: unknown): value is { v: 1; seq: number; scope: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['v'] === CURSOR_VERSION &&
    typeof v['seq'] === 'number' &&
    Number.isSafeInteger(v['seq']) &&
    v['seq'] >= 0 &&
    typeof v['scope'] === 'string'
  );
}
