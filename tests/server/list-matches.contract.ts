/**
 * Name-only matches through the HTTP API (docs/protocol.md "Lists"), on SQLite and PostgreSQL: a
 * row that matches last month's person by name, birth year and village only is asked, never
 * guessed; the answer remakes the diff, and "the same person" publishes the row as them, with no
 * second enrolment.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { listDetailResponseSchema, listImportResponseSchema } from '../../src/protocol/lists';
import { pullResponseSchema } from '../../src/protocol/pull';
import type { MakeDb } from '../../src/server/testing/databases';
import type { Harness } from '../../src/server/testing/harness';
import { createListsWorld, type ListsWorld } from '../builders/lists-world';

export function runListMatchesContract(name: string, makeDb: MakeDb): void {
  describe(`name-only matches (${name})`, () => {
    let h: Harness;
    let tokens: ListsWorld['tokens'];
    let upload: ListsWorld['upload'];
    let step: ListsWorld['step'];
    beforeEach(async () => {
      ({ h, tokens, upload, step } = await createListsWorld(makeDb));
    });
    afterEach(() => h.close());

    // Cúc's row has neither code nor ID number: only her name, birth year and village match.
    const csv = new TextEncoder().encode(
      'Mã đối tượng,Họ và tên,Năm sinh,Thôn,Giới tính,Nhóm đối tượng,Mức trợ cấp\r\n' +
        'BT-01,Trần Thị Hoa,1952,Tổ 5,Nữ,Khoản 6,750000\r\n' +
        'BT-02,Nguyễn Văn Bình,1940,Tổ 5,Nam,Khoản 6,1000000\r\n' +
        ',Lê Thị Cúc,1945,Tổ 5,Nữ,Khoản 6,600000\r\n',
    );
    const detailOf = async (id: string) =>
      listDetailResponseSchema.parse(await (await h.request(`/api/lists/${id}`, { token: tokens.officer })).json());
    const answer = (id: string, token: string, answers: unknown[]) =>
      h.request(`/api/lists/${id}/matches`, { token, method: 'PUT', body: { protocol: 1, answers } });

    test('asked before submitting; "two people" keeps them apart, "the same person" pairs them and publishes as her', async () => {
      const imported = listImportResponseSchema.parse(await (await upload(csv, tokens.officer)).json());
      const id = imported.listId ?? expect.unreachable('kept');
      expect([imported.diff.increases, imported.diff.decreases]).toEqual([1, 1]);
      expect((await detailOf(id)).matches).toEqual([
        {
          beneficiaryId: 'b-cuc',
          row: 4,
          fullName: 'Lê Thị Cúc',
          birthDate: '1945',
          village: 'Tổ 5',
          previousCode: 'BT-03',
          same: null,
        },
      ]);
      const early = await step(id, 'submit', tokens.officer);
      expect([early.status, errorBodySchema.parse(await early.json()).error.code]).toEqual([409, 'match-undecided']);
      expect((await answer(id, tokens.approver, [{ beneficiaryId: 'b-cuc', row: 4, same: true }])).status).toBe(403);
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-hoa', row: 4, same: true }])).status).toBe(400);

      // Two people: Cúc leaves (a reason is then needed) and the row is someone new.
      const apart = await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', row: 4, same: false }]);
      expect(await apart.json()).toEqual({ protocol: 1, listId: id, undecided: 0 });
      const separate = await detailOf(id);
      expect([separate.diff.increases, separate.diff.decreases]).toEqual([1, 1]);
      expect(separate.matches[0]?.same).toBe(false);
      expect((await step(id, 'submit', tokens.officer)).status).toBe(409);

      // Taken back: the same person. She no longer leaves, and the row's line is hers.
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', row: 4, same: true }])).status).toBe(200);
      const same = await detailOf(id);
      expect([same.diff.increases, same.diff.decreases, same.decreases]).toEqual([0, 0, []]);
      expect(same.lines.find((l) => l.row === 4)).toMatchObject({ beneficiaryId: 'b-cuc' });
      expect(same.diff.money.current).toBe(imported.diff.money.current);
      expect(same.matches[0]?.same).toBe(true);
      // Paired with her, the row carries what the field recorded of her: asked too.
      expect(same.fieldOutcomes.map((f) => [f.beneficiaryId, f.row, f.suggested])).toEqual([['b-cuc', 4, 'deceased']]);
      const alive = { beneficiaryId: 'b-cuc', accept: false, note: 'Đã gặp bà ngày 02/12: bà vẫn sống' };
      const dismissed = await h.request(`/api/lists/${id}/field-outcomes`, {
        token: tokens.officer,
        method: 'PUT',
        body: { protocol: 1, answers: [alive] },
      });
      expect(dismissed.status).toBe(200);

      expect((await step(id, 'submit', tokens.officer)).status).toBe(200);
      expect((await step(id, 'approve', tokens.approver)).status).toBe(200);
      expect((await step(id, 'publish', tokens.approver)).status).toBe(200);
      const pulled = pullResponseSchema.parse(
        await (await h.request('/api/sync/pull?limit=5000', { token: tokens.officer })).json(),
      ).changes;
      const cucs = pulled.filter((c) => c.entity === 'beneficiary' && c.data?.['fullName'] === 'Lê Thị Cúc');
      expect(cucs.map((c) => c.id)).toEqual(['b-cuc']);
      const december = pulled.find((c) => c.entity === 'payment-line' && c.id === `2026-12:b-cuc`);
      expect(december?.data).toMatchObject({ amount: 600_000, status: 'due' });
    });

    test('a row held back as her, then taken apart from her, is paid again as the file says', async () => {
      const imported = listImportResponseSchema.parse(await (await upload(csv, tokens.officer)).json());
      const id = imported.listId ?? expect.unreachable('kept');
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', row: 4, same: true }])).status).toBe(200);
      // Paired with Cúc, the row carries November's death: held back, it pays nothing.
      const hold = await h.request(`/api/lists/${id}/field-outcomes`, {
        token: tokens.officer,
        method: 'PUT',
        body: { protocol: 1, answers: [{ beneficiaryId: 'b-cuc', accept: true }] },
      });
      expect(hold.status).toBe(200);
      expect((await detailOf(id)).lines.find((l) => l.row === 4)).toMatchObject({ total: 0, kind: 'decrease' });
      // Two people after all: the row is someone new, paid the file's 600,000; Cúc leaves.
      expect((await answer(id, tokens.officer, [{ beneficiaryId: 'b-cuc', row: 4, same: false }])).status).toBe(200);
      const apart = await detailOf(id);
      expect(apart.lines.find((l) => l.row === 4)).toMatchObject({
        beneficiaryId: null,
        total: 600_000,
        kind: 'increase',
      });
      expect(apart.diff.money).toEqual(imported.diff.money);
      expect(apart.list.total).toBe(imported.diff.money.current);
    });
  });
}
