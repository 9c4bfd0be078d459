import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import beneficiaries from '../../tests/fixtures/beneficiaries.json';
import { carrierHint, checkPhone, normalizePhone } from './phone';

const codes = (raw: string) => checkPhone(raw).issues.map((issue) => issue.code);

describe('checkPhone', () => {
  test.each(beneficiaries.filter((b) => b.so_dien_thoai).map((b) => [b.id, b.so_dien_thoai ?? '']))(
    '%s: fixture phone %s is a clean mobile number',
    (_id, phone) => {
      expect(checkPhone(phone)).toMatchObject({ national: phone, kind: 'mobile', issues: [] });
    },
  );

  test.each([
    ['0912000111', '0912000111', 'vinaphone'],
    ['0399000444', '0399000444', 'viettel'],
    ['+84 912 000 111', '0912000111', 'vinaphone'],
    ['0084912000111', '0912000111', 'vinaphone'],
    ['84912000111', '0912000111', 'vinaphone'],
    ['091.200.0111', '0912000111', 'vinaphone'],
    ['(091) 200-0111', '0912000111', 'vinaphone'],
    ['0901234567', '0901234567', 'mobifone'],
    ['0921234567', '0921234567', 'vietnamobile'],
    ['0991234567', '0991234567', 'gmobile'],
    ['０９１２０００１１１', '0912000111', 'vinaphone'],
  ])('%j → %s (%s), no issues', (raw, national, carrier) => {
    expect(checkPhone(raw)).toEqual({
      national,
      international: `+84${national.slice(1)}`,
      kind: 'mobile',
      carrierHint: carrier,
      suggestion: null,
      issues: [],
    });
  });

  test.each([
    ['0862000111', 'viettel'],
    ['0551234567', 'reddi'],
    ['0871234567', 'itel'],
  ])('%s is outside libphonenumber blocks: a warning, still a usable mobile number', (raw, carrier) => {
    expect(checkPhone(raw)).toMatchObject({
      national: raw,
      kind: 'mobile',
      carrierHint: carrier,
      issues: [{ code: 'unlisted-mobile-block', severity: 'warning' }],
    });
    expect(normalizePhone(raw)).toBe(raw);
  });

  test('restores the leading zero a spreadsheet dropped, with a warning', () => {
    expect(checkPhone('912000111')).toMatchObject({
      national: '0912000111',
      kind: 'mobile',
      issues: [{ code: 'leading-zero-restored', severity: 'warning' }],
    });
  });

  test.each([
    ['01201234567', '0701234567'],
    ['01691234567', '0391234567'],
    ['+84 1234 567 890', '0834567890'],
    ['01991234567', '0591234567'],
  ])('old 11-digit mobile %s is not dialable; suggests %s', (raw, suggestion) => {
    expect(checkPhone(raw)).toMatchObject({ suggestion, issues: [{ code: 'old-mobile-prefix', severity: 'error' }] });
    expect(normalizePhone(raw)).toBeNull();
  });

  test.each([
    ['0123456789', ['old-mobile-prefix']],
    ['', ['empty']],
    ['   ', ['empty']],
    ['không có', ['not-a-number']],
    ['09120001', ['wrong-length']],
    ['091200011122', ['wrong-length']],
    ['0412345678', ['unknown-prefix']],
    ['0612345678', ['unknown-prefix']],
  ])('%j → %j', (raw, expected) => {
    expect(codes(raw)).toEqual(expected);
    expect(normalizePhone(raw)).toBeNull();
  });

  test('a Huế landline is a landline, with a warning (no SMS, no wallet)', () => {
    expect(checkPhone('0234 3822 222')).toMatchObject({
      national: '02343822222',
      kind: 'landline',
      carrierHint: null,
      issues: [{ code: 'landline', severity: 'warning' }],
    });
  });

  test('never rejects a 10-digit number with a mobile prefix, whatever its digits', () => {
    fc.assert(
      fc.property(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/), (first, rest) => {
        const number = `0${first}${rest}`;
        expect(checkPhone(number).kind).toBe('mobile');
        expect(normalizePhone(number)).toBe(number);
      }),
      { numRuns: 500 },
    );
  });

  test('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (raw) => {
        expect(Array.isArray(checkPhone(raw).issues)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('carrierHint', () => {
  test.each([
    ['0961234567', 'viettel'],
    ['0811234567', 'vinaphone'],
    ['0761234567', 'mobifone'],
    ['0581234567', 'vietnamobile'],
    ['0311234567', null],
  ])('%s → %s', (national, carrier) => {
    expect(carrierHint(national)).toBe(carrier);
  });
});
