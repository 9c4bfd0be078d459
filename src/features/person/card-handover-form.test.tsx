import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { Role } from '../../domain/vocabulary';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { sha256Hex } from '../../storage/payments';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { ServicesProvider } from '../../ui/services';
import { PersonPage } from './person-page';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The image the signature box hands over once something is drawn (jsdom draws nothing itself).
// Node's own bytes (TextEncoder), which its crypto.subtle accepts, unlike the test realm's.
const png = new TextEncoder().encode('signature-png-bytes');

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
let n = 0;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  const opened = beneficiaryData({
    fullName: 'Trần Thị Hoa',
    paymentMethod: 'bank',
    paymentDetails: { bankName: 'Agribank', accountNumber: '4000999000003', accountHolder: 'Trần Thị Hoa' },
    accountStatus: 'opened',
  });
  await db.beneficiaries.put(toBeneficiaryRow('b-1', 3, opened));
  await db.kv.put({ key: 'deviceId', value: 'dev-1' });
  container = document.createElement('div');
  document.body.append(container);
  // A canvas that "draws" and encodes to the PNG above: only what the signature box calls.
  const context = { beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, clearRect() {} };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
  // jsdom's Blob cannot give its bytes back: this one can, as a browser's does.
  const blob = Object.assign(new Blob([png], { type: 'image/png' }), {
    arrayBuffer: () => Promise.resolve(png.slice().buffer),
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done) => done(blob));
  HTMLCanvasElement.prototype.setPointerCapture = () => undefined;
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  vi.restoreAllMocks();
  await db.delete();
});

async function renderAs(role: Role) {
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: `u-${role}`, username: role, displayName: 'Lê Thị Thu', role, communes: ['19960'] },
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
  await until(() => expect(container.querySelector('h1')?.textContent).toBe('Trần Thị Hoa'));
}

const section = () => container.querySelector('[data-testid="card-handover"]');
const input = (id: string) => {
  const found = container.querySelector<HTMLInputElement>(`#${id}`);
  if (!found) throw new Error(`no #${id}`);
  return found;
};
const button = (text: string) => {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
};
const labelOf = (el: HTMLElement) =>
  el.closest('label')?.textContent ?? container.querySelector(`label[for="${el.id}"]`)?.textContent;

