/**
 * Correction lists through the HTTP API (docs/protocol.md "Lists"), on SQLite and PostgreSQL: an
 * approved month is never edited; once published, a correction names only the people whose line
 * changes, goes through the same steps, and on publishing withdraws the lines it changes and issues
 * the corrected ones beside them. A paid line never changes.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { listDetailResponseSchema, listImportResponseSchema, listsResponseSchema } from '../../src/protocol/lists';
import { pullResponseSchema } from '../../src/protocol/pull';
import { getEntity, putEntities } from '../../src/server/services/entity-store';
import type { MakeDb } from '../../src/server/testing/databases';
import type { Harness } from '../../src/server/testing/harness';
import { listFile } from '../builders/list-file';
import { binh, createListsWorld, hoa, man, PHU_BAI, type ListsWorld } from '../builders/lists-world';

const correctionQuery = `period=2026-12&commune=${PHU_BAI}&kind=correction`;
// Bình's arrears were two months, not one; Mận is not paid after all; Lan was left out.
const binhFixed = [1, 'BT-02', 'Nguyễn Văn Bình', '1940', '', 1000000, 2, 2000000, 3000000, 'Nam', ''];
const manNone = [2, 'BT-09', 'Phùng Thị Mận', '1950', '', 0, 0, 0, 0, 'Nữ', 'Khoản 5 điểm b'];
const lan = [3, 'BT-10', 'Hồ Thị Lan', '1948', '', 500000, 0, 0, 500000, 'Nữ', 'Khoản 5 điểm b'];

export function runListCorrectionsContract(name: string, makeDb: MakeDb): void {
  describe(`correction lists (${name})`, () => {
    let h: Harness;
    let w: ListsWorld;
    beforeEach(async () => {
      w = await createListsWorld(makeDb);
      h = w.h;
    });
    afterEach(() => h.close());

    const errorCode = async (res: Response) => [res.status, errorBodySchema.parse(await res.json()).error.code];
    const publishMonth = async () => {
      const month = listImportResponseSchema.parse(
        await (await w.upload(listFile([hoa, binh, man]), w.tokens.officer)).json(),
      );
      const id = month.listId ?? expect.unreachable('kept');
      await w.giveReasons(id, w.tokens.officer);
      for (const [step, token] of [
        ['submit', w.tokens.officer],
        ['approve', w.tokens.approver],
        ['publish', w.tokens.approver],
      ] as const)
        expect((await w.step(id, step, token)).status).toBe(200);
    };
    const pulled = async () =>
      pullResponseSchema.parse(await (await h.request('/api/sync/pull?limit=5000', { token: w.tokens.officer })).json())
        .changes;

    test('after publishing, a correction withdraws and reissues the lines it changes, and enrols who was left out', async () => {
      // Before the month's list is published there is nothing to correct.
      expect(await errorCode(await w.upload(listFile([binhFixed]), w.tokens.officer, correctionQuery))).toEqual([
        409,
        'correction-needs-published',
      ]);
      await publishMonth();
      // The month itself takes no new list.
      expect(await errorCode(await w.upload(listFile([hoa, binhFixed]), w.tokens.officer))).toEqual([
        409,
        'period-approved',
      ]);

      const imported = await w.upload(listFile([binhFixed, manNone, lan]), w.tokens.officer, correctionQuery);
      expect(imported.status).toBe(200);
      const answer = listImportResponseSchema.parse(await imported.json());
      const id = answer.listId ?? expect.unreachable('kept');
      // Compared with the month's lines of the people it names: Bình 2,000,000 and Mận 500,000.
      expect(answer.diff).toEqual({
        increases: 1,
        decreases: 1,
        adjustments: 1,
        unchanged: 0,
        money: {
          previous: 2_500_000,
          increases: 500_000,
          decreases: 500_000,
          adjustments: 1_000_000,
          current: 3_500_000,
        },
      });
      const month = await h.request(`/api/lists?commune=${PHU_BAI}&period=2026-12`, { token: w.tokens.officer });
      expect(listsResponseSchema.parse(await month.json()).lists.map((l) => [l.kind, l.status])).toEqual([
        ['correction', 'draft'],
        ['month', 'published'],
      ]);
      // Mận leaves this month: a reason, then the same steps as any list.
      await w.giveReasons(id, w.tokens.officer, 'no-longer-eligible');
      const detail = listDetailResponseSchema.parse(
        await (await h.request(`/api/lists/${id}`, { token: w.tokens.officer })).json(),
      );
      expect(detail.list.kind).toBe('correction');
      expect((await w.step(id, 'submit', w.tokens.officer)).status).toBe(200);
      expect((await w.step(id, 'approve', w.tokens.approver)).status).toBe(200);
      expect((await w.step(id, 'publish', w.tokens.officer)).status).toBe(200);

      const changes = await pulled();
      const lines = changes.filter((c) => c.entity === 'payment-line' && c.data?.['periodId'] === '2026-12');
      const byPerson = (fullName: string) => {
        const person = changes.find((c) => c.entity === 'beneficiary' && c.data?.['fullName'] === fullName);
        return lines
          .filter((l) => l.data?.['beneficiaryId'] === person?.id)
          .map((l) => [
            l.id === `2026-12:${person?.id ?? ''}` ? 'month' : 'corrected',
            l.data?.['status'],
            l.data?.['amount'],
          ])
          .sort();
      };
      expect(byPerson('Nguyễn Văn Bình')).toEqual([
        ['corrected', 'due', 3_000_000],
        ['month', 'void', 2_000_000],
      ]);
      expect(byPerson('Phùng Thị Mận')).toEqual([['month', 'void', 500_000]]);
      expect(byPerson('Hồ Thị Lan')).toEqual([['month', 'due', 500_000]]);
      expect(byPerson('Trần Thị Hoa')).toEqual([['month', 'due', 750_000]]);
      const man = changes.find((c) => c.entity === 'beneficiary' && c.data?.['fullName'] === 'Phùng Thị Mận');
      expect(man?.data).toMatchObject({ status: 'terminated', statusReason: 'no-longer-eligible' });
    });

    test('a paid line is never corrected: the file is refused on that row, and a line paid meanwhile stops the publish', async () => {
      await publishMonth();
      // The payer paid Bình's December line.
      const paid = async () => {
        const held = await getEntity(h.db.kysely, 'payment-line', '2026-12:b-binh');
        await h.db.kysely.transaction().execute((trx) =>
          putEntities(
            trx,
            [
              {
                entity: 'payment-line',
                id: '2026-12:b-binh',
                communeCode: PHU_BAI,
                data: { ...(held?.data as Record<string, unknown>), status: 'paid' },
              },
            ],
            { now: h.clock.now() },
          ),
        );
      };
      // Prepared and approved while the line was due; paid before publishing.
      const imported = listImportResponseSchema.parse(
        await (await w.upload(listFile([binhFixed]), w.tokens.officer, correctionQuery)).json(),
      );
      const id = imported.listId ?? expect.unreachable('kept');
      expect((await w.step(id, 'submit', w.tokens.officer)).status).toBe(200);
      expect((await w.step(id, 'approve', w.tokens.approver)).status).toBe(200);
      await paid();
      expect(await errorCode(await w.step(id, 'publish', w.tokens.officer))).toEqual([409, 'correction-line-settled']);
      expect((await getEntity(h.db.kysely, 'payment-line', '2026-12:b-binh'))?.data).toMatchObject({
        status: 'paid',
        amount: 2_000_000,
      });

      // A new correction of the paid line is refused on its row, and nothing is kept.
      const threeMonths = [1, 'BT-02', 'Nguyễn Văn Bình', '1940', '', 1000000, 3, 3000000, 4000000, 'Nam', ''];
      const refused = await w.upload(listFile([threeMonths]), w.tokens.supervisor, correctionQuery);
      expect(refused.status).toBe(422);
      const findings = listImportResponseSchema.parse(await refused.json()).findings;
      expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['line-settled']);
      expect(await w.listCount()).toBe(2);
    });

    test("money November's close carried onto a line moves to the corrected line; the list compares without it", async () => {
      // November: Bình was not paid; the close carries his 1,000,000 into December.
      const close = await h.request(`/api/months/2026-11/${PHU_BAI}/close`, {
        token: w.tokens.supervisor,
        body: {
          protocol: 1,
          decisions: [
            { lineId: 'l-binh', outcome: 'carry' },
            { lineId: 'l-hoa', outcome: 'end', reason: 'declined', note: null },
            { lineId: 'l-cuc', outcome: 'end', reason: 'deceased', note: null },
          ],
        },
      });
      expect(close.status).toBe(200);
      await publishMonth();
      expect((await getEntity(h.db.kysely, 'payment-line', '2026-12:b-binh'))?.data).toMatchObject({
        amount: 3_000_000,
      });

      // His December arrears were 1,500,000, not 1,000,000: the list's own part of his line was 2,000,000.
      const fixed = [1, 'BT-02', 'Nguyễn Văn Bình', '1940', '', 1000000, 1, 1500000, 2500000, 'Nam', ''];
      const answer = listImportResponseSchema.parse(
        await (await w.upload(listFile([fixed]), w.tokens.officer, correctionQuery)).json(),
      );
      expect(answer.diff.money).toEqual({
        previous: 2_000_000,
        increases: 0,
        decreases: 0,
        adjustments: 500_000,
        current: 2_500_000,
      });
      const id = answer.listId ?? expect.unreachable('kept');
      expect((await w.step(id, 'submit', w.tokens.officer)).status).toBe(200);
      expect((await w.step(id, 'approve', w.tokens.approver)).status).toBe(200);
      expect((await w.step(id, 'publish', w.tokens.officer)).status).toBe(200);

      const lines = (await pulled()).filter(
        (c) =>
          c.entity === 'payment-line' && c.data?.['beneficiaryId'] === 'b-binh' && c.data['periodId'] === '2026-12',
      );
      expect(lines.map((l) => [l.data?.['status'], l.data?.['amount']]).sort()).toEqual([
        ['due', 3_500_000],
        ['void', 3_000_000],
      ]);
      const carry = await h.db.kysely.selectFrom('carryovers').select('applied_line_id').executeTakeFirstOrThrow();
      expect(carry.applied_line_id).toBe(lines.find((l) => l.data?.['status'] === 'due')?.id);
    });
  });
}
