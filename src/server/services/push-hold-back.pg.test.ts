import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { isIllFormed } from '../../lib/well-formed';
import type { PushResponse } from '../../protocol/push';
import { createDirectWorld, type DirectWorld } from '../testing/direct-push';
import { pgDbMaker } from '../testing/databases';
import { BENEFICIARIES, LINES, PHU_BAI, payloadCutInsidePair, samplePayload } from '../testing/push-world';
import { MAX_DETAIL } from './op-log';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
const makeDb = pgDbMaker(url);

/** Every table a push writes, read whole (rows sorted: the order of a scan is no answer). */
const pushTables = [
  'entities',
  'ops',
  'conflicts',
  'field_versions',
  'seq_gaps',
  'devices',
  'change_counter',
  'blobs',
  'blob_refs',
  'missing_blobs',
  'report_lines',
  'report_people',
  'report_people_months',
  'report_id_checks',
  'report_line_totals',
  'report_paid_days',
  'report_first_non_cash',
  'payment_fees',
] as const;

async function storedState(w: DirectWorld): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of pushTables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(w.db.kysely);
    state[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return state;
}

const SIGNATURE = 'a'.repeat(64);

/**
 * Two pushes of one officer's device with every kind of answer a group gives: a double payment,
 * a replay in the same batch, a reused seq, an op without a seq, forbidden, invalid-payload (its
 * detail cut inside an emoji), two edits of a beneficiary the group holds, evidence not yet
 * uploaded; then the whole batch again with new ops behind it.
 */
async function pushScenario(w: DirectWorld): Promise<PushResponse[]> {
  const officer = await w.addActor('officer', 'officer', [PHU_BAI]);
  const pay = w.op(officer, 'payment.record', LINES.due);
  const payAgain = w.op(officer, 'payment.record', LINES.due);
  const seqReused = w.op(
    officer,
    'beneficiary.update',
    BENEFICIARIES.active,
    { phone: '0912000333' },
    {
      seq: pay['seq'],
    },
  );
  const { seq: _dropped, ...noSeq } = w.op(officer, 'beneficiary.update', BENEFICIARIES.active);
  const forbidden = w.op(officer, 'payment.record', LINES.due2, samplePayload('payment.record'), {
    actorId: 'user-somebody-else',
  });
  const invalid = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, payloadCutInsidePair(MAX_DETAIL).payload);
  const edit1 = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0912000444' });
  const edit2 = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0912000555' });
  const withEvidence = w.op(officer, 'payment.record', LINES.due2, {
    ...samplePayload('payment.record'),
    signature: SIGNATURE,
  });
  const batch = [pay, payAgain, pay, seqReused, noSeq, forbidden, invalid, edit1, edit2, withEvidence];
  const first = await w.push(officer, batch);
  const later = [
    w.op(officer, 'payment.void', LINES.due),
    w.op(officer, 'beneficiary.update', BENEFICIARIES.active, { phone: '0912000666' }),
    w.op(officer, 'payment.record', LINES.deceased),
  ];
  const second = await w.push(officer, [...batch, ...later]);
  return [first, second];
}

describe('held-back writes (PostgreSQL)', () => {
  const worlds: DirectWorld[] = [];
  const world = async (holdWritesBack: boolean) => {
    const w = await createDirectWorld({ db: await makeDb(), holdWritesBack });
    worlds.push(w);
    return w;
  };
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.close();
  });

  test('the same pushes with writes held back and without: the same answers and stored state', async () => {
    const held = await world(true);
    const direct = await world(false);

    const answers = await pushScenario(held);
    expect(answers).toEqual(await pushScenario(direct));
    expect(await storedState(held)).toEqual(await storedState(direct));

    // The scenario is what it says: each kind of answer is there.
    const [first] = answers;
    expect(first?.results.map((r) => ('code' in r ? `${r.status}:${r.code}` : r.status))).toEqual([
      'applied',
      'conflict:already-paid',
      'duplicate:applied',
      'rejected:seq-reused',
      'rejected:invalid-payload',
      'rejected:forbidden',
      'rejected:invalid-payload',
      'applied',
      'applied',
      'applied',
    ]);
    expect(held.reruns()).toEqual([]);
  });

  test('a detail cut inside an emoji pair is stored whole-pair and does not run the group again', async () => {
    const w = await world(true);
    const officer = await w.addActor('officer', 'officer', [PHU_BAI]);
    const { payload, detail } = payloadCutInsidePair(MAX_DETAIL);
    const pay = w.op(officer, 'payment.record', LINES.due);
    const invalid = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, payload);

    const { results } = await w.push(officer, [pay, invalid]);

    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(w.reruns()).toEqual([]);
    const row = await w.db.kysely
      .selectFrom('ops')
      .select('detail')
      .where('op_id', '=', String(invalid['id']))
      .executeTakeFirstOrThrow();
    expect(row.detail).toBe(detail.slice(0, MAX_DETAIL - 1));
    expect(isIllFormed(row.detail ?? '')).toBe(false);
  });
});
