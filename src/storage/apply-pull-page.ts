/** Applies one pulled page and its cursor in a single local transaction (docs/protocol.md "Pull"). */
import { conflictDataSchema } from '../protocol/conflicts';
import {
  beneficiaryDataSchema,
  communeDataSchema,
  paymentLineDataSchema,
  periodDataSchema,
} from '../protocol/entities';
import type { Change } from '../protocol/pull';
import type { AppDb, BeneficiaryRow, CommuneRow, ConflictRow, IdCheckRow, PaymentLineRow, PeriodRow } from './app-db';
import type { LocalTable } from './local-ops';
import { rebuildEntity, shadowKey, tableOf as opTable } from './local-ops';
import { appendSealedPages, sealPagesOf } from './roster-pages';
import { toBeneficiaryRow } from './roster-row';

export type ApplyPageResult = { applied: number; skipped: number };

type Buckets = {
  idChecks: IdCheckRow[];
  conflicts: ConflictRow[];
  communes: CommuneRow[];
  beneficiaries: BeneficiaryRow[];
  periods: PeriodRow[];
  paymentLines: PaymentLineRow[];
  deletes: Record<'communes' | 'beneficiaries' | 'periods' | 'paymentLines' | 'idChecks' | 'conflicts', string[]>;
  skipped: number;
};

function sortChanges(changes: readonly Change[]): Buckets {
  const b: Buckets = {
    idChecks: [],
    conflicts: [],
    communes: [],
    beneficiaries: [],
    periods: [],
    paymentLines: [],
    deletes: { communes: [], beneficiaries: [], periods: [], paymentLines: [], idChecks: [], conflicts: [] },
    skipped: 0,
  };
  for (const c of changes) {
    const table = tableOf(c.entity);
    if (!table) {
      // Entities this app version does not know yet (settings, or newer kinds) are
      // skipped, not fatal: a newer server must not break an older app.
      b.skipped++;
      continue;
    }
    if (c.deleted || c.data === null) {
      b.deletes[table].push(c.id);
      continue;
    }
    const row = toRow(table, c);
    if (row) pushRow(b, table, row);
    else b.skipped++;
  }
  return b;
}

type Table = keyof Buckets['deletes'];
type AnyRow = CommuneRow | BeneficiaryRow | PeriodRow | PaymentLineRow | IdCheckRow | ConflictRow;

function tableOf(entity: Change['entity']): Table | null {
  switch (entity) {
    case 'commune':
      return 'communes';
    case 'beneficiary':
      return 'beneficiaries';
    case 'period':
      return 'periods';
    case 'payment-line':
      return 'paymentLines';
    case 'id-check':
      return 'idChecks';
    case 'conflict':
      return 'conflicts';
    case 'setting':
      return null;
  }
}

function toRow(table: Table, c: Change): AnyRow | null {
  switch (table) {
    case 'communes': {
      const p = communeDataSchema.safeParse(c.data);
      return p.success ? { ...p.data, id: c.id, version: c.version } : null;
    }
    case 'beneficiaries': {
      const p = beneficiaryDataSchema.safeParse(c.data);
      return p.success ? toBeneficiaryRow(c.id, c.version, p.data) : null;
    }
    case 'periods': {
      const p = periodDataSchema.safeParse(c.data);
      return p.success ? { ...p.data, id: c.id, version: c.version } : null;
    }
    case 'paymentLines': {
      const p = paymentLineDataSchema.safeParse(c.data);
      return p.success ? { ...p.data, id: c.id, version: c.version } : null;
    }
    case 'idChecks': {
      const beneficiaryId = c.data?.['beneficiaryId'];
      return typeof beneficiaryId === 'string' ? { ...c.data, beneficiaryId, id: c.id, version: c.version } : null;
    }
    case 'conflicts': {
      const p = conflictDataSchema.safeParse(c.data);
      return p.success ? { ...p.data, id: c.id, version: c.version } : null;
    }
  }
}

function pushRow(b: Buckets, table: Table, row: AnyRow): void {
  (b[table] as AnyRow[]).push(row);
}

/**
 * One transaction for the rows and the cursor: after a crash the device either has the
 * page and its cursor, or neither, so resuming never skips or double-counts (docs/protocol.md "Pull").
 */
