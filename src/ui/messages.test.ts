import { afterEach, describe, expect, test } from 'vitest';
import { readinessReasonCodes, readinessStatuses } from '../domain/readiness';
import { categoryCodes } from '../domain/vocabulary';
import { requestErrorCodes } from '../protocol/error-codes';
import { requestErrorMessagesVi } from '../protocol/messages.vi';
import { opResultMessagesVi } from '../protocol/op-messages.vi';
import { opResultCodes, pushStatuses } from '../protocol/push';
import { en } from './messages.en';
import { errorMessage, setLanguage, t, type Messages } from './messages';
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

/** Every code of a domain or protocol union, and the catalogue section that names it. */
const codeSections: [string, readonly string[], (m: Messages) => Record<string, string>][] = [
  ['readiness statuses', readinessStatuses, (m) => m.readiness.statuses],
  ['readiness reasons', readinessReasonCodes, (m) => m.readiness.reasons],
  ['categories', categoryCodes, (m) => m.categories],
  ['category names', categoryCodes, (m) => m.categoryNames],
  ['op results', opResultCodes, (m) => m.opResults],
  ['push statuses', pushStatuses, (m) => m.pushStatuses],
  ['request errors', requestErrorCodes, (m) => m.requestErrors],
];

describe('texts of domain and protocol codes', () => {
  test.each(codeSections)('%s: every code has a text in both languages, and English is translated', (_, codes, of) => {
    for (const [language, catalogue] of [
      ['vi', vi],
      ['en', en],
    ] as const) {
      const section = of(catalogue);
      expect(Object.keys(section).sort(), language).toEqual([...codes].sort());
      for (const code of codes) expect(section[code], `${language} ${code}`).toMatch(/\p{L}{2,}/u);
    }
    for (const code of codes) expect(of(en)[code], code).not.toBe(of(vi)[code]);
  });

  test('the Vietnamese wire texts are the protocol’s own, which the server sends', () => {
    expect(vi.opResults).toBe(opResultMessagesVi);
    expect(vi.requestErrors).toBe(requestErrorMessagesVi);
  });

  test('the Vietnamese texts moved from domain modules read as before', () => {
    expect(vi.readiness.statuses['needs-new-id-card']).toBe('Cần làm thẻ căn cước');
    expect(vi.readiness.reasons['only-old-id-card']).toBe(
      'Chỉ có CMND cũ (hết hạn từ 01/01/2025): hướng dẫn làm thẻ căn cước.',
    );
    expect(vi.categoryNames.k6).toBe('Người khuyết tật nặng, khuyết tật đặc biệt nặng');
  });

  test('an error code reads in the current language; an unknown one, or a prototype key, is a general error', () => {
    expect(errorMessage('invalid-credentials')).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(errorMessage('network')).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    expect(errorMessage('http-502')).toBe('Đã có lỗi. Vui lòng thử lại.');
    expect(errorMessage('toString')).toBe('Đã có lỗi. Vui lòng thử lại.');
    setLanguage('en');
    expect(errorMessage('invalid-credentials')).toBe('Wrong username or password.');
    expect(errorMessage('network')).toBe(en.transportErrors.network);
    expect(errorMessage('unexpected')).toBe('Something went wrong. Please try again.');
  });
});
