/** The read path of sync (docs/protocol.md "Pull"): a page of changes in the user's scope, in commit order. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { EntityKind } from '../../protocol/pull';
import type { Database } from '../db/schema';
import { decodeCursor, encodeCursor, scopeHash } from './cursor';
import { err, ok, type Result } from '../../lib/result';

export type PulledRow = {
  entity: EntityKind;
  id: string;
  version: number;
  deleted: boolean;
  /** The stored JSON text, passed through to the response without re-parsing; null when deleted. */
  dataJson: string | null;
};

export type PullPage = {
  cursor: string;
  hasMore: boolean;
  /** In-scope changes after this page. */
  remaining: number;
  changes: PulledRow[];
};

export type PullInput = {
  /** The user's communes; global rows (commune_code null) are always in scope. */
  communes: readonly string[];
  cursor: string | undefined;
  limit: number;
  cursorSecret: string;
};

/**
 * Reads one page. A cursor issued for another scope (the user's communes changed) starts
 * again from 0: a grown scope then brings the new communes' data. When the scope shrank,
 * the device wipes what left it on its side (it sees the new communes in `user`).
 */
export async function pullPage(db: Kysely<Database>, input: PullInput): Promise<Result<PullPage, 'invalid-cursor'>> {
  const scope = scopeHash(input.communes);
  let after = 0;
  if (input.cursor !== undefined && input.cursor !== '') {
    const decoded = decodeCursor(input.cursor, input.cursorSecret);
    if (!decoded.ok) return err(decoded.error);
    after = decoded.value.scope === scope ? decoded.value.seq : 0;
  }
  const communes = [...new Set(input.communes)];
  const inScope = (eb: ExpressionBuilder<Database, 'entities'>) =>
    communes.length === 0
      ? eb('commune_code', 'is', null)
      : eb.or([eb('commune_code', 'in', communes), eb('commune_code', 'is', null)]);

  // One indexed read in commit order; one row more than asked tells whether a page follows.
  // Both planners pick by scope size (statistics from ANALYZE): a wide scope walks the
  // change_seq index and stops after `limit` rows, a narrow one reads its communes' ranges.
  const rows = await db
    .selectFrom('entities')
    .select(['entity', 'id', 'version', 'deleted', 'data', 'change_seq'])
    .where('change_seq', '>', after)
    .where(inScope)
    .orderBy('change_seq')
    .limit(input.limit + 1)
    .execute();
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const lastSeq = page.length > 0 ? Number(page[page.length - 1]?.change_seq) : after;

  const remaining = hasMore ? await countAfter(db, communes, lastSeq) : 0;

  return ok({
    cursor: encodeCursor({ seq: lastSeq, scope }, input.cursorSecret),
    hasMore,
    remaining,
    changes: page.map((r) => ({
      entity: r.entity,
      id: r.id,
      version: Number(r.version),
      deleted: Boolean(r.deleted),
      dataJson: r.deleted ? null : r.data,
    })),
  });
}

/**
 * In-scope changes after `seq`. Two range counts on (commune_code, change_seq), each an
 * index-only scan on both databases; with `… OR commune_code IS NULL` in one query
 * PostgreSQL scans the whole index instead.
 */
async function countAfter(db: Kysely<Database>, communes: readonly string[], seq: number): Promise<number> {
  const count = async (where: (eb: ExpressionBuilder<Database, 'entities'>) => Expression<SqlBool>) => {
    const row = await db
      .selectFrom('entities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('change_seq', '>', seq)
      .where(where)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const global = await count((eb) => eb('commune_code', 'is', null));
  return communes.length === 0 ? global : global + (await count((eb) => eb('commune_code', 'in', communes)));
}
