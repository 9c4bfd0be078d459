import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import type { Role } from '../../domain/vocabulary';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { ServicesProvider } from '../../ui/services';
import { PersonPage } from './person-page';
import { untilRendered as until } from '../../../tests/builders/until';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
let n = 0;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.put(toBeneficiaryRow('b-1', 3, beneficiaryData({ fullName: 'Trần Thị Hoa' })));
  await db.kv.put({ key: 'deviceId', value: 'dev-1' });
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

async function renderAs(role: Role, communes = ['19960']) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: `u-${role}`, username: role, displayName: role, role, communes },
    },
  });
  const services = testServices(db, {
    clock: { now: () => Date.parse('2026-11-29T03:00:00Z') },
    engine: { notifyNewOp: () => undefined },
    makeId: () => `op-${++n}`,
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter initialEntries={['/nguoi/b-1']}>
        <ServicesProvider services={services}>
          <Routes>
            <Route path="/nguoi/:id" element={<PersonPage />} />
          </Routes>
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
  // The page shows once the person and the stored session are both read.
  await until(() => expect(container.querySelector('h1')?.textContent).toBe('Trần Thị Hoa'));
}

const headings = () => [...container.querySelectorAll('h2')].map((h) => h.textContent);
const forms = [
  'Cập nhật giấy tờ và liên lạc',
  'Người giám hộ / người được ủy quyền',
  'Đăng ký hình thức nhận',
  'Trạng thái hưởng',
];
const offered = () => forms.filter((f) => headings().includes(f));

describe('PersonPage offers only what the role may do (protocol/permissions.ts)', { timeout: 20_000 }, () => {
  test.each<[Role, string[]]>([
    ['payer', []],
    ['officer', forms.slice(0, 3)],
    ['supervisor', forms],
    ['admin', []],
  ])('a %s sees %j', async (role, expected) => {
    await renderAs(role);
    expect(offered()).toEqual(expected);
    expect(headings()).toContain('Mở tài khoản');
  });

  test("an officer of another commune may not edit this commune's person", async () => {
    await renderAs('officer', ['20140']);
    expect(offered()).toEqual([]);
  });

  test('a supervisor records a suspension from next month; the page shows it at once, pending', async () => {
    await renderAs('supervisor');
    const reason = container.querySelector<HTMLSelectElement>('#st-reason');
    expect([...(reason?.options ?? [])].map((o) => o.value)).toEqual(['missed-payments', 'moved-away', 'other']);
    expect(container.querySelector<HTMLInputElement>('#st-effectiveMonth')?.value).toBe('2026-12');

    const status = container.querySelector<HTMLSelectElement>('#st-status');
    act(() => {
      if (!status) throw new Error('no status select');
      status.value = 'deceased';
      status.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Only the reason that fits a death is offered (the reducer refuses any other).
    await until(() => expect([...(reason?.options ?? [])].map((o) => o.value)).toEqual(['deceased']));

    const form = container.querySelector('#st-status')?.closest('form');
    act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => expect(container.textContent).toContain('Đã ghi nhận trên máy'));
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ type: 'beneficiary.set-status', entityId: 'b-1', state: 'pending' });
    expect(op?.envelope).toMatchObject({
      baseVersion: 3,
      payload: { v: 1, status: 'deceased', reason: 'deceased', effectiveMonth: '2026-12' },
    });
    await until(() =>
      expect(container.querySelector('[data-testid="person-status"]')?.textContent).toBe(
        'Đã mất · Đã mất · từ tháng 12/2026',
      ),
    );
    expect(container.querySelector('[data-testid="person-pending"]')).not.toBeNull();
  });
});

