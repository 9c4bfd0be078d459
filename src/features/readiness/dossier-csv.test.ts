import { describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { toBeneficiaryRow } from '../../storage/roster-row';
import { en } from '../../ui/messages.en';
import { vi } from '../../ui/messages.vi';
import { csvCell, dossierColumns, dossierCsv } from './dossier-csv';

describe('dossier CSV', () => {
  test.each([
    ['plain', 'plain'],
    ['Tổ 5, Phú Bài', '"Tổ 5, Phú Bài"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    [null, ''],
    [12, '12'],
  ])('cell %j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test('starts with a BOM and the Vietnamese header, one row per person with the account holder', () => {
    const row = toBeneficiaryRow(
      'b1',
      1,
      beneficiaryData({
        code: 'BTXH-1',
        paymentMethod: 'bank',
        paymentDetails: { bankName: 'Agribank' },
        representative: {
          kind: 'guardian',
          fullName: 'Lê Thị Mai',
          idNumber: '046160999013',
          relationship: 'bà',
          phone: null,
          paperRef: 'Trích lục',
          validUntil: null,
        },
        accountStatus: 'dossier-ready',
      }),
    );
    const csv = dossierCsv([row], {
      headers: vi.readiness.csvColumns,
      method: () => 'Ngân hàng',
      gender: () => 'Nữ',
      accountStatus: () => 'Đủ hồ sơ',
    });
    const [header, line] = csv.slice(1).split('\r\n');
    expect(csv.startsWith('\uFEFFSTT,Mã đối tượng,Họ và tên')).toBe(true);
    expect(header?.split(',')).toHaveLength(13);
    expect(line).toBe(
      '1,BTXH-1,Trần Thị Hoa,1952-03-12,Nữ,046152999001,0912000111,Tổ 5,19960,Ngân hàng,Agribank,Lê Thị Mai (046160999013),Đủ hồ sơ',
    );
  });

  test('the header row is in the language of the labels passed in, one text per column', () => {
    const labels = { headers: en.readiness.csvColumns, method: String, gender: String, accountStatus: String };
    const header = dossierCsv([], labels).slice(1).split('\r\n')[0];
    expect(header).toBe(dossierColumns.map((c) => en.readiness.csvColumns[c]).join(','));
    expect(header?.startsWith('No.,Beneficiary code,Full name')).toBe(true);
  });
});
