/**
 * Per-device seq bookkeeping after a push (docs/protocol.md "Push"): the `lastSeq` the device reports,
 * the highest seq that arrived, and gaps: seqs skipped by ops that did arrive, i.e. ops made on
 * the device that may be lost. Gaps are logged (device id and range only) and kept for
 * supervisors until the missing ops arrive.
 */
import type { Kysely } from 'kysely';
import { lockKey } from '../db/dialect';
import type { Database, SeqGapsTable } from '../db/schema';
import type { Logger } from '../logger';

export type SeqProgress = {
  /** `lastSeq` from the push body. */
  lastSeq: number;
  /** Seqs claimed by ops of this push (used to fill earlier gaps). */
  arrived: readonly number[];
  now: number;
  logger: Logger;
};

export type Gap = { from: number; to: number; detectedAt: number };

export async function recordSeqProgress(db: Kysely<Database>, deviceId: string, p: SeqProgress): Promise<Gap[]> {
  return db.transaction().execute(async (trx) => {
    // Two pushes of one device (an overlapping retry) must not both extend the high-water mark.
    await lockKey(trx, `device:${deviceId}`);
    const device = await trx
      .selectFrom('devices')
      .select(['max_seq_received', 'last_seq_reported'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!device) return [];
    const before = Number(device.max_seq_received);
    // From the log, not only this push: ops of a push that failed half-way count too.
    const above = await trx
      .selectFrom('ops')
      .select('seq')
      .where('device_id', '=', deviceId)
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    const newGaps: Gap[] = [];
    let previous = before;
    for (const { seq } of above) {
      const s = Number(seq);
      if (s > previous + 1) newGaps.push({ from: previous + 1, to: s - 1, detectedAt: p.now });
      previous = s;
    }
    const lastSeq = Number.isSafeInteger(p.lastSeq) ? p.lastSeq : 0;
    await trx
      .updateTable('devices')
      .set({
        max_seq_received: previous,
        last_seq_reported: Math.max(Number(device.last_seq_reported), lastSeq, previous),
      })
      .where('id', '=', deviceId)
      .execute();

    await fillGaps(
      trx,
      deviceId,
      p.arrived.filter((s) => s <= before),
    );
    if (newGaps.length > 0) {
      await trx
        .insertInto('seq_gaps')
        .values(newGaps.map((g) => gapRow(deviceId, g)))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const g of newGaps)
      p.logger.warn('seq gap: ops may be lost on the device', { deviceId, fromSeq: g.from, toSeq: g.to });
    return newGaps;
  });
}

/** Late arrivals (an op that had been skipped) shrink or remove the gaps they fall in. */
async function fillGaps(db: Kysely<Database>, deviceId: string, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const low = sorted[0] ?? 0;
  const high = sorted[sorted.length - 1] ?? 0;
  const rows = await db
    .selectFrom('seq_gaps')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('from_seq', '<=', high)
    .where('to_seq', '>=', low)
    .execute();
  if (rows.length === 0) return;
  const remaining = subtractSeqs(
    rows.map((r) => ({ from: Number(r.from_seq), to: Number(r.to_seq), detectedAt: Number(r.detected_at) })),
    sorted,
  );
  await db
    .deleteFrom('seq_gaps')
    .where('device_id', '=', deviceId)
    .where(
      'from_seq',
      'in',
      rows.map((r) => Number(r.from_seq)),
    )
    .execute();
  if (remaining.length > 0)
    await db
      .insertInto('seq_gaps')
      .values(remaining.map((g) => gapRow(deviceId, g)))
      .execute();
}

/** The gaps minus the given seqs (sorted ascending); a seq inside a gap splits it. */
export function subtractSeqs(gaps: readonly Gap[], sorted: readonly number[]): Gap[] {
  const out: Gap[] = [];
  for (const g of gaps) {
    let from = g.from;
    for (const s of sorted) {
      if (s < from || s > g.to) continue;
      if (s > from) out.push({ ...g, from, to: s - 1 });
      from = s + 1;
    }
    if (from <= g.to) out.push({ ...g, from });
  }
  return out;
}

const gapRow = (deviceId: string, g: Gap): SeqGapsTable => ({
  device_id: deviceId,
  from_seq: g.from,
  to_seq: g.to,
  detected_at: g.detectedAt,
});
