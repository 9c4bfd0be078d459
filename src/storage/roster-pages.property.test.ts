/**
 * The packed roster (pages appended by pulls, newer copies and tombstones in later pages, edited
 * records on top, answered by the in-memory index) must answer every roster query exactly as the
 * same people stored as plain rows, one record each, answered without an index.
 */
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { beneficiaryData, change } from '../../tests/builders/beneficiary';
import type { BeneficiaryData } from '../protocol/entities';
import { createAppDb, type AppDb, type BeneficiaryRow } from './app-db';
import { applyPullPage } from './apply-pull-page';
import { attachRosterIndex, rosterIndexOf } from './roster-index';
import { readPeople } from './roster-pages';
import {
  countRoster,
  filteredRosterKeys,
  findByIdNumbers,
  rosterRowsByKeys,
  rosterVillages,
  rosterWindow,
  type RosterListRow,
  searchRosterKeys,
} from './roster-queries';
import { toBeneficiaryRow } from './roster-row';
import { filtersArb, idArb, personArb, queryArb, writeArb } from './roster.testkit';

const today = '2026-11-15';
const opened: AppDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    rosterIndexOf(db)?.close();
    await db.delete();
  }
});

type Write = ['put', string, Partial<BeneficiaryData>] | ['delete', string, null];

// A pull page holds each entity once, at its latest version (docs/protocol.md "Pull").
const pullsArb = fc.array(fc.uniqueArray(writeArb, { selector: ([, id]) => id, minLength: 1, maxLength: 25 }), {
  minLength: 1,
  maxLength: 5,
});
const editsArb = fc.uniqueArray(fc.tuple(idArb, personArb), { selector: ([id]) => id, maxLength: 6 });

async function packedAndPlain(pulls: Write[][], edits: [string, Partial<BeneficiaryData>][]) {
  const packed = createAppDb(`t-${crypto.randomUUID()}`);
  const plain = createAppDb(`t-${crypto.randomUUID()}`);
  opened.push(packed, plain);
  const rows = new Map<string, BeneficiaryRow>();
  for (const [n, writes] of pulls.entries()) {
    const changes = writes.map(([kind, id, p]) =>
      kind === 'put' ? change('beneficiary', id, beneficiaryData(p), n + 1) : change('beneficiary', id, null, n + 1),
    );
    await applyPullPage(packed, changes, `c-${String(n)}`, n);
    for (const [kind, id, p] of writes) {
      if (kind === 'put') rows.set(id, toBeneficiaryRow(id, n + 1, beneficiaryData(p)));
      else rows.delete(id);
    }
  }
  // Local changes: edited records on the packed side, the same rows on the plain side.
  for (const [id, p] of edits) rows.set(id, toBeneficiaryRow(id, 9, beneficiaryData(p)));
  await packed.beneficiaries.bulkPut(edits.map(([id, p]) => toBeneficiaryRow(id, 9, beneficiaryData(p))));
  await plain.beneficiaries.bulkPut([...rows.values()]);
  await attachRosterIndex(packed, { today: () => today, yieldToUi: () => Promise.resolve() }).whenReady();
  return { packed, plain, rows };
}

test('search, filters, villages, order and reads over the packed roster equal those over plain rows', async () => {
  await fc.assert(
    fc.asyncProperty(
      pullsArb,
      editsArb,
      fc.array(fc.tuple(queryArb, filtersArb), { minLength: 1, maxLength: 4 }),
      async (pulls, edits, asks) => {
        const { packed, plain, rows } = await packedAndPlain(pulls, edits);
        const ids = [...rows.keys(), 'id-nobody'];
        expect(await countRoster(packed)).toBe(rows.size);
        expect(await countRoster(plain)).toBe(rows.size);
        expect(await readPeople(packed, ids)).toEqual(await readPeople(plain, ids));
        const lines = (db: AppDb) => rosterWindow(db, 0, 100);
        expect((await lines(packed)).map((r) => r.id)).toEqual((await lines(plain)).map((r) => r.id));
        expect(await rosterRowsByKeys(packed, ids)).toEqual(
          (await rosterRowsByKeys(plain, ids)).map((r) => r && pickLine(r)),
        );
        expect(await rosterVillages(packed)).toEqual(await rosterVillages(plain));
        const numbers = ['046152999001', '046045999002', '0399000444'];
        expect((await findByIdNumbers(packed, numbers)).map((r) => r.id)).toEqual(
          (await findByIdNumbers(plain, numbers)).map((r) => r.id),
        );
        for (const [query, view] of asks) {
          expect(await searchRosterKeys(packed, query, view, today, 5)).toEqual(
            await searchRosterKeys(plain, query, view, today, 5),
          );
          expect(await filteredRosterKeys(packed, view, today)).toEqual(await filteredRosterKeys(plain, view, today));
        }
        for (const db of [packed, plain]) {
          rosterIndexOf(db)?.close();
          await db.delete();
        }
        opened.length = 0;
      },
    ),
    { numRuns: 60 },
  );
}, 60_000);

function pickLine(row: RosterListRow) {
  const { id, fullName, birthDate, village, category, paymentMethod, status } = row;
  return { id, fullName, birthDate, village, category, paymentMethod, status };
}