export async function applyPullPage(
  db: AppDb,
  changes: readonly Change[],
  cursor: string,
  receivedTotal: number,
): Promise<ApplyPageResult> {
  const b = sortChanges(changes);
  // The outbox and shadows are in the transaction so an op recorded meanwhile cannot slip between
  // the pulled rows and the re-application of pending ops (writing it makes this one strict).
  const tables = [
    db.communes,
    db.beneficiaries,
    db.rosterPages,
    db.periods,
    db.paymentLines,
    db.kv,
    db.shadows,
    db.outbox,
    db.idChecks,
    db.conflicts,
    db.blobs,
  ];
  // Sealed before the transaction: WebCrypto is not IndexedDB work and would end it.
  const pages = await sealPagesOf(db, b.beneficiaries, b.deletes.beneficiaries);
  await db.transaction('rw', tables, async () => {
    await Promise.all([
      db.communes.bulkPut(b.communes),
      db.periods.bulkPut(b.periods),
      db.paymentLines.bulkPut(b.paymentLines),
      db.idChecks.bulkPut(b.idChecks),
      db.conflicts.bulkPut(b.conflicts),
      db.idChecks.bulkDelete(b.deletes.idChecks),
      db.conflicts.bulkDelete(b.deletes.conflicts),
      db.communes.bulkDelete(b.deletes.communes),
      db.periods.bulkDelete(b.deletes.periods),
      db.paymentLines.bulkDelete(b.deletes.paymentLines),
      db.kv.put({ key: 'pullCursor', value: cursor }),
      db.kv.put({ key: 'pullApplied', value: receivedTotal }),
      // Last: an async function's promise, so a write above that throws at once never leaves it
      // rejecting unobserved when the transaction aborts.
      appendSealedPages(db, pages),
    ]);
    await reapplyPending(db, b);
    await dropSupersededEdits(db, [...b.beneficiaries.map((r) => r.id), ...b.deletes.beneficiaries]);
    await resendMissingEvidence(db, b.paymentLines);
  });
  return { applied: changes.length - b.skipped, skipped: b.skipped };
}

/**
 * Evidence a pulled line says the server lacks (`missingBlobs`) but this device holds as sent:
 * it waits to be uploaded again by the next push (push-pending.ts). The server drops blobs no
 * op named within its grace period (docs/protocol.md "Blobs"), so an upload whose op came late
 * is not lost.
 */
async function resendMissingEvidence(db: AppDb, lines: readonly PaymentLineRow[]): Promise<void> {
  const hashes = lines.flatMap((line) => {
    const listed: unknown = line['missingBlobs'];
    if (!Array.isArray(listed)) return [];
    return listed.flatMap((m: unknown) =>
      typeof m === 'object' && m !== null && typeof (m as { sha256?: unknown }).sha256 === 'string'
        ? [(m as { sha256: string }).sha256]
        : [],
    );
  });
  if (hashes.length === 0) return;
  await db.blobs
    .where('hash')
    .anyOf(hashes)
    .filter((blob) => blob.uploaded === 1)
    .modify({ uploaded: 0 });
}

/**
 * Pulled people whose edited record (roster-pages.ts) has no unanswered op left: the page just
 * written holds the server's copy, which includes every answered op, so the record goes.
 */
async function dropSupersededEdits(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || (await db.beneficiaries.count()) === 0) return;
  const held = await db.beneficiaries
    .where(':id')
    .anyOf([...ids])
    .primaryKeys();
  if (held.length === 0) return;
  const shadows = await db.shadows.bulkGet(held.map((id) => shadowKey('beneficiaries', id)));
  await db.beneficiaries.bulkDelete(held.filter((_, i) => shadows[i] === undefined));
}

/**
 * Entities of this page that still have unanswered ops: the pulled row becomes their new server
 * copy and the pending ops are applied on top, so the user keeps seeing their own change.
 */
async function reapplyPending(db: AppDb, b: Buckets): Promise<void> {
  if ((await db.shadows.count()) === 0) return;
  const pulled: [LocalTable, string, AnyRow | null][] = [
    ...b.beneficiaries.map((r): [LocalTable, string, AnyRow] => ['beneficiaries', r.id, r]),
    ...b.paymentLines.map((r): [LocalTable, string, AnyRow] => ['paymentLines', r.id, r]),
    ...b.deletes.beneficiaries.map((id): [LocalTable, string, null] => ['beneficiaries', id, null]),
    ...b.deletes.paymentLines.map((id): [LocalTable, string, null] => ['paymentLines', id, null]),
  ];
  for (const [table, id, row] of pulled) {
    const shadow = await db.shadows.get(shadowKey(table, id));
    if (!shadow) continue;
    // The pulled row already includes every answered op: only pending ones go on top.
    const pending = await db.outbox
      .where('entityId')
      .equals(id)
      // Only this table's ops: a pending ID check names the same beneficiary id.
      .filter((o) => o.state === 'pending' && opTable(o.type) === table)
      .toArray();
    const fromSeq = pending.reduce((min, o) => Math.min(min, o.seq), Number.MAX_SAFE_INTEGER);
    await db.shadows.put({ ...shadow, row: row, fromSeq });
    await rebuildEntity(db, table, id);
  }
}
