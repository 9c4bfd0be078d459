/**
 * The report tables are a function of what the op log made (docs/reports.md "Report tables"):
 * after any sequence of ops from several users, the rows kept live, op by op, equal the rows a
 * rebuild computes from the entities. fast-check over real SQLite databases.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { OpType } from '../../protocol/ops';
import { createDirectWorld, type DirectActor, type DirectWorld } from '../testing/direct-push';
import { AMOUNT, BENEFICIARIES, LINES, PHU_BAI } from '../testing/push-world';
import { rebuildReports } from './rebuild';

const NUM_RUNS = 25;
const PROPERTY_TIMEOUT_MS = 120_000;
const lines = [LINES.due, LINES.due2, LINES.withdrawn, LINES.deceased, LINES.otherCommune] as const;
const people = [BENEFICIARIES.active, BENEFICIARIES.deceased, BENEFICIARIES.otherCommune] as const;

type Spec = { who: 0 | 1 | 2; type: OpType; entityId: string; payload?: Record<string, unknown> };

const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    who: fc.constantFrom<0 | 1>(0, 1),
    type: fc.constant<OpType>('payment.record'),
    entityId: fc.constantFrom(...lines),
    payload: fc
      .constantFrom('self', 'guardian', 'authorized')
      .map((kind) =>
        kind === 'self'
          ? { amount: AMOUNT, receiver: { kind } }
          : { amount: AMOUNT, receiver: { kind, fullName: 'Trần Thị Lan', idNumber: '046190000123' } },
      ),
  }),
  fc.record({
    who: fc.constantFrom<0 | 1>(0, 1),
    type: fc.constant<OpType>('payment.unpaid'),
    entityId: fc.constantFrom(...lines),
    payload: fc.constantFrom('absent', 'moved', 'refused').map((reason) => ({ reason })),
  }),
  fc.record({
    who: fc.constant<2>(2),
    type: fc.constant<OpType>('payment.void'),
    entityId: fc.constantFrom(...lines),
  }),
  fc.record({
    who: fc.constantFrom<0 | 2>(0, 2),
    type: fc.constantFrom<OpType>(
      'beneficiary.set-payment-method',
      'beneficiary.set-account-status',
      'id-check.record',
    ),
    entityId: fc.constantFrom(...people),
  }),
);

async function reportTables(w: DirectWorld) {
  const k = w.db.kysely;
  return {
    lines: await k.selectFrom('report_lines').selectAll().orderBy('line_id').execute(),
    people: await k.selectFrom('report_people').selectAll().orderBy('beneficiary_id').execute(),
    months: await k.selectFrom('report_people_months').selectAll().orderBy('beneficiary_id').orderBy('month').execute(),
    checks: await k.selectFrom('report_id_checks').selectAll().orderBy('check_id').execute(),
    // Totals kept by delta may keep rows whose lines all moved away; they count nothing.
    totals: (await k.selectFrom('report_line_totals').selectAll().where('lines', '>', 0).execute())
      .map((r) => JSON.stringify(r))
      .sort(),
    days: (await k.selectFrom('report_paid_days').selectAll().where('lines', '>', 0).execute())
      .map((r) => JSON.stringify(r))
      .sort(),
    firsts: await k.selectFrom('report_first_non_cash').selectAll().orderBy('beneficiary_id').execute(),
  };
}

describe('report tables', () => {
  test(
    'rows kept live op by op equal the rows rebuilt from the entities',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 20 }), async (specs) => {
          const w = await createDirectWorld();
          const actors: DirectActor[] = [
            await w.addActor('officer', 'officer', [PHU_BAI]),
            await w.addActor('payer', 'payer', [PHU_BAI]),
            await w.addActor('supervisor', 'supervisor', [PHU_BAI]),
          ];
          for (const s of specs) {
            const who = actors[s.who] as DirectActor;
            await w.push(who, [w.op(who, s.type, s.entityId, ...(s.payload ? [s.payload] : []))]);
          }
          const live = await reportTables(w);
          // Something was projected: the seeded lines and people at least.
          expect(live.lines.length).toBeGreaterThan(0);
          await rebuildReports(w.db.kysely, w.clock.now());
          expect(await reportTables(w)).toEqual(live);
          await w.close();
        }),
        { numRuns: NUM_RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
