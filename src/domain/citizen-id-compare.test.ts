import { describe, expect, test } from 'vitest';
import { compareCardWithPerson, type CardIdentity, type PersonIdentity } from './citizen-id';

const card: CardIdentity = {
  idNumber: '046045999002',
  oldIdNumber: '191999002',
  fullName: 'Nguyễn Văn Bình',
  birthDate: '1945-08-05',
  gender: 'male',
};

const roster: PersonIdentity = {
  idNumber: '046045999002',
  oldIdNumber: '191999002',
  fullName: 'Nguyễn Văn Bình',
  birthDate: '1945-08-05',
  gender: 'male',
};

describe('compareCardWithPerson', () => {
  test('all fields match', () => {
    const result = compareCardWithPerson(card, roster);
    expect(result.overall).toBe('match');
    expect(result.idNumber).toEqual({
      status: 'match',
      card: '046045999002',
      person: '046045999002',
      via: 'id-number',
    });
    expect(result.fullName).toMatchObject({ status: 'match', exact: true });
  });

  test.each<[string, keyof Omit<ReturnType<typeof compareCardWithPerson>, 'overall'>, string, Partial<PersonIdentity>]>(
    [
      ['a different ID number', 'idNumber', 'mismatch', { idNumber: '046045999003' }],
      ['a different name', 'fullName', 'mismatch', { fullName: 'Nguyễn Văn Minh' }],
      ['a different birth date', 'birthDate', 'mismatch', { birthDate: '1945-08-06' }],
      ['a different birth year when only the year is known', 'birthDate', 'mismatch', { birthDate: '1946' }],
      ['a different gender', 'gender', 'mismatch', { gender: 'female' }],
      ['no name on the roster', 'fullName', 'missing', { fullName: null }],
      ['no birth date on the roster', 'birthDate', 'missing', { birthDate: '' }],
      ['no gender on the roster', 'gender', 'missing', { gender: null }],
      ['no ID number at all on the roster', 'idNumber', 'missing', { idNumber: null, oldIdNumber: null }],
    ],
  )('%s → %s is %s', (_name, field, status, overrides) => {
    const result = compareCardWithPerson(card, { ...roster, ...overrides });
    expect(result[field].status).toBe(status);
    expect(result.overall).toBe(status === 'mismatch' ? 'mismatch' : 'incomplete');
  });

  test.each([
    ['NFD form', 'Nguye\u0302\u0303n Va\u0306n Bi\u0300nh', true],
    ['upper case', 'NGUYỄN VĂN BÌNH', false],
    ['no diacritics', 'Nguyen Van Binh', false],
    ['extra spaces', ' Nguyễn  Văn Bình ', true],
    // Diacritic-insensitive by design (scanners and old data lose marks); the officer sees both forms.
    ['another tone', 'Nguyễn Văn Bính', false],
  ])('a name in %s matches; exact form: %s', (_name, fullName, exact) => {
    expect(compareCardWithPerson(card, { ...roster, fullName }).fullName).toMatchObject({ status: 'match', exact });
  });

  test('old and new tone placement match, flagged as not exact', () => {
    const hoa = { ...card, fullName: 'Trần Thị Hoà' };
    expect(compareCardWithPerson(hoa, { ...roster, fullName: 'Trần Thị Hòa' }).fullName).toEqual({
      status: 'match',
      card: 'Trần Thị Hoà',
      person: 'Trần Thị Hòa',
      exact: false,
    });
  });

  test('a year-only roster birth date matches on the year', () => {
    expect(compareCardWithPerson(card, { ...roster, birthDate: '1945' }).birthDate).toEqual({
      status: 'match',
      card: '1945-08-05',
      person: '1945',
      yearOnly: true,
    });
  });

  test.each<[string, Partial<PersonIdentity>, string, string | null]>([
    ['roster holds the CMND in the ID column', { idNumber: '191999002' }, 'match', 'old-id-number'],
    ['roster has only the old CMND', { idNumber: null, oldIdNumber: '191 999 002' }, 'match', 'old-id-number'],
    ['roster has only a different old CMND', { idNumber: null, oldIdNumber: '191999009' }, 'mismatch', null],
    ['roster ID typed with spaces', { idNumber: '046 045 999 002' }, 'match', 'id-number'],
  ])('%s → %s via %s', (_name, overrides, status, via) => {
    expect(compareCardWithPerson(card, { ...roster, ...overrides }).idNumber).toMatchObject({ status, via });
  });

  test('an old CMND on the roster cannot be confirmed by a card that has none', () => {
    const child = { ...card, oldIdNumber: null };
    expect(compareCardWithPerson(child, { ...roster, idNumber: null }).idNumber.status).toBe('missing');
  });
});
