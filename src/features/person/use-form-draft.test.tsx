import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { getKv } from '../../storage/kv';
import { testServices } from '../../../tests/builders/services';
import { ServicesProvider } from '../../ui/services';
import { useDraft } from '../../ui/use-draft';
import { useFormDraft, type Draft } from './use-form-draft';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Shape = { fullName: string; phone: string };
const empty: Shape = { fullName: '', phone: '' };

function Harness() {
  const draft = useDraft<Shape>('test-form');
  if (draft.loaded === undefined) return null;
  return <Fields initial={draft.loaded ?? empty} draft={draft} />;
}

function Fields({ initial, draft }: { initial: Shape; draft: Draft<Shape> }) {
  const form = useForm<Shape>({ defaultValues: initial });
  useFormDraft(form, draft, empty);
  return (
    <form>
      <input aria-label="name" {...form.register('fullName')} />
      <input aria-label="phone" {...form.register('phone')} />
      <button type="button" onClick={() => form.reset(empty)}>
        reset
      </button>
    </form>
  );
}

let db: AppDb;
let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  db = createAppDb(`t-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  await db.delete();
});

function mount() {
  root = createRoot(container);
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db)}>
        <Harness />
      </ServicesProvider>,
    ),
  );
}

const input = (label: string) => container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);

function type(label: string, value: string) {
  const el = input(label);
  if (!el) throw new Error(`no input ${label}`);
  // React tracks the value it last set: go through the native setter so the change is seen.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
  act(() => {
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function mountWithDraft(draft: Draft<Shape>) {
  root = createRoot(container);
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db)}>
        <Fields initial={empty} draft={draft} />
      </ServicesProvider>,
    ),
  );
}

describe('useFormDraft', () => {
  test('saves nothing while untouched, every change once typed, and nothing after a reset to clean values', () => {
    const save = vi.fn<(value: Shape) => void>();
    mountWithDraft({ loaded: null, save, clear: () => Promise.resolve() });
    expect(save).not.toHaveBeenCalled();

    type('name', 'Phùng Thị Mận');
    expect(save).toHaveBeenLastCalledWith({ fullName: 'Phùng Thị Mận', phone: '' });
    type('phone', '0912');
    expect(save).toHaveBeenLastCalledWith({ fullName: 'Phùng Thị Mận', phone: '0912' });

    act(() => container.querySelector('button')?.click());
    const calls = save.mock.calls.length;
    type('name', '');
    expect(save).toHaveBeenCalledTimes(calls);
  });

  test('what is typed is stored in IndexedDB and comes back when the form is mounted again (a reload)', async () => {
    mount();
    await vi.waitFor(() => expect(input('name')).not.toBeNull());
    type('name', 'Phùng Thị Mận');
    type('phone', '0912');
    await vi.waitFor(async () =>
      expect(await getKv(db, 'draft:test-form')).toEqual({ fullName: 'Phùng Thị Mận', phone: '0912' }),
    );

    act(() => root.unmount());
    mount();
    await vi.waitFor(() => expect(input('name')?.value).toBe('Phùng Thị Mận'));
    expect(input('phone')?.value).toBe('0912');
  });
});
