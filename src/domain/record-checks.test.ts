import { describe, expect, test } from 'vitest';
import { recordIssues, type RecordFacts } from './record-checks';

/** 046 (Huế), century-and-gender digit 0 (male, 1900s), year 52: a man born in 1952. */
const clean: RecordFacts = {
  idNumber: '046052000123',
  oldIdNumber: null,
  birthDate: '1952-03-04',
  gender: 'male',
  phone: '0912345678',
};

describe('recordIssues', () => {
  test('a consistent record has none', () => {
    expect(recordIssues(clean)).toEqual({ badIdNumber: false, noIdNumber: false, badPhone: false });
  });

  test.each<[string, Partial<RecordFacts>, Partial<ReturnType<typeof recordIssues>>]>([
    ['an ID number whose year is not the birth year', { birthDate: '1953-03-04' }, { badIdNumber: true }],
    ['an ID number of the other gender', { gender: 'female' }, { badIdNumber: true }],
    ['an ID number of 11 digits', { idNumber: '04605200012' }, { badIdNumber: true }],
    ['no ID number, old or new', { idNumber: null }, { noIdNumber: true }],
    ['a phone number of the pre-2018 plan', { phone: '01234567890' }, { badPhone: true }],
  ])('%s', (_name, change, expected) => {
    expect(recordIssues({ ...clean, ...change })).toEqual({
      badIdNumber: false,
      noIdNumber: false,
      badPhone: false,
      ...expected,
    });
  });

  test('an old CMND only is an ID number; no phone is not a bad phone', () => {
    expect(recordIssues({ ...clean, idNumber: null, oldIdNumber: '191234567', phone: null })).toEqual({
      badIdNumber: false,
      noIdNumber: false,
      badPhone: false,
    });
  });
});
