/**
 * The world of the monthly-list contract suites: Phú Bài with last month's (11/2026) list of three
 * people (Hoa 750,000, Bình 1,000,000, Cúc 600,000 — found dead at a visit, unpaid), users of each
 * role signed in, and helpers to upload a file, give reasons and take a list's steps over HTTP.
 */
import { listDetailResponseSchema } from '../../src/protocol/lists';
import { putEntities, type EntityChange } from '../../src/server/services/entity-store';
import type { MakeDb } from '../../src/server/testing/databases';
import { createHarness, type Harness } from '../../src/server/testing/harness';
import { beneficiaryData, paymentLineData } from './beneficiary';

export const PHU_BAI = '19960';

/** Rows of December's list (the columns of `listFile`). */
export const hoa = [1, 'BT-01', 'Trần Thị Hoa', '1952', '046152999001', 750000, 0, 0, 750000, 'Nữ', ''];
export const binh = [2, 'BT-02', 'Nguyễn Văn Bình', '1940', '', 1000000, 1, 1000000, 2000000, 'Nam', ''];
// New to the commune: enrolled when the list is published, so gender and group are given.
export const man = [3, 'BT-09', 'Phùng Thị Mận', '1950', '', 500000, 0, 0, 500000, 'Nữ', 'Khoản 5 điểm b'];

export type ListsWorld = Awaited<ReturnType<typeof createListsWorld>>;

export async function createListsWorld(makeDb: MakeDb) {
  const h = await createHarness({ db: await makeDb() });
  // Last month (11/2026): Hoa 750,000 and Bình 1,000,000 and Cúc 600,000 on the list.
  const person = (id: string, code: string, fullName: string, birthDate: string) =>
    ({
      entity: 'beneficiary',
      id,
      communeCode: PHU_BAI,
      data: beneficiaryData({ code, fullName, birthDate, idNumber: null }),
    }) as EntityChange;
  const line = (id: string, beneficiaryId: string, amount: number) =>
    ({
      entity: 'payment-line',
      id,
      communeCode: PHU_BAI,
      data: paymentLineData({ beneficiaryId, amount, monthlyAmount: amount, periodId: '2026-11' }),
    }) as EntityChange;
  await h.db.kysely.transaction().execute((trx) =>
    putEntities(
      trx,
      [
        {
          entity: 'commune',
          id: PHU_BAI,
          communeCode: PHU_BAI,
          data: { code: PHU_BAI, name: 'Phường Phú Bài', provinceCode: '46' },
        },
        person('b-hoa', 'BT-01', 'Trần Thị Hoa', '1952'),
        person('b-binh', 'BT-02', 'Nguyễn Văn Bình', '1940'),
        person('b-cuc', 'BT-03', 'Lê Thị Cúc', '1945'),
        line('l-hoa', 'b-hoa', 750_000),
        line('l-binh', 'b-binh', 1_000_000),
        // The payer found Cúc had died when visiting in November: the field suggests the reason.
        {
          ...line('l-cuc', 'b-cuc', 600_000),
          data: {
            ...paymentLineData({
              beneficiaryId: 'b-cuc',
              amount: 600_000,
              monthlyAmount: 600_000,
              periodId: '2026-11',
            }),
            status: 'unpaid',
            lastVisit: {
              opId: 'op-visit',
              actorId: 'user-payer',
              recordedAt: '2026-11-20T09:00:00+07:00',
              reason: 'deceased',
              note: null,
            },
          },
        },
      ],
      { now: h.clock.now() },
    ),
  );
  const signedIn = async (username: string, role: Parameters<Harness['addUser']>[1], communes = [PHU_BAI]) => {
    await h.addUser(username, role, communes);
    return h.signIn(username);
  };
  const tokens = {
    officer: await signedIn('officer', 'officer'),
    payer: await signedIn('payer', 'payer'),
    approver: await signedIn('approver', 'approver'),
    supervisor: await signedIn('supervisor', 'supervisor'),
    officerLa: await signedIn('officer-la', 'officer', ['20140']),
  };

  const upload = (bytes: Uint8Array<ArrayBuffer>, token: string, query = `period=2026-12&commune=${PHU_BAI}`) =>
    h.app.request(`/api/lists/import?${query}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-filename': encodeURIComponent('Danh sách tháng 12.xlsx'),
      },
      body: bytes,
    });
  const step = (listId: string, name: string, token: string, body: unknown = { protocol: 1 }) =>
    h.request(`/api/lists/${listId}/${name}`, { token, body });
  const listCount = async () =>
    Number(
      (
        await h.db.kysely
          .selectFrom('lists')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Gives every person who leaves the list a reason (as the preparer must before submitting). */
  const giveReasons = async (listId: string, token: string, reason = 'moved-away') => {
    const detail = listDetailResponseSchema.parse(await (await h.request(`/api/lists/${listId}`, { token })).json());
    if (detail.decreases.length === 0) return;
    const decisions = detail.decreases.map((d) => ({ beneficiaryId: d.beneficiaryId, reason }));
    const res = await h.request(`/api/lists/${listId}/decreases`, {
      token,
      method: 'PUT',
      body: { protocol: 1, decisions },
    });
    if (res.status !== 200) throw new Error(`reasons answered ${res.status}: ${await res.text()}`);
  };
  return { h, tokens, upload, step, listCount, giveReasons };
}
