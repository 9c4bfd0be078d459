import { describe, expect, test } from 'vitest';
import {
  accountFits,
  batchRows,
  checkTemplate,
  contentFor,
  holderMatches,
  type BatchLine,
  type BatchTemplate,
} from './batch-template';
import { exampleTemplates } from './batch-templates.examples';

const bank = exampleTemplates[0]?.template ?? ({} as BatchTemplate);
const line = (patch: Partial<BatchLine> = {}): BatchLine => ({
  accountNumber: '1903 6543 2100',
  holderName: 'NGUYEN VAN AN',
  idNumber: '046052001234',
  phone: null,
  amount: 750_000,
  reference: 'B-2026-12-0001',
  beneficiaryName: 'Nguyễn Văn An',
  code: 'BT-01',
  ...patch,
});

describe('checkTemplate', () => {
  test('the two examples can make files', () => {
    for (const e of exampleTemplates) expect(checkTemplate(e.template)).toEqual([]);
  });

  test('a template without account or amount, with a field twice, an empty header or an unknown placeholder', () => {
    const broken: BatchTemplate = {
      ...bank,
      columns: [
        { header: 'Tên', field: 'holderName' },
        { header: ' ', field: 'holderName' },
      ],
      content: 'TGXH {month} {ngay}',
      account: { kind: 'digits', minLength: 10, maxLength: 5 },
    };
    expect(checkTemplate(broken)).toEqual([
      { code: 'header-empty', column: 2 },
      { code: 'column-twice', field: 'holderName' },
      { code: 'field-missing', field: 'accountNumber' },
      { code: 'field-missing', field: 'amount' },
      { code: 'unknown-placeholder', placeholder: 'ngay' },
      { code: 'bad-account-rule' },
    ]);
    expect(checkTemplate({ ...bank, columns: [] })[0]).toEqual({ code: 'no-columns' });
  });
});

test('account numbers fit the provider: digits of a length, or a Vietnamese mobile number', () => {
  const digits = { kind: 'digits', minLength: 8, maxLength: 19 } as const;
  expect(accountFits(digits, '1903 6543 2100')).toBe(true);
  expect(accountFits(digits, '1903-6543')).toBe(false);
  expect(accountFits(digits, '1234567')).toBe(false);
  const mobile = { kind: 'mobile', minLength: 10, maxLength: 10 } as const;
  expect(accountFits(mobile, '0987 654 321')).toBe(true);
  expect(accountFits(mobile, '0123456789')).toBe(false);
  // A landline of Huế has the length a rule may allow, but is no wallet.
  expect(accountFits({ ...mobile, maxLength: 11 }, '0234 3822 123')).toBe(false);
});

test('the holder is the person or their representative, names folded as banks print them', () => {
  expect(holderMatches('NGUYEN VAN AN', ['Nguyễn Văn An'])).toBe(true);
  expect(holderMatches('  Nguyễn  văn an ', ['Trần Thị Hoa', 'Nguyễn Văn An'])).toBe(true);
  expect(holderMatches('NGUYEN VAN ANH', ['Nguyễn Văn An'])).toBe(false);
  expect(holderMatches('', [''])).toBe(false);
});

test('content placeholders are filled from the line and the month', () => {
  expect(contentFor('TGXH thang {month}/{year} {name} {code} {reference}', line(), '2026-12')).toBe(
    'TGXH thang 12/2026 Nguyễn Văn An BT-01 B-2026-12-0001',
  );
});

test('a batch is the header, a row per line in the template order, and the totals row', () => {
  const rows = batchRows(bank, [line(), line({ amount: 1_000_000, idNumber: null, reference: 'B-2' })], '2026-12');
  expect(rows).toEqual([
    ['STT', 'Số tài khoản', 'Tên chủ tài khoản', 'Số CCCD', 'Số tiền', 'Nội dung', 'Mã tham chiếu'],
    [1, '190365432100', 'NGUYEN VAN AN', '046052001234', 750_000, 'TGXH thang 12/2026 Nguyễn Văn An', 'B-2026-12-0001'],
    [2, '190365432100', 'NGUYEN VAN AN', '', 1_000_000, 'TGXH thang 12/2026 Nguyễn Văn An', 'B-2'],
    ['Tổng cộng', '', '', '', 1_750_000, '', ''],
  ]);
  const wallet = exampleTemplates[1]?.template ?? bank;
  expect(batchRows(wallet, [line({ accountNumber: '0987654321' })], '2026-12')).toHaveLength(2);
});
