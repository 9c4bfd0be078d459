import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import badPayloads from '../../tests/fixtures/cccd-qr-bad-payloads.json';
import beneficiaries from '../../tests/fixtures/beneficiaries.json';
import payloads from '../../tests/fixtures/cccd-qr-payloads.json';
import {
  centuryGenderDigit,
  checkIdNumber,
  decodeIdNumber,
  idProvinceCodes,
  normalizeIdNumber,
  parseCccdQr,
  type CccdCard,
} from './citizen-id';

const rawOf = (letter: string) => {
  const found = payloads.find((p) => p.note.startsWith(`${letter}.`));
  if (!found) throw new Error(`payload ${letter} missing`);
  return found.raw;
};

const mustParse = (raw: string, today?: string): CccdCard => {
  const result = parseCccdQr(raw, { today });
  if (!result.ok) throw new Error(`expected ${raw} to parse, got ${result.error.code}`);
  return result.value;
};

describe('parseCccdQr — docs/domain.md §1.4 payloads', () => {
  test('A: 2021 chip card with 7 fields and an old CMND', () => {
    expect(mustParse(rawOf('A'), '2026-06-01')).toEqual({
      idNumber: '046152999001',
      oldIdNumber: '191999001',
      fullName: 'Trần Thị Hoa',
      birthDate: '1952-03-12',
      gender: 'female',
      address: 'Tổ 5, Thủy Lương, Hương Thủy, Thừa Thiên Huế',
      issuedOn: '2021-05-20',
      fieldCount: 7,
      issues: [],
    });
  });

  test('B: 2024 card with 11 fields (four empty trailing ones ignored)', () => {
    expect(mustParse(rawOf('B'))).toMatchObject({
      idNumber: '046045999002',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1945-08-05',
      gender: 'male',
      issuedOn: '2024-10-15',
      fieldCount: 11,
      issues: [],
    });
  });

  test('C: a child who never had a CMND has oldIdNumber null', () => {
    expect(mustParse(rawOf('C'))).toMatchObject({ idNumber: '046222999003', oldIdNumber: null, issues: [] });
  });

  test('D: readable, but the gender digit contradicts "Nữ": ok with a gender-mismatch error', () => {
    expect(mustParse(rawOf('D')).issues).toEqual([{ code: 'gender-mismatch', severity: 'error' }]);
  });

  test('E: the 6-field layout is rejected', () => {
    expect(parseCccdQr(rawOf('E'))).toEqual({ ok: false, error: { code: 'wrong-field-count' } });
  });

  test.each(beneficiaries.filter((b) => b.qr_raw).map((b) => [b.id, b]))('%s: QR agrees with the roster', (_id, b) => {
    const card = mustParse(b.qr_raw ?? '');
    expect(card.idNumber).toBe(b.so_dinh_danh);
    expect(card.oldIdNumber).toBe(b.cmnd_cu);
    expect(card.fullName).toBe(b.ho_ten);
    expect(card.birthDate).toBe(b.ngay_sinh);
  });
});

describe('parseCccdQr — bad payloads', () => {
  test.each(badPayloads.map((p) => [p.note, p.raw, p.error]))('%s → %s', (_note, raw, code) => {
    expect(parseCccdQr(raw)).toEqual({ ok: false, error: { code } });
  });
});