function type(el: HTMLInputElement, value: string) {
  act(() => {
    // React tracks the value it set: go through the native setter so the change is seen.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function sign() {
  const canvas = container.querySelector('canvas');
  if (!canvas) throw new Error('no signature box');
  act(() => {
    for (const [kind, x] of [
      ['pointerdown', 10],
      ['pointermove', 40],
      ['pointerup', 40],
    ] as const)
      canvas.dispatchEvent(new MouseEvent(kind, { bubbles: true, clientX: x, clientY: 20 }));
  });
}

/** Opens the form once the button is usable (the signed-in user's name is read). */
async function openForm() {
  await until(() => expect(button('Ghi nhận bàn giao thẻ').disabled).toBe(false));
  act(() => button('Ghi nhận bàn giao thẻ').click());
}

/** Submits once the save button is usable (the device and the session are read), as a tap would. */
async function submit() {
  await until(() => expect(button('Ghi nhận bàn giao').disabled).toBe(false));
  const form = button('Ghi nhận bàn giao').closest('form');
  act(() => {
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('card hand-over on the person page (issue 12)', { timeout: 20_000 }, () => {
  test('an officer records the hand-over: the op carries it, the signature is stored with it', async () => {
    await renderAs('officer');
    expect(section()?.querySelector('h2')?.textContent).toBe('Bàn giao thẻ / thông tin ví');
    await openForm();

    // Keyboard users go on from the first field. Defaults: today in Vietnam, the signed-in user,
    // the person themself; every input labelled.
    expect(document.activeElement?.id).toBe('ho-date');
    expect(input('ho-date').value).toBe('2026-11-29');
    expect(input('ho-handedOverBy').value).toBe('Lê Thị Thu');
    expect(input('ho-receiverName').value).toBe('Trần Thị Hoa');
    for (const el of section()?.querySelectorAll('input') ?? []) expect(labelOf(el), el.outerHTML).toBeTruthy();
    expect(container.querySelector('canvas')?.getAttribute('aria-label')).toContain('Ô ký tên');

    type(input('ho-date'), '2026-11-28');
    const guardian = container.querySelector<HTMLInputElement>('input[name="receiverKind"][value="guardian"]');
    act(() => guardian?.click());
    type(input('ho-receiverName'), 'Nguyễn Văn An');
    sign();
    act(() => input('ho-guidanceGiven').click());
    await submit();

    await until(() => expect(section()?.querySelector('h2')?.textContent).toBe('Đã bàn giao thẻ'));
    const hash = await sha256Hex(png.buffer);
    const [op] = await db.outbox.toArray();
    expect(op).toMatchObject({ type: 'beneficiary.set-account-status', entityId: 'b-1', state: 'pending' });
    expect(op?.envelope).toMatchObject({
      baseVersion: 3,
      payload: {
        v: 1,
        status: 'card-handed-over',
        handover: {
          date: '2026-11-28',
          handedOverBy: 'Lê Thị Thu',
          receiver: { kind: 'guardian', fullName: 'Nguyễn Văn An' },
          guidanceGiven: true,
        },
        signature: hash,
      },
    });
    expect(await db.blobs.get(hash)).toMatchObject({ type: 'image/png', uploaded: 0 });
    // The page shows what was recorded, at once (the op is still pending).
    expect(section()?.textContent).toContain('28/11/2026');
    expect(section()?.textContent).toContain('Người giám hộ: Nguyễn Văn An');
    expect(section()?.textContent).toContain('Đã hướng dẫn');
    expect(section()?.textContent).toContain('Đã ghi nhận bàn giao thẻ trên máy');
    expect((await db.beneficiaries.get('b-1'))?.cardHandover).toMatchObject({ date: '2026-11-28', signature: hash });
  });

  test('without the safety guidance ticked nothing is recorded, and the form says why', async () => {
    await renderAs('officer');
    await openForm();
    sign();
    await submit();

    await until(() =>
      expect(section()?.querySelector('#ho-guidanceGiven-error')?.textContent).toBe(
        'Chưa ghi nhận: cần hướng dẫn an toàn cho người nhận và đánh dấu ô “Đã hướng dẫn an toàn”.',
      ),
    );
    expect(input('ho-guidanceGiven').getAttribute('aria-invalid')).toBe('true');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.beneficiaries.get('b-1'))?.accountStatus).toBe('opened');
  });

  test('without a signature nothing is recorded either', async () => {
    await renderAs('officer');
    await openForm();
    act(() => input('ho-guidanceGiven').click());
    await submit();
    await until(() => expect(section()?.textContent).toContain('Người nhận cần ký hoặc điểm chỉ vào ô ký tên.'));
    expect(await db.outbox.count()).toBe(0);
  });

  test('a payer sees no hand-over form (the role may not send the op)', async () => {
    await renderAs('payer');
    expect(section()).toBeNull();
  });

  test('a hand-over pulled from the server is shown to anyone; one recorded without details says so', async () => {
    const handedOver = (cardHandover: NonNullable<Parameters<typeof beneficiaryData>[0]>['cardHandover']) =>
      toBeneficiaryRow(
        'b-1',
        4,
        beneficiaryData({ fullName: 'Trần Thị Hoa', accountStatus: 'card-handed-over', cardHandover }),
      );
    await db.beneficiaries.put(
      handedOver({
        date: '2026-11-20',
        handedOverBy: 'Lê Thị Thu',
        receiver: { kind: 'self', fullName: 'Trần Thị Hoa' },
        guidanceGiven: true,
        signature: 'ab'.repeat(32),
      }),
    );
    await renderAs('payer');
    expect(section()?.querySelector('h2')?.textContent).toBe('Đã bàn giao thẻ');
    expect(section()?.textContent).toContain('20/11/2026');
    expect(section()?.textContent).toContain('Đối tượng tự nhận: Trần Thị Hoa');
    expect(section()?.querySelector('button')).toBeNull();
    // An op queued by an older app set the status without a hand-over record.
    await act(() => db.beneficiaries.put(handedOver(undefined)));
    await until(() => expect(section()?.textContent).toContain('chưa có biên bản bàn giao trên máy'));
  });
});
