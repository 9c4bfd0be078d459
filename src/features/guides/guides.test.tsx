import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { testServices } from '../../../tests/builders/services';
import { untilRendered as until } from '../../../tests/builders/until';
import type { AboutPilot } from '../../domain/about-pilot';
import type { Role } from '../../domain/vocabulary';
import { createAppDb, type AppDb } from '../../storage/app-db';
import { ServicesProvider } from '../../ui/services';
import { setLanguage, t } from '../../ui/messages';
import { AboutPilotPage } from './about-pilot-page';
import { guideOrder, guidePictures } from './guide-list';
import { GuidesPage } from './guides-page';
import { FirstSignInTour } from './tour';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let container: HTMLDivElement;
let root: Root | undefined;
const sent: { commune: string; about: AboutPilot | null }[] = [];

beforeEach(() => {
  db = createAppDb(`guides-${crypto.randomUUID()}`);
  container = document.createElement('div');
  document.body.append(container);
  sent.length = 0;
});
afterEach(async () => {
  if (root) act(() => root?.unmount());
  root = undefined;
  container.remove();
  await db.delete();
});

async function render(path: string, role: Role = 'officer') {
  await db.kv.put({
    key: 'session',
    value: {
      token: 't',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: `u-${role}`, username: role, displayName: role, role, communes: ['19960'] },
    },
  });
  const services = testServices(db, {
    clock: { now: () => Date.parse('2026-12-07T03:00:00Z') },
    engine: { notifyNewOp: () => undefined, syncNow: () => Promise.resolve() },
    transport: {
      setAboutPilot: (_token: string, commune: string, about: AboutPilot | null) => {
        sent.push({ commune, about });
        return Promise.resolve(about);
      },
    },
  });
  root = createRoot(container);
  act(() =>
    root?.render(
      <MemoryRouter initialEntries={[path]}>
        <ServicesProvider services={services}>
          <FirstSignInTour />
          <Routes>
            <Route path="/huong-dan" element={<GuidesPage />} />
            <Route path="/huong-dan/:id" element={<GuidesPage />} />
            <Route path="/gioi-thieu" element={<AboutPilotPage />} />
          </Routes>
        </ServicesProvider>
      </MemoryRouter>,
    ),
  );
}

const click = (text: string) => {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!button) throw new Error(`no button ${text}`);
  act(() => button.click());
};

describe('guides', () => {
  test('every guide has one picture per step, in both languages', () => {
    for (const language of ['en', 'vi'] as const) {
      setLanguage(language);
      for (const id of guideOrder)
        expect(t.guides.items[id].steps.length, `${language} ${id}`).toBe(guidePictures[id].length);
    }
  });

  test('a guide shows its numbered steps with a picture each', async () => {
    await render('/huong-dan/pay');
    await until(() => expect(container.querySelector('h1')?.textContent).toBe('Chi trả tại nhà, có biên nhận'));
    const steps = [...container.querySelectorAll('[data-testid="guide-steps"] li')];
    expect(steps.map((s) => s.querySelector('.muted')?.textContent)).toEqual([1, 2, 3, 4, 5].map((n) => `Bước ${n}/5`));
    expect(steps.every((s) => s.querySelector('svg[aria-hidden="true"]'))).toBe(true);
  });
});

describe('the first sign-in tour', () => {
  test('is offered once per user and device; “Để sau” remembers it; the guides offer it again', async () => {
    await render('/huong-dan');
    await until(() => expect(container.textContent).toContain('Lần đầu dùng ứng dụng?'));
    click('Xem giới thiệu');
    await until(() =>
      expect(container.querySelector('#tour-title')?.textContent).toBe('Danh sách của xã nằm trên máy'),
    );
    expect(document.activeElement?.id).toBe('tour-title');
    click('Tiếp');
    click('Tiếp');
    click('Tiếp');
    await until(() => expect(container.querySelector('#tour-title')?.textContent).toBe('Cần giúp? Bấm “Hướng dẫn”'));
    click('Xong');
    await until(() => expect(container.querySelector('.tour')).toBeNull());
    expect((await db.kv.get('tour:u-officer'))?.value).toBe('offered');
    // Shown again only when asked for.
    click('Xem lại giới thiệu nhanh');
    await until(() => expect(container.textContent).toContain('Lần đầu dùng ứng dụng?'));
    click('Để sau');
    await until(() => expect(container.querySelector('.tour')).toBeNull());
    expect((await db.kv.get('tour:u-officer'))?.value).toBe('offered');
  });
});

/** The commune as a device holds it after a pull, without a text of its own. */
const putPhuBai = () =>
  db.communes.put({
    id: '19960',
    version: 1,
    code: '19960',
    name: 'Phường Phú Bài',
    codeVersion: 'x',
    provinceCode: '46',
    formerUnits: [],
  });

describe('about the pilot', () => {
  test('shows the app’s text until the commune has its own, which then shows, offline', async () => {
    await putPhuBai();
    await render('/gioi-thieu');
    await until(() =>
      expect(container.querySelector('[data-testid="about-source"]')?.textContent).toBe(t.guides.about.standard),
    );
    expect(container.querySelector('[data-testid="about-text"]')?.textContent).toContain('Không mất phí mở tài khoản');
    // An officer reads it, and may not edit it.
    expect([...container.querySelectorAll('.about-pilot button')].map((b) => b.textContent)).toEqual(['In trang này']);
    const own = {
      whatChanges: 'Xã thí điểm từ 1/2027.',
      openAccount: 'Mang thẻ.',
      fees: 'Miễn phí.',
      help: 'Gọi 0234 3861 111.',
    };
    await act(() => db.communes.update('19960', { aboutPilot: own }));
    await until(() =>
      expect(container.querySelector('[data-testid="about-source"]')?.textContent).toBe('Nội dung của Phường Phú Bài.'),
    );
    expect(container.querySelector('[data-testid="about-text"]')?.textContent).toContain('Gọi 0234 3861 111.');
  });

  test('a supervisor edits it: an empty part is refused with its name, nothing is sent; a good one is', async () => {
    await putPhuBai();
    await render('/gioi-thieu', 'supervisor');
    await until(() => expect(container.textContent).toContain('Sửa nội dung'));
    click('Sửa nội dung');
    const fees = container.querySelector<HTMLTextAreaElement>('#about-fees');
    if (!fees) throw new Error('no fees field');
    const type = (field: HTMLTextAreaElement, value: string) =>
      act(() => {
        Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(field, value);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    type(fees, '   ');
    click('Lưu nội dung');
    await until(() =>
      expect(container.querySelector('[role="alert"]')?.textContent).toBe('Phần “Phí” chưa có nội dung.'),
    );
    expect(sent).toEqual([]);
    type(fees, 'Miễn phí hoàn toàn.');
    click('Lưu nội dung');
    await until(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ commune: '19960', about: { ...t.guides.about.defaults, fees: 'Miễn phí hoàn toàn.' } });
    await until(() => expect(container.querySelector('[role="status"]')?.textContent).toBe(t.guides.about.saved));
    expect(container.querySelector('#about-fees')).toBeNull();
  });
});
