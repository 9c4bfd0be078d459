import { describe, expect, test } from 'vitest';
import type { ListCell } from './list-cells';
import {
  guessOpenedAccountMapping,
  isApplied,
  matchOpenedAccounts,
  normalizedAccount,
  openedMappingGaps,
  readOpenedAccountRows,
  type OpenedAccountPerson,
  type OpenedAccountRow,
  type OpenedAccountScope,
} from './opened-accounts';

const cell = (value: string | number): ListCell =>
  typeof value === 'number'
    ? { text: String(value), value, kind: 'number' }
    : { text: value, value: value === '' ? null : value, kind: value === '' ? 'empty' : 'string' };
const grid = (rows: (string | number)[][]) => rows.map((r) => r.map(cell));

const bank: OpenedAccountScope = {
  method: 'bank',
  names: ['Agribank'],
  account: { kind: 'digits', minLength: 6, maxLength: 19 },
};
const wallet: OpenedAccountScope = {
  method: 'mobile-money',
  names: ['Viettel Money'],
  account: { kind: 'mobile', minLength: 10, maxLength: 10 },
};

const person = (patch: Partial<OpenedAccountPerson> = {}): OpenedAccountPerson => ({
  id: 'b-an',
  fullName: 'Nguyễn Văn An',
  idNumber: '046152000111',
  oldIdNumber: '191000111',
  paymentMethod: 'cash-point',
  paymentDetails: null,
  accountStatus: 'submitted',
  ...patch,
});
const row = (patch: Partial<OpenedAccountRow> = {}): OpenedAccountRow => ({
  row: 2,
  idNumber: '046152000111',
  fullName: 'NGUYEN VAN AN',
  accountNumber: '4000111222333',
  holderName: null,
  openedDate: null,
  ...patch,
});

describe('the opened-accounts file', () => {
  test('the usual headers are guessed, specific ones first', () => {
    const vi = ['STT', 'Họ và tên', 'Số CMND/CCCD', 'Số tài khoản', 'Tên chủ tài khoản', 'Ngày mở tài khoản'];
    expect(guessOpenedAccountMapping(vi)).toEqual({
      fullName: 'Họ và tên',
      idNumber: 'Số CMND/CCCD',
      accountNumber: 'Số tài khoản',
      holderName: 'Tên chủ tài khoản',
      openedDate: 'Ngày mở tài khoản',
    });
    const en = ['No', 'Customer name', 'ID number', 'Wallet', 'Opened date'];
    expect(guessOpenedAccountMapping(en)).toEqual({
      fullName: 'Customer name',
      idNumber: 'ID number',
      accountNumber: 'Wallet',
      openedDate: 'Opened date',
    });
    expect(openedMappingGaps(guessOpenedAccountMapping(vi), vi)).toEqual([]);
    expect(openedMappingGaps(guessOpenedAccountMapping(['STT', 'Số tiền']), ['STT', 'Số tiền'])).toEqual([
      'idNumber',
      'fullName',
      'accountNumber',
    ]);
  });

  test('rows are read by the mapping; numbers that lost their leading zeros get them back', () => {
    const headers = ['STT', 'Họ tên', 'Số CCCD', 'Số tài khoản', 'Ngày mở'];
    const rows = readOpenedAccountRows(
      grid([
        headers,
        [1, ' Nguyễn  Văn An ', '046 152 000 111', '4000 111 222 333', '03/12/2026'],
        [2, 'Lê Thị Bình', 46152000222, 4000111222444, '1952'],
        [3, 'Trần Cúc', 91000333, '40A', ''],
        ['', '', '', '', ''],
        ['Tổng cộng: 3 tài khoản', '', '', '', ''],
      ]),
      guessOpenedAccountMapping(headers),
      4,
    );
    expect(rows).toEqual([
      {
        row: 5,
        idNumber: '046152000111',
        fullName: 'Nguyễn Văn An',
        accountNumber: '4000111222333',
        holderName: null,
        openedDate: '2026-12-03',
      },
      {
        row: 6,
        idNumber: '046152000222',
        fullName: 'Lê Thị Bình',
        accountNumber: '4000111222444',
        holderName: null,
        openedDate: null,
      },
      { row: 7, idNumber: '091000333', fullName: 'Trần Cúc', accountNumber: '40A', holderName: null, openedDate: null },
    ]);
  });
});

