import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { openSealed } from '../../storage/outbox-seal';
import { testServices } from '../../../tests/builders/services';
import { vnd } from '../../domain/money';
import type { ConflictView } from '../../protocol/conflicts';
import { opResultMessagesVi } from '../../protocol/op-messages.vi';
import { createAppDb, type AppDb, type OutboxRow } from '../../storage/app-db';
import { setLanguage } from '../../ui/messages';
import { ServicesProvider } from '../../ui/services';
import { AttentionPage } from './attention-page';
import { untilRendered as until } from '../../../tests/builders/until';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An op the server refused for good, with its Vietnamese wire message. */
function rejected(seq: number, code: string, message: string): OutboxRow {
  return {
    seq,
    id: `op-${seq}`,
    type: 'payment.record',
    entityId: `line-${seq}`,
    state: 'rejected',
    envelope: { recordedAt: '2026-11-29T09:00:00+07:00' },
    attempts: 1,
    lastError: null,
    result: { status: 'rejected', code, message },
  };
}

const side = { opId: null, userId: null, userName: null, deviceId: null, deviceName: null, isCurrent: false };
/** A commune conflict pulled into the device: the line was paid twice. */
const paidTwice: ConflictView = {
  id: 'c-1',
  version: 1,
  code: 'already-paid',
  status: 'open',
  communeCode: '19960',
  communeName: 'Phường Phú Bài',
  subject: { entity: 'payment-line', id: 'line-9' },
  beneficiaryId: 'b-9',
  beneficiaryName: 'Hoàng Thị Sen',
  periodId: '2026-11',
  opId: 'op-late',
  detectedAt: '2026-11-29T03:00:00.000Z',
  fields: [],
  earlier: { ...side, kind: 'payment', recordedAt: null, receivedAt: null, isCurrent: true, amount: vnd(500_000) },
  incoming: { ...side, kind: 'payment', recordedAt: null, receivedAt: null, amount: vnd(500_000) },
  resolution: null,
};

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;

beforeEach(async () => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  await db.outbox.bulkPut([
    rejected(1, 'forbidden', opResultMessagesVi.forbidden),
    // A code a newer server knows and this app does not: only its wire message can be shown.
    rejected(2, 'some-new-code', 'Lý do mới từ máy chủ.'),
  ]);
  await db.conflicts.put(paidTwice);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  setLanguage('vi');
  await db.delete();
});

function render() {
  const services = testServices(db, { clock: { now: () => Date.parse('2026-11-29T03:00:00Z') } });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter>
        <ServicesProvider services={services}>
          <AttentionPage />
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
}

const items = () => [...container.querySelectorAll('.op-item')].map((li) => li.textContent ?? '');
const conflictText = () => container.querySelector('[data-testid="conflict"]')?.textContent ?? '';

describe('AttentionPage', { timeout: 20_000 }, () => {
  test('in Vietnamese: why each op was refused, and why the commune conflict is open', async () => {
    render();
    await until(() => expect(items()).toHaveLength(2));
    expect(items().join('\n')).toContain(opResultMessagesVi.forbidden);
    expect(items().join('\n')).toContain('Lý do mới từ máy chủ.');
    expect(conflictText()).toContain(opResultMessagesVi['already-paid']);
  });

  test('with English chosen, op results are English (the wire message only for a code the app does not know)', async () => {
    setLanguage('en');
    render();
    await until(() => expect(items()).toHaveLength(2));
    const text = items().join('\n');
    expect(text).toContain('You are not allowed to do this for this commune or with this role.');
    expect(text).not.toContain(opResultMessagesVi.forbidden);
    expect(text).toContain('Lý do mới từ máy chủ.');
    expect(conflictText()).toContain('This payment line had already been paid.');
    expect(conflictText()).not.toContain(opResultMessagesVi['already-paid']);
    expect(container.querySelector('h1')?.textContent).toBe('Needs attention');
  });

  test('exporting the unsent ops asks for a password first: no plain file leaves', async () => {
    const downloaded: Blob[] = [];
    // jsdom has no object URLs: keep the blob the page offers instead.
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (b: Blob) => (downloaded.push(b), 'blob:x'),
        revokeObjectURL: () => undefined,
      }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render();
    await until(() => expect(items()).toHaveLength(2));
    const button = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Xuất ra tệp');
    act(() => button?.click());
    const fields = container.querySelectorAll<HTMLInputElement>('input[type="password"]');
    expect(fields).toHaveLength(2);
    act(() => {
      for (const field of fields) {
        Reflect.set(HTMLInputElement.prototype, 'value', 'mat-khau-tep-1', field);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    // The two rejected ops are unsent work: they leave sealed.
    await act(async () => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await Promise.resolve();
    });
    await until(() => expect(downloaded).toHaveLength(1));
    // jsdom's Blob has no text(): read it as a page would.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
      reader.readAsText(downloaded[0] as Blob);
    });
    const sealed = JSON.parse(text) as unknown;
    const opened = await openSealed(sealed, 'mat-khau-tep-1');
    if (!opened.ok) throw new Error(opened.error);
    expect((JSON.parse(opened.value) as { ops: unknown[] }).ops).toHaveLength(2);
    expect(container.querySelector('form [role="status"]')?.textContent).toContain('Đã tải tệp mã hóa');
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
});
