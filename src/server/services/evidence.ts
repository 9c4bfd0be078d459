/**
 * A payment's evidence for a supervisor (issue 13, "Evidence view"; docs/protocol.md "Blobs"):
 * the payments recorded on a line with their signature, photo and card check, and the bytes of
 * one of those blobs — only for a line of the viewer's communes, only a blob one of its payments
 * names, and every look written to `evidence_views` (no personal data goes to the log).
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { EvidencePayment } from '../../protocol/evidence';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { getEntity } from './entity-store';
import { readLine } from './line-state';

type Viewer = { user: User; now: number };

async function lineInScope(db: Kysely<Database>, user: User, lineId: string) {
  const stored = await getEntity(db, 'payment-line', lineId);
  if (!stored || stored.deleted || !can(user, 'evidence.view', stored.communeCode)) return undefined;
  return readLine(stored.data);
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The payment ops recorded on the line, as evidence, counted first. */
async function paymentsOf(
  db: Kysely<Database>,
  lineId: string,
  countedOpId: string | null,
): Promise<EvidencePayment[]> {
  const rows = await db
    .selectFrom('ops')
    .leftJoin('users', 'users.id', 'ops.user_id')
    .select(['ops.op_id', 'ops.envelope', 'ops.recorded_at', 'users.display_name'])
    .where('ops.entity_id', '=', lineId)
    .where('ops.type', '=', 'payment.record')
    .where('ops.status', '!=', 'rejected')
    .orderBy('ops.received_at')
    .execute();
  return rows.map((r) => {
    const envelope = JSON.parse(r.envelope) as { payload?: Record<string, unknown> };
    const p = envelope.payload ?? {};
    const check = p['idCheck'] as Record<string, unknown> | undefined;
    return {
      opId: r.op_id,
      userName: r.display_name,
      recordedAt: r.recorded_at,
      amount: typeof p['amount'] === 'number' ? p['amount'] : 0,
      receiver: (p['receiver'] as EvidencePayment['receiver'] | undefined) ?? { kind: 'self' },
      signature: text(p['signature']),
      photo: text(p['photo']),
      idCheck: check
        ? {
            method: text(check['method']) ?? '',
            overall: text(check['overall']) ?? '',
            reason: text(check['reason']),
          }
        : null,
      isCounted: r.op_id === countedOpId,
    };
  });
}

export async function lineEvidence(
  db: Kysely<Database>,
  viewer: Viewer,
  lineId: string,
): Promise<Result<EvidencePayment[], 'not-found'>> {
  const line = await lineInScope(db, viewer.user, lineId);
  if (!line) return err('not-found');
  const payments = await paymentsOf(db, lineId, line.state.payment?.opId ?? null);
  await db
    .insertInto('evidence_views')
    .values({ user_id: viewer.user.id, line_id: lineId, sha256: null, at: viewer.now })
    .execute();
  return ok(payments);
}

export async function evidenceBlob(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { lineId: string; sha256: string },
): Promise<Result<{ bytes: Uint8Array; contentType: string }, 'not-found'>> {
  const line = await lineInScope(db, viewer.user, input.lineId);
  if (!line) return err('not-found');
  const named = (await paymentsOf(db, input.lineId, null)).some(
    (p) => p.signature === input.sha256 || p.photo === input.sha256,
  );
  if (!named) return err('not-found');
  const blob = await db
    .selectFrom('blobs')
    .select(['bytes', 'content_type'])
    .where('sha256', '=', input.sha256)
    .executeTakeFirst();
  if (!blob) return err('not-found');
  await db
    .insertInto('evidence_views')
    .values({ user_id: viewer.user.id, line_id: input.lineId, sha256: input.sha256, at: viewer.now })
    .execute();
  return ok({ bytes: new Uint8Array(blob.bytes), contentType: blob.content_type });
}
