import { describe, expect, test } from 'vitest';
import { parseCccdQr } from '../../domain/citizen-id';
import { beneficiaryCreatePayloadSchema } from '../../protocol/payloads-roster';
import {
  emptyEnrolmentForm,
  enrolmentFormSchema,
  enrolmentWarnings,
  fillFromCard,
  toCreatePayload,
  type EnrolmentForm,
} from './enrolment-schema';

const TODAY = '2026-11-28';
const valid: EnrolmentForm = {
  ...emptyEnrolmentForm,
  communeCode: '19960',
  fullName: 'Trần Thị Hoa',
  birthDate: '12/03/1952',
  gender: 'female',
  // 74 in 11/2026: an elderly person of a poor household (5a), coefficient 1.5.
  category: 'k5a',
};
const form = (patch: Partial<EnrolmentForm>): EnrolmentForm => ({ ...valid, ...patch });
const errorsOf = (f: EnrolmentForm) => {
  const r = enrolmentFormSchema(TODAY).safeParse(f);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('enrolment form', () => {
  test.each<[string, EnrolmentForm, Record<string, string>]>([
    ['the required fields only', valid, {}],
    ['a birth year only', form({ birthDate: '1944' }), {}],
    [
      'every field',
      form({
        idNumber: '046 152 999 001',
        oldIdNumber: '191999001',
        phone: '+84 912 000 111',
        village: 'Tổ 5',
        address: 'Tổ 5, Phú Bài',
      }),
      {},
    ],
    [
      'nothing at all',
      emptyEnrolmentForm,
      {
        communeCode: 'Chọn xã/phường.',
        fullName: 'Nhập họ và tên.',
        birthDate: 'Nhập ngày sinh dạng dd/mm/yyyy hoặc năm sinh yyyy.',
        gender: 'Chọn giới tính.',
        category: 'Chọn nhóm đối tượng.',
      },
    ],
    ['a name of spaces', form({ fullName: '   ' }), { fullName: 'Nhập họ và tên.' }],
    ['a day that does not exist', form({ birthDate: '30/02/1952' }), { birthDate: 'Ngày sinh không có thật.' }],
    ['a birth date in the future', form({ birthDate: '01/12/2026' }), { birthDate: 'Ngày sinh ở tương lai.' }],
    ['a birth year in the future', form({ birthDate: '2027' }), { birthDate: 'Ngày sinh ở tương lai.' }],
    [
      'a birth date in another shape',
      form({ birthDate: '1952/03/12' }),
      { birthDate: 'Nhập ngày sinh dạng dd/mm/yyyy hoặc năm sinh yyyy.' },
    ],
    [
      'an ID number too short',
      form({ idNumber: '04615299900' }),
      { idNumber: 'Số định danh phải gồm đúng 12 chữ số.' },
    ],
    [
      'an ID number of a man for a woman',
      form({ idNumber: '046052999006' }),
      { idNumber: 'Chữ số thứ 4 của số định danh không khớp với giới tính.' },
    ],
    [
      'an ID number of another birth year',
      form({ idNumber: '046153999001' }),
      { idNumber: 'Số định danh không khớp với năm sinh (chữ số thứ 4 đến 6).' },
    ],
    [
      'an unknown province',
      form({ idNumber: '003152999001' }),
      { idNumber: 'Ba số đầu không phải mã tỉnh nơi đăng ký khai sinh.' },
    ],
    [
      'an old ID of 8 digits',
      form({ oldIdNumber: '19199900' }),
      { oldIdNumber: 'CMND cũ gồm 9 chữ số (hoặc 12 chữ số).' },
    ],
    ['a phone too short', form({ phone: '091200011' }), { phone: 'Số di động phải có 10 chữ số, bắt đầu bằng 0.' }],
    [
      'an old 11-digit phone',
      form({ phone: '01662000111' }),
      { phone: 'Đầu số 11 số cũ đã được đổi từ năm 2018. Số mới có thể là 0362000111.' },
    ],
    ['disability without severity', form({ category: 'k6' }), { disabilitySeverity: 'Chọn mức độ khuyết tật.' }],
    ['disability with severity', form({ category: 'k6', disabilitySeverity: 'severe' }), {}],
    [
      'a single parent without children',
      form({ category: 'k4', childrenCount: '0' }),
      { childrenCount: 'Nhập số con đang nuôi (từ 1 đến 20).' },
    ],
    ['a single parent with two children', form({ category: 'k4', childrenCount: '2' }), {}],
  ])('%s gives its Vietnamese field errors', (_name, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  test.each<[string, Partial<EnrolmentForm>, ReturnType<typeof enrolmentWarnings>]>([
    [
      'clean numbers',
      { idNumber: '046152999001', phone: '0912000111' },
      { category: [], idNumber: [], oldIdNumber: [], phone: [] },
    ],
    [
      'a 74-year-old filed as 80 and over (k5c)',
      { birthDate: '12/03/1952', category: 'k5c' },
      {
        category: [
          'Tuổi hiện nay (74) không khớp diện này, diện dành cho người từ đủ 80 tuổi: hãy kiểm tra ngày sinh hoặc diện.',
        ],
        idNumber: [],
        oldIdNumber: [],
        phone: [],
      },
    ],
    [
      'an adult filed as a child (k1)',
      { birthDate: '1990', category: 'k1' },
      {
        category: [
          'Tuổi hiện nay (35) không khớp diện này, diện dành cho người dưới 16 tuổi: hãy kiểm tra ngày sinh hoặc diện.',
        ],
        idNumber: [],
        oldIdNumber: [],
        phone: [],
      },
    ],
    [
      'born abroad, a 12-digit CMND, a landline',
      { idNumber: '101152999001', oldIdNumber: '046152999001', phone: '02343822111' },
      {
        category: [],
        idNumber: ['Ba số đầu là mã nước ngoài (khai sinh ở nước ngoài): hãy kiểm tra lại.'],
        oldIdNumber: ['CMND 12 số: hãy đối chiếu lại, CMND cũ thường có 9 số.'],
        phone: ['Số máy bàn: không nhận được tin nhắn và không mở được ví.'],
      },
    ],
  ])('%s: warnings that do not block saving', (_name, patch, expected) => {
    const f = form(patch);
    expect(errorsOf(f)).toEqual({});
    expect(enrolmentWarnings(f, TODAY)).toEqual(expected);
  });

  test('a scanned card fills name, birth date, gender, address and both numbers', () => {
    const card = parseCccdQr(
      '046152999001|191999001|Trần Thị Hoa|12031952|Nữ|Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế|20052021',
    );
    if (!card.ok) throw new Error('fixture A must parse');
    const filled = { ...form({ fullName: '', birthDate: '', gender: '' }), ...fillFromCard(card.value) };
    expect(filled).toMatchObject({
      idNumber: '046152999001',
      oldIdNumber: '191999001',
      fullName: 'Trần Thị Hoa',
      birthDate: '12/03/1952',
      gender: 'female',
      address: 'Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế',
    });
    expect(errorsOf(filled)).toEqual({});
  });

  test('the payload is NFC with spaces collapsed, numbers in stored form, empty fields left out, and passes the wire schema', () => {
    const payload = toCreatePayload(
      form({
        fullName: '  Lê   Thị Hoà '.normalize('NFD'),
        idNumber: '046.152.999.001',
        phone: '+84 912 000 111',
        village: ' Tổ 5 ',
      }),
      '2026-11',
    );
    expect(payload).toEqual({
      communeCode: '19960',
      fullName: 'Lê Thị Hoà'.normalize('NFC'),
      birthDate: '1952-03-12',
      gender: 'female',
      category: 'k5a',
      village: 'Tổ 5',
      idNumber: '046152999001',
      phone: '0912000111',
      monthlyAmount: 750_000,
    });
    expect(beneficiaryCreatePayloadSchema.parse(payload)).toEqual(payload);
  });

  test('disability and single-parent details go with their category only', () => {
    expect(
      toCreatePayload(form({ category: 'k6', disabilitySeverity: 'extremely-severe', childrenCount: '3' }), '2026-11'),
    ).toMatchObject({
      category: 'k6',
      disabilitySeverity: 'extremely-severe',
    });
    expect(toCreatePayload(form({ category: 'k6', disabilitySeverity: 'severe' }), '2026-11')).not.toHaveProperty(
      'childrenCount',
    );
    expect(
      toCreatePayload(
        form({ category: 'k4', childrenCount: '2', disabilitySeverity: 'severe', birthDate: '1990' }),
        '2026-11',
      ),
    ).toMatchObject({
      childrenCount: 2,
    });
    expect(
      toCreatePayload(form({ category: 'k4', childrenCount: '2', disabilitySeverity: 'severe' }), '2026-11'),
    ).not.toHaveProperty('disabilitySeverity');
  });
});
