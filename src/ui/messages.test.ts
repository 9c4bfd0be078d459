import { afterEach, describe, expect, test } from 'vitest';
import { en } from './messages.en';
import { setLanguage, t } from './messages';
import { vi } from './messages.vi';

/** Every leaf (text or function) of a catalogue with its path. */
function entries(o: object, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}/`) : [[`${prefix}${k}`, v]],
  );
}
const leaves = (o: object) => entries(o).map(([path]) => path);

afterEach(() => setLanguage('vi'));

describe('message catalogues', () => {
  test('English has exactly the Vietnamese keys, and no text is left empty', () => {
    expect(leaves(en).sort()).toEqual(leaves(vi).sort());
    for (const [path, value] of entries(en)) {
      if (typeof value === 'string') expect(value.trim(), path).not.toBe('');
    }
  });

  test('switching the language switches the live catalogue and the document language', () => {
    expect(t.nav.settings).toBe('Cài đặt');
    setLanguage('en');
    expect(t.nav.settings).toBe(en.nav.settings);
    expect(t.nav.settings).not.toBe(vi.nav.settings);
    expect(document.documentElement.lang).toBe('en');
    setLanguage('vi');
    expect(t.nav.settings).toBe('Cài đặt');
    expect(document.documentElement.lang).toBe('vi');
  });
});
