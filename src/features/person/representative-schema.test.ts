import { describe, expect, test } from 'vitest';
import { beneficiaryUpdatePayloadSchema } from '../../protocol/payloads-roster';
import {
  emptyRepresentativeForm,
  representativeFormSchema,
  representativeFromRow,
  representativeWarnings,
  toRepresentative,
  type RepresentativeForm,
} from './representative-schema';

const valid: RepresentativeForm = {
  kind: 'authorized',
  fullName: 'Lê Văn Tư',
  relationship: 'con trai',
  idNumber: '046080999123',
  phone: '0912345678',
  paperRef: 'GUQ số 12, ngày 05/11/2026',
  validUntil: '2027-12-31',
};
const form = (patch: Partial<RepresentativeForm>): RepresentativeForm => ({ ...valid, ...patch });
const errorsOf = (f: RepresentativeForm) => {
  const r = representativeFormSchema.safeParse(f);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('representative form', () => {
  test.each<[string, RepresentativeForm, Record<string, string>]>([
    ['every field', valid, {}],
    [
      'a guardian with name and relationship only',
      form({ kind: 'guardian', idNumber: '', phone: '', paperRef: '', validUntil: '' }),
      {},
    ],
    ['a 9-digit old ID', form({ idNumber: '191999001' }), {}],
    [
      'nothing at all',
      emptyRepresentativeForm,
      {
        kind: 'Chọn người giám hộ hoặc người được ủy quyền.',
        fullName: 'Nhập họ tên người nhận thay.',
        relationship: 'Nhập quan hệ với đối tượng.',
      },
    ],
    [
      'an ID of 10 digits',
      form({ idNumber: '0460809991' }),
      { idNumber: 'Nhập số CCCD 12 chữ số hoặc CMND 9 chữ số.' },
    ],
    [
      'an ID with an unknown province',
      form({ idNumber: '003080999123' }),
      { idNumber: 'Ba số đầu không phải mã tỉnh nơi đăng ký khai sinh.' },
    ],
    ['a short phone', form({ phone: '091234' }), { phone: 'Số di động phải có 10 chữ số, bắt đầu bằng 0.' }],
    ['a date that does not exist', form({ validUntil: '2027-02-30' }), { validUntil: 'Nhập một ngày có thật.' }],
  ])('%s gives its Vietnamese field errors', (_name, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  test('an expired paper is kept with a warning', () => {
    const f = form({ validUntil: '2026-01-31' });
    expect(errorsOf(f)).toEqual({});
    expect(representativeWarnings(f, '2026-11-28').validUntil).toEqual(['Giấy này đã hết hiệu lực.']);
    expect(representativeWarnings(valid, '2026-11-28').validUntil).toEqual([]);
  });

  test('the representative is sent whole, in NFC, empty fields as null, and passes the wire schema', () => {
    const rep = toRepresentative(
      form({
        fullName: ' Lê  Văn Tư '.normalize('NFD'),
        phone: '',
        paperRef: ' ',
        validUntil: '',
        idNumber: '046 080 999 123',
      }),
    );
    expect(rep).toEqual({
      kind: 'authorized',
      fullName: 'Lê Văn Tư',
      relationship: 'con trai',
      idNumber: '046080999123',
      phone: null,
      paperRef: null,
      validUntil: null,
    });
    expect(beneficiaryUpdatePayloadSchema.parse({ representative: rep })).toEqual({ representative: rep });
    expect(beneficiaryUpdatePayloadSchema.parse({ representative: null })).toEqual({ representative: null });
    expect(representativeFromRow(rep)).toEqual(form({ phone: '', paperRef: '', validUntil: '' }));
    expect(representativeFromRow(null)).toEqual(emptyRepresentativeForm);
  });
});
