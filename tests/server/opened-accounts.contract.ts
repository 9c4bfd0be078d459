/**
 * Opened accounts through the HTTP API (docs/protocol.md "Opened accounts"), on SQLite and
 * PostgreSQL: a provider's file with a match, differing names, an unknown ID, a duplicate, a bad
 * account, an account already held and an ID two people share is reviewed without changing
 * anything; applying sets only the matches and the differing names a supervisor accepted, through
 * roster ops in the op log, once; a payer cannot import.
 */
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../builders/beneficiary';
import { providersResponseSchema } from '../../src/protocol/batches';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { openedAccountsReviewSchema } from '../../src/protocol/opened-accounts';
import { ensureExampleProviders } from '../../src/server/batches/providers';
import { putEntities } from '../../src/server/services/entity-store';
import type { MakeDb } from '../../src/server/testing/databases';
import { createPushWorld, PHU_BAI, type World } from '../../src/server/testing/push-world';

const roster = {
  an: { fullName: 'Nguyễn Văn An', idNumber: '046152000111' },
  binh: {
    fullName: 'Lê Thị Bình',
    idNumber: '046152000222',
    paymentMethod: 'mobile-money' as const,
    paymentDetails: { provider: 'Viettel Money', walletPhone: '0971234567' },
  },
  cuong: { fullName: 'Trần Văn Cường', idNumber: '046152000333' },
  dung: { fullName: 'Phạm Thị Dung', idNumber: null, oldIdNumber: '191000444' },
  em: {
    fullName: 'Hồ Văn Em',
    idNumber: '046152000555',
    paymentMethod: 'bank' as const,
    paymentDetails: { bankName: 'Agribank', accountNumber: '4000111222555', accountHolder: 'HO VAN EM' },
    accountStatus: 'card-handed-over' as const,
  },
  giang: { fullName: 'Đỗ Thị Giang', idNumber: '046152000666' },
};

const header = ['STT', 'Họ và tên', 'Số CCCD/CMND', 'Số tài khoản', 'Tên chủ tài khoản', 'Ngày mở'];
/** Row 3 onwards, under a title (row 1) and the header (row 2). */
const rows = [
  ['1', 'Nguyễn Văn An', '046152000111', '4000 111 222 333', 'NGUYEN VAN AN', '03/12/2026'],
  ['2', 'Lê Thị Bích', '046152000222', '4000111222444', 'LE THI BINH', ''],
  ['3', 'Trần Cường', '046152000333', '4000111222666', '', ''],
  ['4', 'Phạm Thị Dung', '191000444', '40A', '', ''],
  ['5', 'Hồ Văn Em', '046152000555', '4000111222555', '', ''],
  ['6', 'Ngô Thị Hạnh', '046152000999', '4000111222777', '', ''],
  ['7', 'Đỗ Thị Giang', '046152000666', '4000111222888', '', ''],
  ['8', 'Đỗ Thị Giang', '046152000666', '4000111222999', '', ''],
  // The world's two people of Phú Bài share this number.
  ['9', 'Trần Thị Hoa', '046152999001', '4000111222000', '', ''],
];

function openedXlsx(grid: string[][]): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet([['DANH SÁCH TÀI KHOẢN ĐÃ MỞ'], ...grid]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'TaiKhoan');
  return new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
}

async function seedRoster(w: World): Promise<void> {
  const changes = Object.entries(roster).map(([key, p]) => ({
    entity: 'beneficiary' as const,
    id: `b-${key}`,
    communeCode: PHU_BAI,
    data: beneficiaryData({ oldIdNumber: null, accountStatus: 'submitted', paymentDetails: null, ...p }),
  }));
  await w.h.db.kysely.transaction().execute((trx) => putEntities(trx, changes, { now: w.h.clock.now() }));
}

