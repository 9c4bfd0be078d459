import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { freshTestDb, testServices } from '../../../tests/builders/services';
import type { AppDb } from '../../storage/app-db';
import type { SyncState } from '../../sync/sync-engine';
import { ServicesProvider } from '../../ui/services';
import { SyncStatusBar } from './sync-status-bar';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: AppDb;
let root: Root;
let container: HTMLDivElement;
let onLine = true;
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine });

const base: SyncState = {
  status: 'idle',
  pendingCount: 0,
  lastSyncAt: null,
  progress: null,
  errorCode: null,
  retryAt: null,
  lastContactAt: null,
  reach: 'unknown',
};

function render(patch: Partial<SyncState>) {
  const state = { ...base, ...patch };
  const engine = {
    subscribe: () => () => undefined,
    getState: () => state,
    syncNow: () => Promise.resolve(),
  };
  act(() =>
    root.render(
      <ServicesProvider services={testServices(db, { engine })}>
        <MemoryRouter>
          <SyncStatusBar />
        </MemoryRouter>
      </ServicesProvider>,
    ),
  );
}
const text = (id: string) => container.querySelector(`[data-testid="${id}"]`)?.textContent;

beforeEach(() => {
  db = freshTestDb();
  container = document.createElement('div');
  root = createRoot(container);
  onLine = true;
});
afterEach(async () => {
  act(() => root.unmount());
  await db.delete();
});

test.each([
  [true, 'unknown', 'Có mạng'],
  [true, 'ok', 'Đã kết nối máy chủ'],
  [true, 'unreachable', 'Không kết nối được máy chủ'],
  [true, 'slow', 'Mạng yếu: máy chủ trả lời chậm'],
  [false, 'ok', 'Không có mạng'],
  [false, 'unreachable', 'Không có mạng'],
] as const)('navigator.onLine %s and the server %s: the bar says "%s"', (online, reach, said) => {
  onLine = online;
  render({ reach });
  expect(text('sync-online')).toBe(said);
});

test('the bar says when the server last answered, or that it has not yet', () => {
  render({ reach: 'unreachable' });
  expect(text('sync-contact')).toBe('chưa có');
  const at = Date.UTC(2026, 11, 6, 3, 5);
  render({ reach: 'unreachable', lastContactAt: at });
  expect(text('sync-contact')).toMatch(/10:05/u);
});
