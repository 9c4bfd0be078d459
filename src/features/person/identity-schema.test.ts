import { describe, expect, test } from 'vitest';
import { parseCccdQr } from '../../domain/citizen-id';
import { beneficiaryUpdatePayloadSchema } from '../../protocol/payloads-roster';
import {
  identityFormSchema,
  identityFromCard,
  identityFromRow,
  identityWarnings,
  toIdentityPatch,
  type IdentityForm,
} from './identity-schema';

const row = {
  idNumber: '046152999001',
  oldIdNumber: null,
  phone: null,
  address: 'Tổ 5, Phú Bài',
  village: 'Tổ 5',
};
const context = { birthDate: '1952-03-12', gender: 'female' as const, today: '2026-11-28' };
const form = (patch: Partial<IdentityForm>): IdentityForm => ({ ...identityFromRow(row), ...patch });
const errorsOf = (f: IdentityForm) => {
  const r = identityFormSchema(context).safeParse(f);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('identity and contact form', () => {
  test.each<[string, IdentityForm, Record<string, string>]>([
    ['the row as it is', form({}), {}],
    ['every number emptied', form({ idNumber: '', oldIdNumber: '', phone: '' }), {}],
    ['a new phone', form({ phone: '0912 345 678' }), {}],
    [
      'a letter in the ID number',
      form({ idNumber: '04615299900a' }),
      { idNumber: 'Số định danh phải gồm đúng 12 chữ số.' },
    ],
    [
      'an ID number of a man',
      form({ idNumber: '046052999001' }),
      { idNumber: 'Chữ số thứ 4 của số định danh không khớp với giới tính.' },
    ],
    ['an old ID of letters', form({ oldIdNumber: 'abc' }), { oldIdNumber: 'CMND cũ gồm 9 chữ số (hoặc 12 chữ số).' }],
    ['a phone with letters', form({ phone: '09a2345678' }), { phone: 'Số điện thoại chỉ gồm chữ số.' }],
    [
      'a non-mobile prefix',
      form({ phone: '0412345678' }),
      { phone: 'Đầu số không phải đầu số di động (03, 05, 07, 08, 09).' },
    ],
    ['a very long address', form({ address: 'x'.repeat(501) }), { address: 'Nội dung quá dài.' }],
  ])('%s gives its Vietnamese field errors', (_name, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  test('an unusual mobile block is a warning only', () => {
    const f = form({ phone: '0551234567' });
    expect(errorsOf(f)).toEqual({});
    expect(identityWarnings(f, context).phone).toEqual(['Đầu số ít gặp: hãy hỏi lại người dân.']);
  });

  test.each<[string, Partial<IdentityForm>, Record<string, unknown>]>([
    ['nothing changed', {}, {}],
    ['only the phone, in national form', { phone: '+84 912 345 678' }, { phone: '0912345678' }],
    ['an emptied ID number becomes null', { idNumber: '  ' }, { idNumber: null }],
    [
      'address in NFC with spaces collapsed, ID number without dots',
      { address: ' Tổ  6,  Phú Bài '.normalize('NFD'), idNumber: '046.152.999.001', oldIdNumber: '191 999 001' },
      { address: 'Tổ 6, Phú Bài', oldIdNumber: '191999001' },
    ],
  ])('the patch carries only changed fields: %s', (_name, patch, expected) => {
    const result = toIdentityPatch(form(patch), row);
    expect(result).toEqual(expected);
    if (Object.keys(result).length > 0) expect(beneficiaryUpdatePayloadSchema.parse(result)).toEqual(result);
  });

  test('a scanned card fills the two numbers', () => {
    const card = parseCccdQr(
      '046222999003||Lê Gia Bảo|09092022|Nam|Tổ 2, Phú Bài, Hương Thủy, Thừa Thiên Huế|10102024||||',
    );
    if (!card.ok) throw new Error('fixture C must parse');
    expect(identityFromCard(card.value)).toEqual({ idNumber: '046222999003', oldIdNumber: '' });
  });
});
