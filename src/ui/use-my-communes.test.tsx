import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { freshTestDb, testServices } from '../../tests/builders/services';
import type { AppDb } from '../storage/app-db';
import { ServicesProvider } from './services';
import { useMyCommunes, type CommuneChoice } from './use-my-communes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let latest: CommuneChoice[] | undefined;

function Harness() {
  latest = useMyCommunes();
  return null;
}

beforeEach(() => {
  db = freshTestDb();
  latest = undefined;
});
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});

function mount() {
  root = createRoot(document.createElement('div'));
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db)}>
        <Harness />
      </ServicesProvider>,
    ),
  );
}

describe('useMyCommunes', () => {
  test("lists the user's communes in their order, named when pulled, by code until then", async () => {
    await db.kv.put({
      key: 'session',
      value: {
        token: 't',
        expiresAt: '2099-01-01T00:00:00Z',
        user: { id: 'u', username: 's', displayName: 'S', role: 'supervisor', communes: ['20140', '19960'] },
      },
    });
    await db.communes.put({
      id: '19960',
      version: 1,
      code: '19960',
      name: 'Phường Phú Bài',
      codeVersion: '2025',
      provinceCode: '46',
      formerUnits: [],
    });
    // A commune outside the user's scope is never offered.
    await db.communes.put({
      id: '99999',
      version: 1,
      code: '99999',
      name: 'Xã khác',
      codeVersion: '2025',
      provinceCode: '01',
      formerUnits: [],
    });
    mount();
    await vi.waitFor(() =>
      expect(latest).toEqual([
        { code: '20140', name: '20140', provinceCode: null },
        { code: '19960', name: 'Phường Phú Bài', provinceCode: '46' },
      ]),
    );
  });
});
