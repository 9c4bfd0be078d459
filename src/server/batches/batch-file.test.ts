import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { describe, expect, test } from 'vitest';
import type { BatchLine, BatchTemplate } from '../../domain/batch-template';
import { exampleTemplates } from '../../domain/batch-templates.examples';
import { batchFile } from './batch-file';
import { encodeCp1258 } from './encode-1258';

const codepages = (cptable as unknown as { utils: { decode: (cp: number, bytes: Uint8Array) => string } }).utils;

const wallet = exampleTemplates.find((e) => e.method === 'mobile-money')?.template ?? expect.unreachable();
const line = (patch: Partial<BatchLine> = {}): BatchLine => ({
  accountNumber: '0971234567',
  holderName: 'Hồ Thị Giang',
  idNumber: '046152000111',
  phone: null,
  amount: 600_000,
  reference: 'VTM-19960-202611-1-00001',
  beneficiaryName: 'Hồ Thị Giang',
  code: 'BT-7',
  ...patch,
});

describe('batch files', () => {
  test('the example wallet file: UTF-8 with a BOM, its columns, the content filled, quotes where needed', () => {
    const bytes = batchFile(wallet, [line(), line({ holderName: 'Lê, Văn "Tư"', code: null })], '2026-11');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')).toEqual([
      'Số điện thoại ví,Họ và tên,Số tiền,Mã giao dịch,Nội dung',
      '0971234567,Hồ Thị Giang,600000,VTM-19960-202611-1-00001,Chi tra TGXH 11/2026 ma BT-7',
      '0971234567,"Lê, Văn ""Tư""",600000,VTM-19960-202611-1-00001,Chi tra TGXH 11/2026 ma ',
      '',
    ]);
  });

  test('Windows-1258 with a semicolon: the code page’s base letters and tones, read back as the same text', () => {
    const template: BatchTemplate = { ...wallet, encoding: 'windows-1258', separator: ';' };
    const bytes = batchFile(template, [line({ holderName: 'Nguyễn Thị Ánh Tuyết' })], '2026-11');
    const text = codepages.decode(1258, bytes).normalize('NFC');
    expect(text.split('\r\n')[1]).toBe(
      '0971234567;Nguyễn Thị Ánh Tuyết;600000;VTM-19960-202611-1-00001;Chi tra TGXH 11/2026 ma BT-7',
    );
    // "ễ" is ê (one byte) and a combining tilde: never a "?" for a Vietnamese letter.
    expect(text).not.toContain('?');
    expect(text.split('\r\n')[0]).toBe('Số điện thoại ví;Họ và tên;Số tiền;Mã giao dịch;Nội dung');
  });

  test('a character the code page lacks is a question mark, not a NUL', () => {
    expect([...encodeCp1258('A€中')]).toEqual([0x41, 0x80, 0x3f]);
  });
});
