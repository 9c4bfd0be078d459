import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { ServicesProvider } from '../../ui/services';
import { ReadinessPage } from './readiness-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
let n = 0;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.beneficiaries.bulkPut([
    // Only a CMND, a bank chosen, an appointment booked: the card is the person's own.
    toBeneficiaryRow(
      'b-old',
      1,
      beneficiaryData({
        fullName: 'Lê Thị Tám',
        paymentMethod: 'bank',
        idNumber: null,
        idCardRequest: { kind: 'new', person: 'beneficiary', appointmentOn: '2026-12-10', place: null, issuedOn: null },
      }),
    ),
  ]);
  await db.kv.put({ key: 'deviceId', value: 'dev-1' });
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'u-1', username: 'officer', displayName: 'Cán bộ', role: 'officer', communes: ['19960'] },
    },
  });
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

function render() {
  const services = testServices(db, {
    clock: { now: () => Date.parse('2026-12-07T03:00:00Z') },
    engine: { notifyNewOp: () => undefined },
    makeId: () => `op-${String(++n)}`,
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter>
        <ServicesProvider services={services}>
          <ReadinessPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
}

const button = (text: string) => {
  const found = [...container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};
const type = (input: HTMLInputElement, value: string) =>
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const field = (label: string, within: Element) => {
  const l = [...within.querySelectorAll('label')].find((x) => x.textContent === label);
  const input = l && document.getElementById(l.htmlFor);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no field "${label}"`);
  return input;
};
const itemOf = (name: string) =>
  [...container.querySelectorAll('li.readiness-item')].find((li) => li.querySelector('strong')?.textContent === name);

async function openCards() {
  render();
  const tab = () =>
    [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) =>
      b.textContent?.startsWith('Cần làm thẻ căn cước'),
    );
  await until(() => expect(tab()?.textContent).toBe('Cần làm thẻ căn cước (1)'));
  act(() => tab()?.click());
}

describe('the follow-up of new ID cards', { timeout: 20_000 }, () => {
  test('a card issued: a short number is refused, the right one is recorded and the person moves on', async () => {
    await openCards();
    await until(() =>
      expect(itemOf('Lê Thị Tám')?.querySelector('[data-testid="id-card-stage"]')?.textContent).toBe(
        'Đã hẹn · hẹn 10/12/2026',
      ),
    );
    const item = itemOf('Lê Thị Tám');
    if (!item) throw new Error('no item');
    act(() => button('Ghi thẻ đã cấp cho Lê Thị Tám').click());
    type(field('Ngày cấp thẻ', item), '2026-12-06');
    type(field('Số định danh trên thẻ mới', item), '0461527');
    act(() => button('Lưu thẻ đã cấp').click());
    await until(() =>
      expect(item.querySelector('[role="alert"]')?.textContent).toBe('Nhập đủ 12 số định danh trên thẻ mới.'),
    );
    expect(await db.outbox.count()).toBe(0);
    type(field('Số định danh trên thẻ mới', item), '046152700111');
    act(() => button('Lưu thẻ đã cấp').click());
    let ops = await db.outbox.toArray();
    await until(() => {
      void db.outbox.toArray().then((rows) => (ops = rows));
      expect(ops).toHaveLength(1);
    });
    const [op] = ops;
    expect(op?.envelope).toMatchObject({
      type: 'beneficiary.update',
      entityId: 'b-old',
      payload: { idNumber: '046152700111', idCardRequest: { issuedOn: '2026-12-06', appointmentOn: '2026-12-10' } },
    });
    await until(() => expect(itemOf('Lê Thị Tám')).toBeUndefined());
  });
});
