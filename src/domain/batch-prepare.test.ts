import { describe, expect, test } from 'vitest';
import { isProvidersName, prepareBatch, type CandidateLine, type ProviderScope } from './batch-prepare';

const bank: ProviderScope = {
  method: 'bank',
  aliases: ['Agribank'],
  account: { kind: 'digits', minLength: 8, maxLength: 19 },
};

const candidate = (id: string, patch: Partial<CandidateLine> = {}, person: Partial<CandidateLine['person']> = {}) => ({
  lineId: `line-${id}`,
  beneficiaryId: `b-${id}`,
  status: 'due' as const,
  method: 'bank' as const,
  amount: 500_000,
  isRerouted: false,
  inOtherBatch: false,
  ...patch,
  person: {
    fullName: 'Nguyễn Thị Lành',
    code: 'BT-1',
    idNumber: '046152000111',
    phone: null,
    bankName: 'Agribank',
    walletProvider: null,
    accountNumber: '4000 1112 2233',
    walletPhone: null,
    accountHolder: 'NGUYEN THI LANH',
    representativeName: null,
    ...person,
  },
});

describe('prepareBatch', () => {
  test('sends the provider’s owed lines with numbered references; holds back the others with why', () => {
    const { lines, heldBack } = prepareBatch(bank, 'AGR-19960-202611-1', [
      candidate('ok'),
      candidate('vcb', {}, { bankName: 'Vietcombank' }),
      candidate('cash', { method: 'home-delivery' }),
      candidate('paid', { status: 'paid' }),
      candidate('failed', { status: 'failed' }),
      candidate('rerouted', { status: 'failed', isRerouted: true }),
      candidate('none', {}, { accountNumber: null }),
      candidate('short', {}, { accountNumber: '123' }),
      candidate('guardian', {}, { accountHolder: 'TRAN VAN TU', representativeName: 'Trần Văn Tư' }),
      candidate('stranger', {}, { accountHolder: 'HO VAN EM' }),
      candidate('zero', { amount: 0 }),
      candidate('twice', { inOtherBatch: true }),
    ]);
    expect(lines.map((l) => [l.lineId, l.reference, l.accountNumber])).toEqual([
      ['line-ok', 'AGR-19960-202611-1-00001', '400011122233'],
      ['line-failed', 'AGR-19960-202611-1-00002', '400011122233'],
      ['line-guardian', 'AGR-19960-202611-1-00003', '400011122233'],
    ]);
    expect(heldBack.map((h) => [h.lineId, h.code])).toEqual([
      ['line-none', 'account-missing'],
      ['line-short', 'account-invalid'],
      ['line-stranger', 'holder-differs'],
      ['line-zero', 'amount-not-positive'],
      ['line-twice', 'in-other-batch'],
    ]);
  });

  test('a wallet is its phone number, checked as a Vietnamese mobile', () => {
    const wallet: ProviderScope = {
      method: 'mobile-money',
      aliases: ['Viettel Money'],
      account: { kind: 'mobile', minLength: 10, maxLength: 10 },
    };
    const person = { bankName: null, walletProvider: 'Viettel Money', accountNumber: null };
    const { lines, heldBack } = prepareBatch(wallet, 'VTM-1', [
      candidate('ok', { method: 'mobile-money' }, { ...person, walletPhone: '0971234567' }),
      candidate('landline', { method: 'mobile-money' }, { ...person, walletPhone: '0234382211' }),
    ]);
    expect(lines.map((l) => l.accountNumber)).toEqual(['0971234567']);
    expect(heldBack.map((h) => h.code)).toEqual(['account-invalid']);
  });

  test.each([
    ['Agribank', true],
    ['agribank chi nhánh Huế', true],
    ['NH Nông nghiệp (Agribank)', false],
    ['Vietcombank', false],
    [null, false],
  ])('is %s one of the provider’s names? %s', (name, expected) => {
    expect(isProvidersName(['Agribank'], name)).toBe(expected);
  });
});