describe('parseCccdQr — scanner noise and encodings', () => {
  test.each([
    ['BOM and CR/LF', `\uFEFF${rawOf('A')}\r\n`],
    ['group separator injected by a USB scanner', rawOf('A').replace('|Trần', '|\u001DTrần')],
    ['NFD text', rawOf('A').normalize('NFD')],
    ['surrounding spaces', `  ${rawOf('A')}  `],
  ])('%s: parses to the same card', (_name, raw) => {
    expect(mustParse(raw)).toEqual(mustParse(rawOf('A')));
  });

  test.each([
    ['NỮ', 'female'],
    ['Nu', 'female'],
    ['nam', 'male'],
  ])('gender text %j reads as %s', (text, gender) => {
    expect(mustParse(rawOf('A').replace('|Nữ|', `|${text}|`)).gender).toBe(gender);
  });

  test('a 12-digit old CMND is accepted with a warning', () => {
    const card = mustParse(rawOf('A').replace('|191999001|', '|191999001234|'));
    expect(card.issues).toEqual([{ code: 'old-id-12-digits', severity: 'warning' }]);
  });

  test('an empty name, an issue date before birth and a future issue date are flagged', () => {
    const raw = '046152999001|191999001||12031952|Nữ|Tổ 5|01011950';
    expect(mustParse(raw).issues.map((i) => i.code)).toEqual(['missing-name', 'issued-before-birth']);
    const future = rawOf('A').replace('|20052021', '|20052031');
    expect(mustParse(future, '2026-06-01').issues.map((i) => i.code)).toEqual(['issued-in-future']);
    expect(mustParse(future).issues).toEqual([]);
  });

  test('never throws, whatever the input', () => {
    const fieldText = fc.oneof(fc.string({ unit: 'binary', maxLength: 14 }), fc.stringMatching(/^\d{8,12}$/));
    const qrLike = fc.array(fieldText, { maxLength: 12 }).map((fields) => fields.join('|'));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), qrLike), (raw) => {
        const result = parseCccdQr(raw, { today: '2026-06-01' });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  test('reads back any well-formed card it is given', () => {
    const card = fc.record({
      serial: fc.stringMatching(/^\d{6}$/),
      year: fc.integer({ min: 1900, max: 2025 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      female: fc.boolean(),
    });
    fc.assert(
      fc.property(card, ({ serial, year, month, day, female }) => {
        const digit = centuryGenderDigit(year, female ? 'female' : 'male');
        const id = `046${digit}${String(year % 100).padStart(2, '0')}${serial}`;
        const dob = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${year}`;
        const parsed = mustParse(`${id}||Lê Văn A|${dob}|${female ? 'Nữ' : 'Nam'}|Huế|01012026`);
        expect(parsed.issues).toEqual([]);
        expect(parsed.birthDate.slice(0, 4)).toBe(String(year));
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkIdNumber — docs/domain.md §2.3 and §8 negative fixtures', () => {
  test.each<[string, string, { birthDate?: string; gender?: 'male' | 'female'; today?: string }, string[]]>([
    ['valid, matching', '046152999001', { birthDate: '1952-03-12', gender: 'female' }, []],
    ['spaces are normalised, then accepted', '046 152 999 001', { birthDate: '1952-03-12', gender: 'female' }, []],
    ['11 digits', '04615299900', {}, ['bad-format']],
    ['letters', '04615299900A', {}, ['bad-format']],
    [
      'country code 146 (Costa Rica): born abroad',
      '146152999001',
      { birthDate: '1952', gender: 'female' },
      ['born-abroad'],
    ],
    ['code 003 is not a province', '003152999001', {}, ['unknown-province']],
    ['code 300 is neither province nor country', '300152999001', {}, ['unknown-province']],
    [
      '1952 with digit 3 (female, 2000s)',
      '046352999001',
      { birthDate: '1952', gender: 'female' },
      ['birth-year-mismatch'],
    ],
    [
      'gender digit 0 but stated female',
      '046052999006',
      { birthDate: '1952-01-01', gender: 'female' },
      ['gender-mismatch'],
    ],
    ['year-only birth date checks the year', '046045999002', { birthDate: '1945', gender: 'male' }, []],
    ['year-only birth date, wrong year', '046045999002', { birthDate: '1946' }, ['birth-year-mismatch']],
    ['ID says born 2052', '046352999001', { today: '2026-06-01' }, ['future-birth']],
    [
      'stated birth date after today',
      '046226999001',
      { birthDate: '2026-07-01', today: '2026-06-01' },
      ['future-birth'],
    ],
    ['birth today is fine', '046226999001', { birthDate: '2026-06-01', today: '2026-06-01' }, []],
    ['born 2126: century digit 4', '046426999001', { birthDate: '2126', today: '2026-06-01' }, ['future-birth']],
  ])('%s', (_name, id, context, codes) => {
    expect(checkIdNumber(id, context).map((issue) => issue.code)).toEqual(codes);
  });

  test('born-abroad is a warning; the others are errors', () => {
    expect(checkIdNumber('146152999001')).toEqual([{ code: 'born-abroad', severity: 'warning' }]);
    expect(checkIdNumber('04615299900')).toEqual([{ code: 'bad-format', severity: 'error' }]);
  });

  test('knows the 63 province codes, Huế included', () => {
    expect(idProvinceCodes.size).toBe(63);
    expect(idProvinceCodes.has('046')).toBe(true);
  });
});

describe('ID number helpers', () => {
  test.each([
    [1952, 'male', 0],
    [1999, 'female', 1],
    [2022, 'male', 2],
    [2000, 'female', 3],
    [2150, 'female', 5],
    [2399, 'male', 8],
    [1899, 'male', null],
    [2400, 'female', null],
  ] as const)('%i %s → %s', (year, gender, digit) => {
    expect(centuryGenderDigit(year, gender)).toBe(digit);
  });

  test('decodeIdNumber is the inverse of centuryGenderDigit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2399 }), fc.boolean(), (year, female) => {
        const gender = female ? 'female' : 'male';
        const id = `046${centuryGenderDigit(year, gender)}${String(year % 100).padStart(2, '0')}999001`;
        expect(decodeIdNumber(id)).toEqual({ registrationCode: '046', gender, birthYear: year, serial: '999001' });
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['046 152 999 001', '046152999001'],
    ['046.152.999.001', '046152999001'],
    ['０４６１５２９９９００１', '046152999001'],
    [' 046-152-999-001 ', '046152999001'],
  ])('normalizeIdNumber(%j) → %s', (input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
  });
});
