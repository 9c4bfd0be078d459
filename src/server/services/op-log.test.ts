import { afterEach, describe, expect, test } from 'vitest';
import { isIllFormed } from '../../lib/well-formed';
import { createDirectWorld, type DirectWorld } from '../testing/direct-push';
import { BENEFICIARIES, PHU_BAI, payloadCutInsidePair } from '../testing/push-world';
import { MAX_DETAIL } from './op-log';

describe('insertOp', () => {
  let w: DirectWorld | undefined;
  afterEach(() => w?.close());

  test('a detail longer than the column keeps is cut between code points, never inside an emoji', async () => {
    w = await createDirectWorld();
    const officer = await w.addActor('officer', 'officer', [PHU_BAI]);
    const { payload, detail } = payloadCutInsidePair(MAX_DETAIL);
    const op = w.op(officer, 'beneficiary.update', BENEFICIARIES.active, payload);

    const { results } = await w.push(officer, [op]);

    expect(results[0]).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
    const row = await w.db.kysely.selectFrom('ops').select('detail').executeTakeFirstOrThrow();
    expect(row.detail).toBe(detail.slice(0, MAX_DETAIL - 1));
    expect(isIllFormed(row.detail ?? '')).toBe(false);
  });
});
