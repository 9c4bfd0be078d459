/**
 * Monthly lists through the pinned HTTP API (docs/protocol.md "Lists"), on SQLite and PostgreSQL:
 * import of a commune's `.xlsx` (title rows, merged headers, totals row), findings that refuse a
 * file, the same file recognised, the diff and its money, and the four-eyes steps.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { beneficiaryData } from '../builders/beneficiary';
import { listFile } from '../builders/list-file';
import { putEntities } from '../../src/server/services/entity-store';
import { errorBodySchema } from '../../src/protocol/error-codes';
import {
  listDetailResponseSchema,
  listImportResponseSchema,
  listsResponseSchema,
  listStepResponseSchema,
} from '../../src/protocol/lists';
import type { MakeDb } from '../../src/server/testing/databases';
import type { Harness } from '../../src/server/testing/harness';
import { binh, createListsWorld, hoa, man, PHU_BAI, type ListsWorld } from '../builders/lists-world';

export function runListsContract(name: string, makeDb: MakeDb): void {
  describe(`monthly lists (${name})`, () => {
    let h: Harness;
    let tokens: ListsWorld['tokens'];
    let upload: ListsWorld['upload'];
    let step: ListsWorld['step'];
    let listCount: ListsWorld['listCount'];
    let giveReasons: ListsWorld['giveReasons'];
    beforeEach(async () => {
      ({ h, tokens, upload, step, listCount, giveReasons } = await createListsWorld(makeDb));
    });
    afterEach(() => h.close());

    const periodOf = (month: string) =>
      h.db.kysely
        .selectFrom('entities')
        .select('data')
        .where('entity', '=', 'period')
        .where('id', '=', month)
        .executeTakeFirst();

    test('an officer imports the month: a draft, with increases, decreases, adjustments and the money equation', async () => {
      expect(await periodOf('2026-12')).toBeUndefined();
      const res = await upload(listFile([hoa, binh, man]), tokens.officer);
      expect(res.status).toBe(200);
      const answer = listImportResponseSchema.parse(await res.json());
      expect(answer).toMatchObject({ status: 'draft', duplicate: false, findings: [] });
      expect(answer.diff).toEqual({
        // Mận is new; Cúc is gone; Bình's line grew by his arrears; Hoa is unchanged.
        increases: 1,
        decreases: 1,
        adjustments: 1,
        unchanged: 1,
        money: {
          previous: 2_350_000,
          increases: 500_000,
          decreases: 600_000,
          adjustments: 1_000_000,
          current: 3_250_000,
        },
      });
      const { previous, increases, decreases, adjustments, current } = answer.diff.money;
      expect(previous + increases - decreases + adjustments).toBe(current);
      const lines = await h.db.kysely
        .selectFrom('list_lines')
        .select(['row', 'beneficiary_id', 'kind', 'total'])
        .orderBy('row')
        .execute();
      expect(lines.map((l) => [l.row, l.beneficiary_id, l.kind, Number(l.total)])).toEqual([
        [5, 'b-hoa', 'unchanged', 750_000],
        [6, 'b-binh', 'adjustment', 2_000_000],
        [7, null, 'increase', 500_000],
      ]);
      // The month's period exists from its first kept list on.
      expect(JSON.parse((await periodOf('2026-12'))?.data ?? 'null')).toMatchObject({
        month: '2026-12',
        status: 'open',
      });
    });

    test('names and headers typed in TCVN3 (.VnTime) are read as Unicode and matched by code', async () => {
      const ws = XLSX.utils.aoa_to_sheet([
        ['DANH SÁCH CHI TRẢ THÁNG 12 NĂM 2026'],
        [],
        ['STT', 'Mã đối tượng', 'Hä vµ tªn', 'N¨m sinh', 'Møc trî cÊp'],
        [1, 'BT-01', 'TrÇn ThÞ Hoa', '1952', 750000],
        [2, 'BT-02', 'NguyÔn V¨n B×nh', '1940', 1000000],
        [3, 'BT-03', 'Lª ThÞ Cóc', '1945', 600000],
      ]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'DS');
      const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'buffer' }) as Buffer);
      const res = await upload(bytes, tokens.officer);
      expect(res.status).toBe(200);
      const answer = listImportResponseSchema.parse(await res.json());
      expect(answer.findings).toEqual([]);
      expect(answer.reading?.columns.map((c) => c.header)).toEqual([
        'STT',
        'Mã đối tượng',
        'Họ và tên',
        'Năm sinh',
        'Mức trợ cấp',
      ]);
      const detail = listDetailResponseSchema.parse(
        await (await h.request(`/api/lists/${answer.listId ?? ''}`, { token: tokens.officer })).json(),
      );
      expect(detail.lines.map((l) => [l.fullName, l.beneficiaryId, l.kind])).toEqual([
        ['Trần Thị Hoa', 'b-hoa', 'unchanged'],
        ['Nguyễn Văn Bình', 'b-binh', 'unchanged'],
        ['Lê Thị Cúc', 'b-cuc', 'unchanged'],
      ]);
    });

    test('two rows that name one person, one by code and one by ID number, are refused', async () => {
      // Bình's ID number is on the roster: a row giving only it is him, as the row with his code is.
      await h.db.kysely.transaction().execute((trx) =>
        putEntities(
          trx,
          [
            {
              entity: 'beneficiary',
              id: 'b-binh',
              communeCode: PHU_BAI,
              data: beneficiaryData({
                code: 'BT-02',
                fullName: 'Nguyễn Văn Bình',
                birthDate: '1940',
                gender: 'male',
                idNumber: '046040123456',
              }),
            },
          ],
          { now: h.clock.now() },
        ),
      );
      const byId = [3, '', 'Nguyễn Văn Bình', '1940', '046040123456', 1000000, 0, 0, 1000000, 'Nam', ''];
      const res = await upload(listFile([hoa, binh, byId]), tokens.officer);
      expect(res.status).toBe(422);
      const findings = listImportResponseSchema.parse(await res.json()).findings;
      expect(findings.filter((f) => f.code === 'duplicate-person').map((f) => [f.row, f.severity])).toEqual([
        [7, 'error'],
      ]);
    });

    test('a legacy .xls of the same list reads the same', async () => {
      const res = await upload(listFile([hoa, binh, man], { bookType: 'biff8' }), tokens.officer);
      expect(res.status).toBe(200);
      expect(listImportResponseSchema.parse(await res.json()).diff.money.current).toBe(3_250_000);
    });

    test('the identical file again answers the same list, duplicate, and changes nothing', async () => {
      const file = listFile([hoa, binh, man]);
      const first = listImportResponseSchema.parse(await (await upload(file, tokens.officer)).json());
      const again = await upload(file, tokens.officer);
      expect(again.status).toBe(200);
      expect(listImportResponseSchema.parse(await again.json())).toMatchObject({
        listId: first.listId,
        duplicate: true,
        status: 'draft',
      });
      expect(await listCount()).toBe(1);
    });

    test('a file with an error finding is 422, names row and column in Vietnamese, creates nothing, and comes back annotated', async () => {
      const broken = [4, 'BT-04', 'Hồ Văn Tám', '31/02/1950', '', 'một triệu', 0, 0, 0, 'Nam', 'k5c'];
      const res = await upload(listFile([hoa, broken]), tokens.officer);
      expect(res.status).toBe(422);
      expect(await periodOf('2026-12')).toBeUndefined();
      const answer = listImportResponseSchema.parse(await res.json());
      expect(answer).toMatchObject({ listId: null, status: null, duplicate: false });
      expect(answer.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            row: 6,
            column: 'D',
            code: 'not-a-real-date',
            severity: 'error',
            message: 'Ngày không có thật.',
          }),
          expect.objectContaining({ row: 6, column: 'F', code: 'not-an-amount', severity: 'error' }),
        ]),
      );
      expect(await listCount()).toBe(0);

      // The same file back as .xlsx with a column of findings, row by row; still nothing kept.
      const back = await h.app.request(`/api/lists/findings-file?period=2026-12&commune=${PHU_BAI}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.officer}`, 'x-filename': encodeURIComponent('Tháng 12.xlsx') },
        body: listFile([hoa, broken]),
      });
      expect(back.status).toBe(200);
      expect(back.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent('Tháng 12 - kết quả kiểm tra.xlsx')}`,
      );
      const book = XLSX.read(new Uint8Array(await back.arrayBuffer()), { type: 'array' });
      const sheet = book.Sheets[book.SheetNames[0] ?? ''] ?? expect.unreachable('a sheet');
      const grid = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
      expect(grid[3]?.at(-1)).toBe('Kết quả kiểm tra');
      expect(grid[4]?.slice(2, 3)).toEqual(['Trần Thị Hoa']);
      expect(grid[4]?.at(-1)).toBe('');
      expect(String(grid[5]?.at(-1)).split('\n')).toEqual(expect.arrayContaining(['Lỗi (cột D): Ngày không có thật.']));
      expect(await listCount()).toBe(0);
      const byPayer = await h.app.request(`/api/lists/findings-file?period=2026-12&commune=${PHU_BAI}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.payer}` },
        body: listFile([hoa]),
      });
      expect(byPayer.status).toBe(403);
    });

    test.each([
      [
        'not a spreadsheet (a PNG)',
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
        400,
        'not-a-spreadsheet',
      ],
      [
        'a sheet without a header row',
        (() => {
          const wb = XLSX.utils.book_new();
          XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Ghi chú'], ['không có gì']]), 'S');
          return new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
        })(),
        400,
        'no-header-row',
      ],
    ])('%s is refused with a clear code and changes nothing', async (_name, bytes, status, code) => {
      const res = await upload(bytes, tokens.officer);
      expect(res.status).toBe(status);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe(code);
      expect(await listCount()).toBe(0);
    });

    test('a column the import cannot place is fixed once for the layout; the same file then reads so', async () => {
      const csv = (amountHeader: string) =>
        new TextEncoder().encode(
          `Mã đối tượng,Họ và tên,Năm sinh,Số CCCD,Giới tính,${amountHeader}\r\n` +
            'BT-01,Trần Thị Hoa,1952,046152999001,Nữ,750000\r\nBT-02,Nguyễn Văn Bình,1940,,Nam,1000000\r\n',
        );
      const file = csv('Số tiền được hưởng');
      const refused = await upload(file, tokens.officer);
      expect(refused.status).toBe(422);
      const first = listImportResponseSchema.parse(await refused.json());
      expect(first.findings.map((f) => f.code)).toContain('missing-column');
      const reading = first.reading ?? expect.unreachable('the header row was found');
      expect(reading.headerRow).toBe(1);
      expect(reading.columns.at(-1)).toEqual({
        letter: 'F',
        header: 'Số tiền được hưởng',
        field: null,
        samples: ['750000', '1000000'],
      });

      const save = (token: string, fields: Record<string, string>, sourceKey = reading.sourceKey) =>
        h.request('/api/lists/mappings', {
          token,
          method: 'PUT',
          body: { protocol: 1, commune: PHU_BAI, sourceKey, fields },
        });
      expect((await save(tokens.payer, { monthlyAmount: 'F' })).status).toBe(403);
      const twice = await save(tokens.officer, { monthlyAmount: 'F', fullName: 'f' });
      expect([twice.status, errorBodySchema.parse(await twice.json()).error.code]).toEqual([400, 'invalid-mapping']);
      expect((await save(tokens.officer, { monthlyAmount: 'f' })).status).toBe(200);

      const kept = listImportResponseSchema.parse(await (await upload(file, tokens.officer)).json());
      expect(kept).toMatchObject({ status: 'draft', duplicate: false, findings: [] });
      expect(kept.reading?.columns.at(-1)?.field).toBe('monthlyAmount');
      expect(kept.diff.money.current).toBe(1_750_000);
      // The same file read the same way again is the same list; another layout is not affected.
      expect(listImportResponseSchema.parse(await (await upload(file, tokens.officer)).json()).duplicate).toBe(true);
      expect((await upload(csv('Tiền nhận'), tokens.officer)).status).toBe(422);
    });

    test('a payer, or an officer of another commune, may not import', async () => {
      const file = listFile([hoa]);
      expect((await upload(file, tokens.payer)).status).toBe(403);
      expect((await upload(file, tokens.officerLa)).status).toBe(403);
      expect(await listCount()).toBe(0);
    });

    test('four eyes: the preparer submits, never approves; an approver approves; the month then takes no new file', async () => {
      const { listId } = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh]), tokens.supervisor)).json(),
      );
      const id = listId ?? '';
      // A step out of order: nothing is approved before it is submitted.
      expect((await step(id, 'approve', tokens.approver)).status).toBe(409);
      // Cúc leaves the list: not submitted until she has a reason; last month's visit suggests one.
      const early = await step(id, 'submit', tokens.supervisor);
      expect([early.status, errorBodySchema.parse(await early.json()).error.code]).toEqual([
        409,
        'decrease-reason-missing',
      ]);
      const reasons = (token: string, decisions: unknown[]) =>
        h.request(`/api/lists/${id}/decreases`, { token, method: 'PUT', body: { protocol: 1, decisions } });
      expect((await reasons(tokens.officerLa, [{ beneficiaryId: 'b-cuc', reason: 'deceased' }])).status).toBe(404);
      expect((await reasons(tokens.approver, [{ beneficiaryId: 'b-cuc', reason: 'deceased' }])).status).toBe(403);
      expect((await reasons(tokens.supervisor, [{ beneficiaryId: 'b-hoa', reason: 'deceased' }])).status).toBe(400);
      expect((await reasons(tokens.supervisor, [{ beneficiaryId: 'b-cuc', reason: 'other', note: ' ' }])).status).toBe(
        400,
      );
      const kept = await reasons(tokens.supervisor, [
        { beneficiaryId: 'b-cuc', reason: 'deceased', note: 'Mất 20/11' },
      ]);
      expect(await kept.json()).toEqual({ protocol: 1, listId: id, missing: 0 });
      const detail = listDetailResponseSchema.parse(
        await (await h.request(`/api/lists/${id}`, { token: tokens.approver })).json(),
      );
      expect(detail.decreases).toEqual([
        expect.objectContaining({
          beneficiaryId: 'b-cuc',
          reason: 'deceased',
          note: 'Mất 20/11',
          suggested: 'deceased',
        }),
      ]);
      expect(listStepResponseSchema.parse(await (await step(id, 'submit', tokens.supervisor)).json()).status).toBe(
        'submitted',
      );
      expect((await step(id, 'submit', tokens.supervisor)).status).toBe(409);
      // Submitted: the reasons are fixed.
      expect((await reasons(tokens.supervisor, [{ beneficiaryId: 'b-cuc', reason: 'moved-away' }])).status).toBe(409);
      // The preparer may not approve their own list (403 before any order check); an officer may not approve.
      const own = await step(id, 'approve', tokens.supervisor);
      expect([own.status, errorBodySchema.parse(await own.json()).error.code]).toEqual([403, 'own-list']);
      expect((await step(id, 'approve', tokens.officer)).status).toBe(403);
      const approved = await step(id, 'approve', tokens.approver);
      expect(listStepResponseSchema.parse(await approved.json())).toEqual({
        protocol: 1,
        listId: id,
        status: 'approved',
      });
      const row = await h.db.kysely
        .selectFrom('lists')
        .select(['approver_id', 'approved_hash'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.approver_id).toBe('user-approver');
      expect(row.approved_hash).toMatch(/^[0-9a-f]{64}$/u);
      // An approved month is never edited: a new file is refused.
      const later = await upload(listFile([hoa]), tokens.officer);
      expect([later.status, errorBodySchema.parse(await later.json()).error.code]).toEqual([409, 'period-approved']);
      const events = await h.db.kysely.selectFrom('list_events').select(['action', 'user_id']).orderBy('at').execute();
      expect(events.map((e) => `${e.action}:${e.user_id}`)).toEqual([
        'import:user-supervisor',
        'submit:user-supervisor',
        'approve:user-approver',
      ]);
    });

    test('a person new to the commune without gender or group is an error finding, not a guess', async () => {
      const unknown = [4, 'BT-10', 'Võ Văn Út', '1950', '', 500000, 0, 0, 500000, '', ''];
      const res = await upload(listFile([hoa, unknown]), tokens.officer);
      expect(res.status).toBe(422);
      const { findings } = listImportResponseSchema.parse(await res.json());
      expect(findings.map((f) => [f.row, f.column, f.code])).toEqual([
        [6, 'J', 'new-person-needs-gender'],
        [6, 'K', 'new-person-needs-category'],
      ]);
    });

    test("the month's lists and a list's detail: lines by kind, who left, and every step with its author", async () => {
      const { listId } = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh, man]), tokens.officer)).json(),
      );
      const id = listId ?? '';
      await giveReasons(id, tokens.officer);
      await step(id, 'submit', tokens.officer);
      const month = await h.request(`/api/lists?commune=${PHU_BAI}&period=2026-12`, { token: tokens.approver });
      expect(listsResponseSchema.parse(await month.json()).lists).toEqual([
        expect.objectContaining({
          listId: id,
          status: 'submitted',
          fileName: 'Danh sách tháng 12.xlsx',
          total: 3_250_000,
          lineCount: 3,
          preparerName: 'Người dùng officer',
          approverName: null,
        }),
      ]);
      const detail = listDetailResponseSchema.parse(
        await (await h.request(`/api/lists/${id}`, { token: tokens.approver })).json(),
      );
      expect(detail.lines.map((l) => [l.fullName, l.kind, l.total])).toEqual([
        ['Trần Thị Hoa', 'unchanged', 750_000],
        ['Nguyễn Văn Bình', 'adjustment', 2_000_000],
        ['Phùng Thị Mận', 'increase', 500_000],
      ]);
      // The adjustment field by field: Bình's line total, old → new (the file gives no method).
      expect(detail.lines.find((l) => l.fullName === 'Nguyễn Văn Bình')?.changes).toEqual([
        { field: 'total', from: 1_000_000, to: 2_000_000 },
      ]);
      expect(detail.lines.find((l) => l.fullName === 'Trần Thị Hoa')?.changes).toEqual([]);
      // Cúc left (the reason given before submitting); November's visit suggested it.
      expect(detail.decreases).toEqual([
        {
          beneficiaryId: 'b-cuc',
          fullName: 'Lê Thị Cúc',
          code: 'BT-03',
          total: 600_000,
          reason: 'moved-away',
          note: null,
          suggested: 'deceased',
        },
      ]);
      expect(detail.events.map((e) => [e.action, e.userName])).toEqual([
        ['import', 'Người dùng officer'],
        ['submit', 'Người dùng officer'],
      ]);
      // Another commune's officer sees neither the month's lists nor the list.
      expect(
        (await h.request(`/api/lists?commune=${PHU_BAI}&period=2026-12`, { token: tokens.officerLa })).status,
      ).toBe(403);
      expect((await h.request(`/api/lists/${id}`, { token: tokens.officerLa })).status).toBe(404);
    });

    test('returned with a comment, the list is replaced by a new file, and the old one is kept as replaced', async () => {
      const first = listImportResponseSchema.parse(await (await upload(listFile([hoa, binh]), tokens.officer)).json());
      const id = first.listId ?? '';
      await giveReasons(id, tokens.officer);
      await step(id, 'submit', tokens.officer);
      expect((await step(id, 'return', tokens.approver, { protocol: 1 })).status).toBe(400);
      const returned = await step(id, 'return', tokens.approver, { protocol: 1, comment: 'Thiếu bà Cúc' });
      expect(listStepResponseSchema.parse(await returned.json()).status).toBe('returned');
      const second = listImportResponseSchema.parse(
        await (await upload(listFile([hoa, binh, man]), tokens.officer)).json(),
      );
      expect(second).toMatchObject({ status: 'draft', duplicate: false });
      const statuses = await h.db.kysely.selectFrom('lists').select(['id', 'status']).execute();
      expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
        [id]: 'replaced',
        [second.listId ?? '']: 'draft',
      });
      const comment = await h.db.kysely
        .selectFrom('list_events')
        .select('comment')
        .where('action', '=', 'return')
        .executeTakeFirst();
      expect(comment?.comment).toBe('Thiếu bà Cúc');
    });
  });
}
