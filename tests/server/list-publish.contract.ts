/**
 * Publishing an approved monthly list through the HTTP API (docs/protocol.md "Lists", "Closing a
 * month"), on SQLite and PostgreSQL: the lines and new people reach the tablets, and money last
 * month's close carried becomes arrears on them.
 */
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { listImportResponseSchema, listStepResponseSchema } from '../../src/protocol/lists';
import { pullResponseSchema } from '../../src/protocol/pull';
import type { MakeDb } from '../../src/server/testing/databases';
import type { Harness } from '../../src/server/testing/harness';
import { listFile } from '../builders/list-file';
import { binh, createListsWorld, hoa, man, PHU_BAI, type ListsWorld } from '../builders/lists-world';

export function runListPublishContract(name: string, makeDb: MakeDb): void {
  describe(`publishing a monthly list (${name})`, () => {
    let h: Harness;
    let tokens: ListsWorld['tokens'];
    let upload: ListsWorld['upload'];
    let step: ListsWorld['step'];
    let giveReasons: ListsWorld['giveReasons'];
    beforeEach(async () => {
      ({ h, tokens, upload, step, giveReasons } = await createListsWorld(makeDb));
    });
    afterEach(() => h.close());

    test('an approved list exports as .xlsx in the columns it came in, and the export reads back', async () => {
      const { listId } = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh, man]), tokens.officer)).json(),
      );
      const id = listId ?? '';
      const exportOf = (token: string) => h.request(`/api/lists/${id}/export`, { token });
      // Only an approved (or published) list is exported; another commune's is not found.
      expect((await exportOf(tokens.officer)).status).toBe(409);
      await giveReasons(id, tokens.officer);
      await step(id, 'submit', tokens.officer);
      await step(id, 'approve', tokens.approver);
      expect((await exportOf(tokens.officerLa)).status).toBe(404);
      const res = await exportOf(tokens.officer);
      expect(res.status).toBe(200);
      const book = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' });
      const sheet = book.Sheets[book.SheetNames[0] ?? ''] ?? expect.unreachable('a sheet');
      const grid = XLSX.utils.sheet_to_json<(string | number)[]>(sheet, { header: 1, defval: '' });
      expect(grid[2]?.[0]).toBe('Đã phê duyệt: Người dùng approver');
      expect(grid[3]).toEqual([
        'STT',
        'Mã đối tượng',
        'Họ và tên',
        'Năm sinh',
        'Số CCCD',
        'Tiền trợ cấp tháng này',
        'Chưa trả tháng trước Số tháng',
        'Chưa trả tháng trước Số tiền',
        'Tổng số tiền trợ cấp',
        'Giới tính',
        'Nhóm đối tượng',
      ]);
      expect(grid[5]).toEqual([2, 'BT-02', 'Nguyễn Văn Bình', '1940', '', 1000000, 1, 1000000, 2000000, 'Nam', '']);
      expect(grid[7]?.[8]).toBe(3_250_000);
      // The export is a list the import reads: next month can start from it.
      const again = await upload(
        new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer),
        tokens.officer,
        `period=2027-01&commune=${PHU_BAI}`,
      );
      const answer = listImportResponseSchema.parse(await again.json());
      expect([again.status, answer.findings.filter((f) => f.severity === 'error')]).toEqual([200, []]);
      expect(answer.diff.money.current).toBe(3_250_000);
    });

    test('published by its approver: the month, the new person and one due line each reach the tablets', async () => {
      const { listId } = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh, man]), tokens.officer)).json(),
      );
      const id = listId ?? '';
      await giveReasons(id, tokens.officer);
      await step(id, 'submit', tokens.officer);
      // Not yet approved: out of order; nobody but its preparer or approver publishes it.
      expect((await step(id, 'publish', tokens.officer)).status).toBe(409);
      await step(id, 'approve', tokens.approver);
      expect((await step(id, 'publish', tokens.supervisor)).status).toBe(403);
      const published = await step(id, 'publish', tokens.approver);
      expect(listStepResponseSchema.parse(await published.json())).toEqual({
        protocol: 1,
        listId: id,
        status: 'published',
      });

      const pulled = pullResponseSchema.parse(
        await (await h.request('/api/sync/pull?limit=5000', { token: tokens.officer })).json(),
      ).changes;
      const lines = pulled.filter((c) => c.entity === 'payment-line' && c.data?.['periodId'] === '2026-12');
      expect(lines.map((l) => [l.data?.['amount'], l.data?.['status'], l.data?.['method']]).sort()).toEqual([
        [2_000_000, 'due', 'cash-point'],
        [500_000, 'due', 'cash-point'],
        [750_000, 'due', 'cash-point'],
      ]);
      // Mận was not on the roster: the list enrolled her, with what it said.
      const enrolled = pulled.find((c) => c.entity === 'beneficiary' && c.data?.['fullName'] === 'Phùng Thị Mận');
      expect(enrolled?.data).toMatchObject({
        code: 'BT-09',
        gender: 'female',
        category: 'k5b',
        status: 'active',
        monthlyAmount: 500_000,
      });
      expect(pulled.find((c) => c.entity === 'period' && c.id === '2026-12')?.data).toMatchObject({ month: '2026-12' });
      // Bình's monthly amount is the list's; the lines are new changes, the month pulled once.
      expect(pulled.find((c) => c.id === 'b-binh')?.data).toMatchObject({ monthlyAmount: 1_000_000 });
      expect((await step(id, 'publish', tokens.approver)).status).toBe(409);
    });

    test('money carried by last month’s close becomes arrears on the published lines, even for a person the list omits', async () => {
      const decisions = ['l-hoa', 'l-binh', 'l-cuc'].map((lineId) => ({ lineId, outcome: 'carry' }));
      const closed = await h.request(`/api/months/2026-11/${PHU_BAI}/close`, {
        token: tokens.supervisor,
        body: { protocol: 1, decisions },
      });
      expect(closed.status).toBe(200);
      const { listId } = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh, man]), tokens.officer)).json(),
      );
      const id = listId ?? '';
      await giveReasons(id, tokens.officer);
      await step(id, 'submit', tokens.officer);
      await step(id, 'approve', tokens.approver);
      expect((await step(id, 'publish', tokens.approver)).status).toBe(200);

      const pulled = pullResponseSchema.parse(
        await (await h.request('/api/sync/pull?limit=5000', { token: tokens.officer })).json(),
      ).changes;
      const december = new Map(
        pulled
          .filter((c) => c.entity === 'payment-line' && c.data?.['periodId'] === '2026-12')
          .map((c) => [
            String(c.data?.['beneficiaryId']),
            ['amount', 'monthlyAmount', 'arrearsAmount', 'arrearsMonths'].map((f) => c.data?.[f]),
          ]),
      );
      // Hoa: this month 750,000 + last month's 750,000 carried (1 month).
      expect(december.get('b-hoa')).toEqual([1_500_000, 750_000, 750_000, 1]);
      // Bình: the list's 1,000,000 + 1 month of arrears, and last month's 1,000,000 carried.
      expect(december.get('b-binh')).toEqual([3_000_000, 1_000_000, 2_000_000, 2]);
      // Cúc left the list, but her unpaid month is owed: a line of arrears alone.
      expect(december.get('b-cuc')).toEqual([600_000, 0, 600_000, 1]);
      expect(december.size).toBe(4);
      const applied = await h.db.kysely.selectFrom('carryovers').select(['from_line_id', 'applied_at']).execute();
      expect(applied.every((c) => c.applied_at !== null)).toBe(true);
    });
  });
}
