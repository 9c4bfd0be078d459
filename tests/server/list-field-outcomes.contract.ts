/**
 * Field findings about people still on a monthly list, through the HTTP API (docs/protocol.md
 * "Lists"), on SQLite and PostgreSQL: November's visit found Cúc dead, yet December's file still
 * lists her. The preparer is asked; held back, she leaves the month's money as a decrease and
 * publishing records her death; dismissed with a reason, she is paid as the file says.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { listDetailResponseSchema, listImportResponseSchema } from '../../src/protocol/lists';
import { pullResponseSchema } from '../../src/protocol/pull';
import type { MakeDb } from '../../src/server/testing/databases';
import type { Harness } from '../../src/server/testing/harness';
import { listFile } from '../builders/list-file';
import { createListsWorld, hoa, type ListsWorld } from '../builders/lists-world';

const cuc = [2, 'BT-03', 'Lê Thị Cúc', '1945', '', 600000, 0, 0, 600000, 'Nữ', ''];

export function runListFieldOutcomesContract(name: string, makeDb: MakeDb): void {
  describe(`field findings about people on a list (${name})`, () => {
    let h: Harness;
    let tokens: ListsWorld['tokens'];
    let upload: ListsWorld['upload'];
    let step: ListsWorld['step'];
    let giveReasons: ListsWorld['giveReasons'];
    beforeEach(async () => {
      ({ h, tokens, upload, step, giveReasons } = await createListsWorld(makeDb));
    });
    afterEach(() => h.close());

    const detailOf = async (id: string) =>
      listDetailResponseSchema.parse(await (await h.request(`/api/lists/${id}`, { token: tokens.officer })).json());
    const answer = (id: string, token: string, answers: unknown[]) =>
      h.request(`/api/lists/${id}/field-outcomes`, { token, method: 'PUT', body: { protocol: 1, answers } });
    const pulled = async () =>
      pullResponseSchema.parse(await (await h.request('/api/sync/pull?limit=5000', { token: tokens.officer })).json())
        .changes;

    test('asked before submitting; held back she leaves the money and is recorded dead when published', async () => {
      // Bình is not on December's file: he leaves, with a reason.
      const imported = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, cuc]), tokens.officer)).json(),
      );
      const id = imported.listId ?? expect.unreachable('kept');
      expect(imported.diff.money).toMatchObject({ previous: 2_350_000, decreases: 1_000_000, current: 1_350_000 });
      const asked = await detailOf(id);
      expect(asked.fieldOutcomes).toEqual([
        {
          beneficiaryId: 'b-cuc',
          row: expect.any(Number) as number,
          fullName: 'Lê Thị Cúc',
          code: 'BT-03',
          total: 600_000,
          suggested: 'deceased',
          accepted: null,
          note: null,
        },
      ]);
      await giveReasons(id, tokens.officer, 'moved-away');
      const early = await step(id, 'submit', tokens.officer);
      expect([early.status, errorBodySchema.parse(await early.json()).error.code]).toEqual([
        409,
        'field-outcome-undecided',
      ]);
      // Only the preparer's roles answer; a dismissal needs its reason; only what was proposed.
      expect((await answer(id, tokens.approver, [{ beneficiaryId: 'b-cuc', accept: true }])).status).toBe(403);
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', accept: false }])).status).toBe(400);
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-hoa', accept: true }])).status).toBe(400);

      // Held back: on the list with nothing to pay, a decrease with the field's reason.
      const held = await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', accept: true }]);
      expect(await held.json()).toEqual({ protocol: 1, listId: id, undecided: 0 });
      const heldDetail = await detailOf(id);
      expect(heldDetail.diff.money).toEqual({
        previous: 2_350_000,
        increases: 0,
        decreases: 1_600_000,
        adjustments: 0,
        current: 750_000,
      });
      expect(heldDetail.list.total).toBe(750_000);
      expect(heldDetail.decreases.map((d) => [d.beneficiaryId, d.reason])).toEqual(
        expect.arrayContaining([
          ['b-cuc', 'deceased'],
          ['b-binh', 'moved-away'],
        ]),
      );
      expect(heldDetail.lines.find((l) => l.beneficiaryId === 'b-cuc')).toMatchObject({ kind: 'decrease', total: 0 });
      expect(heldDetail.fieldOutcomes[0]).toMatchObject({ accepted: true, total: 600_000 });

      // Dismissed with a reason: she is paid as the file says; then held back again.
      const note = 'Đã gặp bà ngày 02/12, bà vẫn sống';
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', accept: false, note }])).status).toBe(200);
      const released = await detailOf(id);
      expect(released.diff.money).toEqual(imported.diff.money);
      expect(released.lines.find((l) => l.beneficiaryId === 'b-cuc')).toMatchObject({
        kind: 'unchanged',
        total: 600_000,
      });
      expect(released.fieldOutcomes[0]).toMatchObject({ accepted: false, note });
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', accept: true }])).status).toBe(200);

      expect((await step(id, 'submit', tokens.officer)).status).toBe(200);
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', accept: false, note }])).status).toBe(409);
      expect((await step(id, 'approve', tokens.approver)).status).toBe(200);
      expect((await step(id, 'publish', tokens.approver)).status).toBe(200);

      const changes = await pulled();
      const lineIds = changes.filter((c) => c.entity === 'payment-line').map((c) => c.id);
      expect(lineIds).toContain('2026-12:b-hoa');
      expect(lineIds).not.toContain('2026-12:b-cuc');
      const person = (id: string) => changes.find((c) => c.entity === 'beneficiary' && c.id === id)?.data;
      expect(person('b-cuc')).toMatchObject({
        status: 'deceased',
        statusReason: 'deceased',
        statusEffectiveMonth: '2026-12',
      });
      // Bình, who left with "moved away", is terminated from December.
      expect(person('b-binh')).toMatchObject({
        status: 'terminated',
        statusReason: 'moved-away',
        statusEffectiveMonth: '2026-12',
      });
      expect(person('b-hoa')).toMatchObject({ status: 'active' });
    });
  });
}
