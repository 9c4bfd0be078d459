import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, test } from 'vitest';
import { toStorageErrorCode } from '../storage/storage-errors';
import { reportStorageError } from '../ui/storage-alert';
import { StorageBanner } from './storage-banner';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const container = document.createElement('div');
document.body.append(container);
afterEach(() => {
  container.innerHTML = '';
});

describe('StorageBanner', () => {
  test('a quota failure shows a Vietnamese banner; other errors do not', () => {
    const root = createRoot(container);
    act(() => root.render(<StorageBanner />));
    expect(container.textContent).toBe('');

    act(() => {
      expect(reportStorageError(toStorageErrorCode(new Error('network')))).toBeNull();
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();

    act(() => {
      expect(reportStorageError(toStorageErrorCode(new DOMException('full', 'QuotaExceededError')))).toBe(
        'storage-full',
      );
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Bộ nhớ của máy đã đầy');
    act(() => root.unmount());
  });
});