describe('matchOpenedAccounts', () => {
  test.each([
    ['the ID and the folded name agree', row(), 'match'],
    ['by the old CMND', row({ idNumber: '191000111' }), 'match'],
    ['the name differs', row({ fullName: 'Nguyễn Văn Ân Hai' }), 'name-differs'],
    ['nobody has the ID', row({ idNumber: '046152999999' }), 'not-found'],
    ['an ID of no known format', row({ idNumber: '12345' }), 'not-found'],
    ['letters in the account', row({ accountNumber: '4000A' }), 'account-invalid'],
    ['an account too short', row({ accountNumber: '12345' }), 'account-invalid'],
    ['no account', row({ accountNumber: '' }), 'account-invalid'],
  ] as const)('%s: %s', (_, r, outcome) => {
    expect(matchOpenedAccounts([r], [person()], bank)[0]).toMatchObject({
      outcome,
      personId: outcome === 'not-found' ? null : 'b-an',
    });
  });

  test('an account the person already holds, opened, is already set; another bank’s is not', () => {
    const holding = person({
      paymentMethod: 'bank',
      paymentDetails: { bankName: 'Agribank chi nhánh Hương Thủy', accountNumber: '4000 111 222 333' },
      accountStatus: 'card-handed-over',
    });
    expect(matchOpenedAccounts([row()], [holding], bank)[0]?.outcome).toBe('already-set');
    const otherBank = { ...holding, paymentDetails: { bankName: 'Vietcombank', accountNumber: '4000111222333' } };
    expect(matchOpenedAccounts([row()], [otherBank], bank)[0]?.outcome).toBe('match');
    const notOpened = { ...holding, accountStatus: 'submitted' as const };
    expect(matchOpenedAccounts([row()], [notOpened], bank)[0]?.outcome).toBe('match');
  });

  test('the same ID on two rows: a repeat is the duplicate; different accounts leave neither', () => {
    const repeated = matchOpenedAccounts([row(), row({ row: 3 })], [person()], bank);
    expect(repeated.map((r) => r.outcome)).toEqual(['match', 'duplicate-row']);
    const differing = matchOpenedAccounts([row(), row({ row: 3, accountNumber: '4000999888777' })], [person()], bank);
    expect(differing.map((r) => r.outcome)).toEqual(['duplicate-row', 'duplicate-row']);
    // One person by the CCCD and by the old CMND is one person twice.
    const byBoth = matchOpenedAccounts([row(), row({ row: 3, idNumber: '191000111' })], [person()], bank);
    expect(byBoth.map((r) => r.outcome)).toEqual(['match', 'duplicate-row']);
  });

  test('two people of the roster with one ID number are never guessed between', () => {
    const twins = [person(), person({ id: 'b-other', oldIdNumber: null })];
    expect(matchOpenedAccounts([row()], twins, bank)[0]).toMatchObject({ outcome: 'several-people', personId: null });
  });

  test('a wallet is a mobile number, kept in its national form', () => {
    const [a, b] = matchOpenedAccounts(
      [row({ accountNumber: '971234567' }), row({ row: 3, idNumber: '191000222', accountNumber: '0241234567' })],
      [person(), person({ id: 'b-2', idNumber: null, oldIdNumber: '191000222' })],
      wallet,
    );
    expect(a).toMatchObject({ outcome: 'match', accountNumber: '0971234567' });
    expect(b?.outcome).toBe('account-invalid');
    expect(normalizedAccount(wallet.account, '+84 97 123 4567')).toBe('0971234567');
  });

  test('only matches, and differing names the supervisor accepted, apply', () => {
    const accepted = new Set([3]);
    expect(isApplied({ row: 2, outcome: 'match' }, accepted)).toBe(true);
    expect(isApplied({ row: 3, outcome: 'name-differs' }, accepted)).toBe(true);
    expect(isApplied({ row: 4, outcome: 'name-differs' }, accepted)).toBe(false);
    expect(isApplied({ row: 3, outcome: 'not-found' }, accepted)).toBe(false);
    expect(isApplied({ row: 3, outcome: 'already-set' }, accepted)).toBe(false);
  });
});