export function runOpenedAccountsContract(name: string, makeDb: MakeDb): void {
  describe(`opened accounts (${name})`, () => {
    let w: World;
    let bankId: string;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      await seedRoster(w);
      await ensureExampleProviders(w.h.db.kysely, { now: w.h.clock.now(), enabled: true });
      const res = await w.h.request('/api/providers', { token: w.actors.supervisor.token });
      const { providers } = providersResponseSchema.parse(await res.json());
      bankId = providers.find((p) => p.kind === 'bank')?.id ?? expect.unreachable('the example bank');
    });
    afterEach(() => w.h.close());

    const sup = () => w.actors.supervisor.token;
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
    const upload = (bytes: Uint8Array, token = sup(), query = `?commune=${PHU_BAI}`, providerId = bankId) =>
      w.h.app.request(`/api/providers/${providerId}/opened-accounts${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-filename': encodeURIComponent('tài khoản đã mở.xlsx') },
        body: bytes.slice().buffer,
      });
    const apply = (importId: string, accept: number[], token = sup()) =>
      w.h.request(`/api/providers/${bankId}/opened-accounts/${importId}/apply`, { token, body: { accept } });
    const review = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(200);
      return openedAccountsReviewSchema.parse(await res.json());
    };
    const person = async (key: keyof typeof roster) => (await w.entity('beneficiary', `b-${key}`))?.data;
    const accountOps = () =>
      w.h.db.kysely
        .selectFrom('ops')
        .select(['type', 'entity_id', 'user_id', 'seq'])
        .where('type', 'in', ['beneficiary.set-payment-method', 'beneficiary.set-account-status'])
        .orderBy('entity_id')
        .orderBy('type')
        .execute();

    test('the review gives each row its outcome and person; nothing changes until applied', async () => {
      const shown = await review(await upload(openedXlsx([header, ...rows])));
      expect(shown).toMatchObject({ headerRow: 2, fileName: 'tài khoản đã mở.xlsx', appliedAt: null, applied: 0 });
      expect(shown.counts).toEqual({
        match: 1,
        'name-differs': 2,
        'not-found': 1,
        'several-people': 1,
        'duplicate-row': 2,
        'account-invalid': 1,
        'already-set': 1,
      });
      expect(shown.rows.map((r) => [r.row, r.outcome, r.person?.id ?? null])).toEqual([
        [3, 'match', 'b-an'],
        [4, 'name-differs', 'b-binh'],
        [5, 'name-differs', 'b-cuong'],
        [6, 'account-invalid', 'b-dung'],
        [7, 'already-set', 'b-em'],
        [8, 'not-found', null],
        [9, 'duplicate-row', 'b-giang'],
        [10, 'duplicate-row', 'b-giang'],
        [11, 'several-people', null],
      ]);
      expect(shown.rows[0]).toMatchObject({
        accountNumber: '4000111222333',
        holderName: 'NGUYEN VAN AN',
        openedDate: '2026-12-03',
        person: { fullName: 'Nguyễn Văn An', account: null, accountStatus: 'submitted', paymentMethod: 'cash-point' },
        applied: false,
      });
      expect(shown.rows[1]?.message).toMatch(/họ tên khác/);
      expect(shown.rows[4]?.person).toMatchObject({ bankName: 'Agribank', account: '4000111222555' });
      expect(await person('an')).toMatchObject({ paymentMethod: 'cash-point', accountStatus: 'submitted' });
      expect(await accountOps()).toEqual([]);
    });

    test('apply sets the matches and the accepted names only, through roster ops, once', async () => {
      const shown = await review(await upload(openedXlsx([header, ...rows])));
      // Row 4 is accepted on the review screen; row 5 is not; rows 6 and 8 are listed but never apply.
      const applied = await review(await apply(shown.importId, [4, 6, 8]));
      expect(applied.applied).toBe(2);
      expect(applied.appliedAt).not.toBeNull();
      expect(applied.rows.filter((r) => r.applied).map((r) => r.row)).toEqual([3, 4]);

      const an = await person('an');
      expect(an).toMatchObject({
        paymentMethod: 'bank',
        paymentDetails: { bankName: 'Agribank', accountNumber: '4000111222333', accountHolder: 'NGUYEN VAN AN' },
        accountStatus: 'opened',
      });
      expect(an?.['accountStatusNote']).toMatch(/tài khoản đã mở\.xlsx, dòng 3, mở ngày 03\/12\/2026/);
      // The wallet recorded before is kept; the holder is the file's.
      expect((await person('binh'))?.['paymentDetails']).toEqual({
        provider: 'Viettel Money',
        walletPhone: '0971234567',
        bankName: 'Agribank',
        accountNumber: '4000111222444',
        accountHolder: 'LE THI BINH',
      });
      expect(await person('binh')).toMatchObject({ paymentMethod: 'bank', accountStatus: 'opened' });
      for (const key of ['cuong', 'dung', 'giang'] as const)
        expect(await person(key)).toMatchObject({
          paymentMethod: 'cash-point',
          paymentDetails: null,
          accountStatus: 'submitted',
        });
      expect(await person('em')).toMatchObject({ accountStatus: 'card-handed-over' });

      const ops = await accountOps();
      expect(ops.map((o) => [o.type, o.entity_id])).toEqual([
        ['beneficiary.set-account-status', 'b-an'],
        ['beneficiary.set-payment-method', 'b-an'],
        ['beneficiary.set-account-status', 'b-binh'],
        ['beneficiary.set-payment-method', 'b-binh'],
      ]);
      expect(ops.every((o) => o.user_id === w.actors.supervisor.userId && o.seq === null)).toBe(true);
      // The commune's tablets pull the change.
      const { changes } = await w.pull(w.actors.officer);
      expect(changes.find((c) => c.id === 'b-an')?.data).toMatchObject({ accountStatus: 'opened' });

      const twice = await apply(shown.importId, [4]);
      expect([twice.status, await errorCode(twice)]).toEqual([409, 'batch-step-out-of-order']);
      expect(await accountOps()).toHaveLength(4);
      // The same file read again: what was applied is now already set.
      const again = await review(await upload(openedXlsx([header, ...rows])));
      expect(again.rows.slice(0, 2).map((r) => r.outcome)).toEqual(['already-set', 'already-set']);
    });

    test('who may import, and files that cannot be read', async () => {
      const file = openedXlsx([header, ...rows]);
      for (const who of [w.actors.payer, w.actors.officer]) {
        const res = await upload(file, who.token);
        expect([res.status, await errorCode(res)]).toEqual([403, 'forbidden']);
      }
      const otherCommune = await upload(file, sup(), '?commune=99999');
      expect([otherCommune.status, await errorCode(otherCommune)]).toEqual([403, 'forbidden']);
      const noCommune = await upload(file, sup(), '');
      expect([noCommune.status, await errorCode(noCommune)]).toEqual([400, 'invalid-query']);
      const noProvider = await upload(file, sup(), `?commune=${PHU_BAI}`, 'no-such-provider');
      expect([noProvider.status, await errorCode(noProvider)]).toEqual([404, 'not-found']);
      const noHeader = await upload(
        openedXlsx([
          ['STT', 'Số tiền'],
          ['1', '750000'],
        ]),
      );
      expect([noHeader.status, await errorCode(noHeader)]).toEqual([422, 'result-mapping-needed']);
      const notSheet = await upload(new Uint8Array([0, 1, 2, 3, 255]));
      expect([notSheet.status, await errorCode(notSheet)]).toEqual([400, 'not-a-spreadsheet']);

      // A payer cannot see a review, nor apply it.
      const shown = await review(await upload(file));
      const byPayer = await apply(shown.importId, [], w.actors.payer.token);
      expect([byPayer.status, await errorCode(byPayer)]).toEqual([404, 'not-found']);
      const unknown = await apply('no-such-import', []);
      expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'not-found']);
      const badBody = await w.h.request(`/api/providers/${bankId}/opened-accounts/${shown.importId}/apply`, {
        token: sup(),
        body: { accept: ['x'] },
      });
      expect([badBody.status, await errorCode(badBody)]).toEqual([400, 'invalid-body']);
      expect(await accountOps()).toEqual([]);
    });
  });
}