describe('a failed transfer', () => {
  const fact = { opId: 'op-send', actorId: 'sup', recordedAt: '2026-11-20T09:00:00+07:00' };
  const failedLine = (reroute: unknown) => ({
    ...paymentLineData({ beneficiaryId: 'b-1', method: 'bank', status: 'failed' }),
    id: 'line-1',
    version: 3,
    transfers: [
      {
        ...fact,
        batchId: 'b-1',
        providerId: 'p-1',
        reference: 'AGR-1-00001',
        statusBefore: 'due',
        outcome: { ...fact, opId: 'op-result', kind: 'failed', reason: 'Tài khoản đã đóng', providerReference: null },
      },
    ],
    reroute,
  });

  test('is shown on the person’s page with the provider’s reason and a request to fix the account', async () => {
    await db.paymentLines.put(failedLine(null));
    await renderAs('officer');
    const notice = container.querySelector('[data-testid="transfer-failure"]');
    expect(notice?.textContent).toContain('Chuyển khoản tháng 11/2026 bị lỗi: Tài khoản đã đóng.');
    expect(notice?.textContent).toContain('Hãy kiểm tra lại số tài khoản');
  });

  test('with the supervisor’s decision once there is one', async () => {
    const reroute = {
      ...fact,
      opId: 'op-re',
      to: 'home-delivery',
      reason: 'x',
      methodBefore: 'bank',
      transferOpId: 'op-send',
    };
    await db.paymentLines.put({ ...failedLine(reroute), status: 'due', method: 'home-delivery' });
    await renderAs('officer');
    expect(container.querySelector('[data-testid="transfer-failure"]')?.textContent).toContain(
      'Cán bộ giám sát đã quyết định: Chi tại nhà.',
    );
  });

  test('nothing is shown for a line that never failed', async () => {
    await db.paymentLines.put({ ...paymentLineData({ beneficiaryId: 'b-1' }), id: 'line-1', version: 1 });
    await renderAs('officer');
    expect(container.querySelector('[data-testid="transfer-failure"]')).toBeNull();
  });
});

describe('facts imported from a broken tablet’s file (issue 13)', () => {
  const fact = { opId: 'op-file-1', actorId: 'user-payer', recordedAt: '2026-11-20T09:00:00+07:00' };
  const paidLine = (payment: Record<string, unknown>) => ({
    ...paymentLineData({ beneficiaryId: 'b-1', status: 'paid' }),
    id: 'line-1',
    version: 2,
    payment,
  });

  test('the history says which payment and which card check came from a file, and who imported them', async () => {
    await db.paymentLines.put(
      paidLine({ ...fact, amount: 1_000_000, receiver: { kind: 'self' }, importedBy: 'user-sup-7' }),
    );
    await db.idChecks.put({
      id: 'op-file-2',
      version: 1,
      beneficiaryId: 'b-1',
      method: 'manual',
      overall: 'match',
      recordedAt: '2026-11-20T09:00:00+07:00',
      importedBy: 'user-sup-7',
    });
    await renderAs('officer');
    // The device knows no other user's name: the importer's user id is what it can show.
    await until(() =>
      expect(container.querySelector('[data-testid="imported-facts"]')?.textContent).toBe(
        'Lần chi trả: nhập từ tệp bởi user-sup-7',
      ),
    );
    expect(container.querySelector('[data-testid="imported-by"]')?.textContent).toBe('Nhập từ tệp bởi user-sup-7');
  });

  test('the signed-in importer is named; facts the tablet sent itself say nothing', async () => {
    await db.paymentLines.put(paidLine({ ...fact, amount: 1_000_000, receiver: { kind: 'self' } }));
    await db.paymentLines.put({
      ...paymentLineData({ beneficiaryId: 'b-1', periodId: '2026-10', status: 'unpaid' }),
      id: 'line-0',
      version: 2,
      lastVisit: { ...fact, opId: 'op-file-3', reason: 'absent', note: null, importedBy: 'u-supervisor' },
    });
    await db.idChecks.put({ id: 'op-own', version: 1, beneficiaryId: 'b-1', method: 'manual', overall: 'match' });
    await renderAs('supervisor');
    await until(() =>
      expect([...container.querySelectorAll('[data-testid="imported-facts"]')].map((e) => e.textContent)).toEqual([
        'Lần đến nhà chưa chi trả: nhập từ tệp bởi supervisor',
      ]),
    );
    expect(container.querySelector('[data-testid="imported-by"]')).toBeNull();
  });
});
