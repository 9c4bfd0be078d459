// The monthly list screen's calls, through the client's own transport against the real server
// (Hono app + SQLite in one process): an officer uploads a CSV, a refused file keeps nothing, the
// approver approves what the officer submitted (docs/protocol.md "Lists"), and a supervisor closes
// the month ("Closing a month").
import { afterEach, beforeEach, expect, test } from 'vitest';
import { PHU_BAI } from '../../src/server/seed/demo';
import type { Harness } from '../../src/server/testing/harness';
import { TransportError, type Transport } from '../../src/sync/transport';
import { demoServer } from '../builders/demo-server';

let harness: Harness;
let transport: Transport;

beforeEach(async () => {
  ({ harness, transport } = await demoServer(20));
});
afterEach(() => harness.close());

const header =
  'STT,Mã đối tượng,Họ và tên,Năm sinh,Giới tính,Nhóm đối tượng,Tiền trợ cấp tháng này,Tổng số tiền trợ cấp';
const csv = (...rows: string[]) => new Blob([[header, ...rows].join('\r\n')], { type: 'text/csv' });

async function signIn(username: string) {
  const answer = await transport.login({
    username,
    password: 'demo1234',
    device: { id: `dev-${username}`, name: 'Máy văn phòng' },
  });
  return answer.token;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => expect.unreachable('the call was expected to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return (error as TransportError).code;
}

test('an officer’s list is kept, shown, submitted and approved by the approver; a refused file keeps nothing', async () => {
  const officer = await signIn('officer');
  const approver = await signIn('approver');
  const period = '2026-12';

  // A refused file: its findings come back by row and column, and the month has no list.
  const refused = await transport.importList(officer, {
    commune: PHU_BAI,
    period,
    fileName: 'Tháng 12 lỗi.csv',
    file: csv('1,BT-91,Phùng Thị Mận,1950,Nữ,Khoản 5 điểm b,năm trăm nghìn,500000'),
  });
  expect(refused.listId).toBeNull();
  expect(refused.findings.some((f) => f.severity === 'error' && f.row === 2)).toBe(true);
  expect(await transport.listLists(officer, PHU_BAI, period)).toEqual([]);

  // Not a spreadsheet at all: a stable code the screen turns into Vietnamese.
  expect(
    await failure(
      transport.importList(officer, {
        commune: PHU_BAI,
        period,
        fileName: 'ảnh.csv',
        file: new Blob([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])]),
      }),
    ),
  ).toBe('not-a-spreadsheet');

  const kept = await transport.importList(officer, {
    commune: PHU_BAI,
    period,
    fileName: 'Tháng 12.csv',
    file: csv(
      '1,BT-91,Phùng Thị Mận,1950,Nữ,Khoản 5 điểm b,500000,500000',
      '2,BT-92,Lê Văn Sáu,1948,Nam,Khoản 5 điểm b,750000,750000',
    ),
  });
  const listId = kept.listId ?? expect.unreachable('the list was refused');
  expect(kept.status).toBe('draft');
  expect(kept.diff.money.current).toBe(1_250_000);
  const money = kept.diff.money;
  expect(money.previous + money.increases - money.decreases + money.adjustments).toBe(money.current);

  const month = await transport.listLists(approver, PHU_BAI, period);
  expect(month.map((l) => [l.listId, l.status, l.total, l.fileName])).toEqual([
    [listId, 'draft', 1_250_000, 'Tháng 12.csv'],
  ]);

  // The approver cannot approve a draft; the officer submits, and may not approve (role).
  expect(await failure(transport.listStep(approver, listId, 'approve'))).toBe('list-step-out-of-order');
  // Everyone the list drops (the demo's other people) needs a reason before it is submitted.
  expect(await failure(transport.listStep(officer, listId, 'submit'))).toBe('decrease-reason-missing');
  const leaving = (await transport.getList(officer, listId)).decreases;
  expect(leaving.length).toBeGreaterThan(0);
  const reasons = leaving.map((d) => ({ beneficiaryId: d.beneficiaryId, reason: 'moved-away' as const, note: null }));
  expect(await transport.setDecreaseReasons(officer, listId, reasons)).toEqual({ protocol: 1, listId, missing: 0 });
  expect((await transport.listStep(officer, listId, 'submit')).status).toBe('submitted');
  expect(await failure(transport.listStep(officer, listId, 'approve'))).toBe('forbidden');
  expect((await transport.listStep(approver, listId, 'approve')).status).toBe('approved');

  const detail = await transport.getList(officer, listId);
  expect(detail.list).toMatchObject({ status: 'approved', approverName: 'Hoàng Văn Minh', total: 1_250_000 });
  expect(detail.lines.map((l) => [l.fullName, l.total])).toEqual([
    ['Phùng Thị Mận', 500_000],
    ['Lê Văn Sáu', 750_000],
  ]);
  expect(detail.events.map((e) => e.action)).toEqual(['import', 'submit', 'approve']);
});

test('a supervisor closes the demo month through the transport: every unpaid line decided, the money balanced', async () => {
  const supervisor = await signIn('supervisor');
  const before = await transport.getClosing(supervisor, PHU_BAI, '2026-11');
  expect(before.status).toBe('paying');
  expect(before.lines.length).toBeGreaterThan(0);
  const [first, ...rest] = before.lines;
  const decisions = [
    { lineId: first?.lineId ?? '', outcome: 'end' as const, reason: 'moved-away' as const, note: null },
    ...rest.map((l) => ({ lineId: l.lineId, outcome: 'carry' as const })),
  ];
  const closed = await transport.closeMonth(supervisor, PHU_BAI, '2026-11', decisions);
  const { due, paid, carried, ended } = closed.summary;
  expect(closed.status).toBe('closed');
  expect([carried.count, ended.count]).toEqual([rest.length, 1]);
  expect(due.amount).toBe(paid.amount + carried.amount + ended.amount);
  expect(await failure(transport.closeMonth(supervisor, PHU_BAI, '2026-11', decisions))).toBe('period-closed');
  // The officer reads the closed month; only a supervisor closes one.
  const officer = await signIn('officer');
  expect((await transport.getClosing(officer, PHU_BAI, '2026-11')).status).toBe('closed');
  expect(await failure(transport.closeMonth(officer, '20140', '2026-11', []))).toBe('forbidden');
});
