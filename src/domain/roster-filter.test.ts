import { describe, expect, test } from 'vitest';
import {
  activeFilterCount,
  defaultRosterView,
  matchesRosterFilters,
  needsKeyList,
  noFilters,
  parseRosterView,
  rosterReadiness,
  sortRosterPeople,
  type RosterFilters,
  type RosterPerson,
} from './roster-filter';

const today = '2026-11-15';

function person(overrides: Partial<RosterPerson> = {}): RosterPerson {
  return {
    fullName: 'Trần Thị Hoa',
    birthDate: '1952-03-12',
    gender: 'female',
    idNumber: '046152999001',
    oldIdNumber: null,
    phone: '0912000111',
    village: 'Tổ 5',
    category: 'k6',
    paymentMethod: 'bank',
    status: 'active',
    representative: null,
    paymentDetails: null,
    ...overrides,
  };
}

const f = (overrides: Partial<RosterFilters>): RosterFilters => ({ ...noFilters, ...overrides });

describe('matchesRosterFilters', () => {
  test.each<[string, Partial<RosterPerson>, Partial<RosterFilters>, boolean]>([
    ['no filter keeps everyone', {}, {}, true],
    ['same village', {}, { village: 'Tổ 5' }, true],
    ['other village', {}, { village: 'Tổ 6' }, false],
    ['village is compared exactly, not by prefix', { village: 'Tổ 12' }, { village: 'Tổ 1' }, false],
    ['category', {}, { category: 'k6' }, true],
    ['other category', {}, { category: 'k5c' }, false],
    ['payment method', { paymentMethod: 'cash-point' }, { method: 'cash-point' }, true],
    ['other payment method', { paymentMethod: 'bank' }, { method: 'cash-point' }, false],
    ['"not chosen" keeps people without a method', { paymentMethod: null }, { method: 'none' }, true],
    ['"not chosen" drops people with a method', { paymentMethod: 'bank' }, { method: 'none' }, false],
    ['status', { status: 'suspended' }, { status: 'suspended' }, true],
    ['other status', { status: 'active' }, { status: 'deceased' }, false],
    ['readiness: ready', {}, { readiness: 'ready' }, true],
    ['readiness: cash needs no account', { paymentMethod: 'cash-point' }, { readiness: 'not-needed' }, true],
    [
      'readiness: only an old CMND',
      { idNumber: null, oldIdNumber: '191999001' },
      { readiness: 'needs-new-id-card' },
      true,
    ],
    ['readiness differs', { idNumber: null, oldIdNumber: '191999001' }, { readiness: 'ready' }, false],
    ['readiness never matches a person who is not active', { status: 'suspended' }, { readiness: 'ready' }, false],
    ['filters combine: all hold', { village: 'Tổ 2' }, { village: 'Tổ 2', method: 'bank', status: 'active' }, true],
    [
      'filters combine: one fails',
      { village: 'Tổ 2' },
      { village: 'Tổ 2', method: 'bank', status: 'suspended' },
      false,
    ],
  ])('%s', (_name, who, filters, expected) => {
    expect(matchesRosterFilters(person(who), f(filters), today)).toBe(expected);
  });
});

describe('rosterReadiness', () => {
  test('a mobile-money holder without a phone is missing papers', () => {
    expect(rosterReadiness(person({ paymentMethod: 'mobile-money', phone: null }), today)).toBe('missing-papers');
  });
  test('a deceased person has no readiness class', () => {
    expect(rosterReadiness(person({ status: 'deceased' }), today)).toBeNull();
  });
});

describe('sortRosterPeople', () => {
  const people = [
    { id: 'a', village: 'Tổ 10', sortKey: 'b' },
    { id: 'b', village: 'Tổ 2', sortKey: 'c' },
    { id: 'c', village: 'Thôn Đông', sortKey: 'a' },
    { id: 'd', village: 'Tổ 2', sortKey: 'a' },
    { id: 'e', village: 'Thôn Bắc', sortKey: 'z' },
  ];
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  test('by name follows the stored sort key', () => {
    expect(ids(sortRosterPeople([...people], 'name'))).toEqual(['c', 'd', 'a', 'b', 'e']);
  });
  test('by village: Vietnamese order (Bắc before Đông), numbers by value (Tổ 2 before Tổ 10), then name', () => {
    expect(ids(sortRosterPeople([...people], 'village'))).toEqual(['e', 'c', 'd', 'b', 'a']);
  });
});

describe('roster view', () => {
  test('counts the active filters and knows when the plain list is enough', () => {
    expect(activeFilterCount(noFilters)).toBe(0);
    expect(activeFilterCount(f({ village: 'Tổ 1', status: 'active' }))).toBe(2);
    expect(needsKeyList(defaultRosterView)).toBe(false);
    expect(needsKeyList({ filters: noFilters, sort: 'village' })).toBe(true);
    expect(needsKeyList({ filters: f({ category: 'k1' }), sort: 'name' })).toBe(true);
  });

  test.each<[string, unknown, unknown]>([
    ['nothing stored', undefined, defaultRosterView],
    ['not an object', 'village', defaultRosterView],
    [
      'a valid view',
      {
        filters: { village: 'Tổ 3', category: 'k5c', method: 'none', status: 'active', readiness: 'ready' },
        sort: 'village',
      },
      {
        filters: { village: 'Tổ 3', category: 'k5c', method: 'none', status: 'active', readiness: 'ready' },
        sort: 'village',
      },
    ],
    [
      'unknown codes fall back to "any"',
      { filters: { village: '', category: 'k99', method: 'cheque', status: 1, readiness: 'soon' }, sort: 'age' },
      defaultRosterView,
    ],
  ])('reads back %s', (_name, stored, expected) => {
    expect(parseRosterView(stored)).toEqual(expected);
  });
});
