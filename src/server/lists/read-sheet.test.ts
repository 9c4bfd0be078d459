// Every fixture is made here, by the spreadsheet library itself or byte by byte: no binary files.
import { deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full.mjs';
import { describe, expect, test, vi } from 'vitest';
import { prepareList } from '../../domain/list-import';
import { readSheet } from './read-sheet';
import {
  ARREARS,
  TITLE,
  book1904,
  communeList,
  hiddenFirstSheet,
  oneEmptySheet,
  stackedMerges,
  write,
} from './sheet-fixtures';
import type { Cell, Grid, ReadSheetOptions, SheetError } from './sheet-types';

type CfbEntry = { content: Uint8Array; size: number };
type Cfb = { FileIndex: CfbEntry[] };
const CFB = XLSX.CFB as {
  read: (data: Buffer, o: { type: 'buffer' }) => Cfb;
  write: (c: Cfb, o: { type: 'buffer'; fileType?: 'zip' }) => Buffer;
  find: (c: Cfb, path: string) => CfbEntry | null;
  utils: { cfb_new: () => Cfb; cfb_add: (c: Cfb, path: string, content: Uint8Array) => void };
};

// The module exports `utils` itself; its .d.ts puts it under `cptable`.
const codepages = (cpexcel as unknown as { utils: { encode: (cp: number, text: string) => Uint8Array } }).utils;

function grid(bytes: Uint8Array, name = 'list', options?: ReadSheetOptions): Grid {
  const result = readSheet(bytes, name, options);
  if (!result.ok) throw new Error(`expected a grid, got ${result.error}`);
  return result.value;
}
function failure(bytes: Uint8Array, options?: ReadSheetOptions, name = 'list'): SheetError | 'ok' {
  const result = readSheet(bytes, name, options);
  return result.ok ? 'ok' : result.error;
}
/** Cell at a spreadsheet address ("E3"), so the assertions read like the sheet. */
function at(g: Grid, ref: string): Cell | undefined {
  const { r, c } = XLSX.utils.decode_cell(ref);
  return g.rows[r]?.[c];
}
const texts = (g: Grid) => g.rows.map((row) => row.map((c) => c.text));

/** A deterministic byte stream (no chance in tests). */
function noise(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Windows-1258 spells Vietnamese as a base letter (â, ơ, đ are one byte each) plus a combining tone. */
function cp1258(text: string): Uint8Array {
  let composed = '';
  for (const ch of text.normalize('NFD')) {
    const tone = /[\u0300\u0301\u0303\u0309\u0323]/.test(ch);
    composed =
      !tone && /\p{M}/u.test(ch) ? composed.slice(0, -1) + (composed.slice(-1) + ch).normalize('NFC') : composed + ch;
  }
  return Uint8Array.from(codepages.encode(1258, composed));
}

describe('readSheet: .xlsx', () => {
  const g = grid(write(communeList(), 'xlsx'), 'ds-thang-5.xlsx');

  test('rows and columns as the spreadsheet numbers them, the empty row kept', () => {
    expect(g).toMatchObject({ format: 'xlsx', sheetName: 'DS tháng 5', sheetNames: ['DS tháng 5'] });
    expect(g.rows).toHaveLength(8);
    expect(g.rows.every((row) => row.length === 7)).toBe(true);
    expect(at(g, 'B3')?.text).toBe('Họ và tên');
    expect(at(g, 'B6')?.text).toBe('Trần Thị Bình');
    expect(g.rows[6]?.every((c) => c.kind === 'empty')).toBe(true);
    expect(at(g, 'A8')?.text).toBe('Tổng cộng');
  });

  test('a merged header gives its text to every cell it covers, and the merges are listed', () => {
    expect(texts(g)[2]).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Mức trợ cấp', ARREARS, ARREARS, 'Ghi chú']);
    expect(texts(g)[3]).toEqual(['STT', '', '', '', 'Số tháng', 'Số tiền', '']);
    expect(texts(g)[0]).toEqual(Array(7).fill(TITLE));
    expect(g.merges).toContainEqual({ top: 3, left: 5, bottom: 3, right: 6, ref: 'E3:F3' });
    expect(g.merges.map((m) => m.ref)).toEqual(['A1:G1', 'E3:F3', 'A3:A4']);
  });

  test('dates stay serial numbers with the text Excel shows; formulas, errors and booleans', () => {
    expect(at(g, 'C5')).toEqual({ text: '21/05/1953', value: 19500, kind: 'date' });
    expect(at(g, 'C6')).toEqual({ text: '03/10/1954', value: 20000, kind: 'date' });
    expect(at(g, 'D5')).toEqual({ text: '500,000', value: 500000, kind: 'number' });
    expect(at(g, 'D8')).toEqual({ text: '1250000', value: 1250000, kind: 'number', formula: 'SUM(D5:D6)' });
    expect(at(g, 'G5')).toEqual({ text: '#DIV/0!', value: null, kind: 'error', error: '#DIV/0!', formula: 'D5/E6' });
    expect(at(g, 'G6')).toEqual({ text: 'TRUE', value: true, kind: 'bool' });
    expect(at(g, 'B5')).toEqual({ text: 'Nguyễn Văn An', value: 'Nguyễn Văn An', kind: 'string' });
  });

  test('the first visible sheet with data, unless one is named', () => {
    const bytes = write(hiddenFirstSheet(), 'xlsx');
    expect(grid(bytes)).toMatchObject({ sheetName: 'DS', sheetNames: ['Ẩn', 'Trống', 'DS'] });
    expect(texts(grid(bytes))).toEqual([
      ['', ''],
      ['STT', 'Họ và tên'],
    ]);
    expect(grid(bytes, 'x', { sheet: 'Ẩn' }).rows[0]?.[0]?.text).toBe('bảng tính ẩn');
    expect(failure(bytes, { sheet: 'Trống' })).toBe('empty');
    expect(failure(bytes, { sheet: 'Không có' })).toBe('no-such-sheet');
  });

  test('a workbook in the 1904 date system gives serials of the 1900 system', () => {
    expect(grid(write(book1904(), 'xlsx')).rows[0]?.[0]).toEqual({ text: '21/05/1953', value: 19500, kind: 'date' });
  });
});

describe('readSheet: .xls (BIFF8)', () => {
  test('the same list reads the same, merges included (this writer stores no formulas)', () => {
    const xls = write(communeList(), 'biff8');
    expect([...xls.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const g = grid(xls, 'ds-thang-5.xls');
    const withoutFormulas = (x: Grid) => x.rows.map((row) => row.map(({ formula: _f, ...c }) => c));
    expect(g.format).toBe('xls');
    expect(withoutFormulas(g)).toEqual(withoutFormulas(grid(write(communeList(), 'xlsx'))));
    expect(g.merges.map((m) => m.ref)).toEqual(['A1:G1', 'E3:F3', 'A3:A4']);
    expect(at(g, 'G5')).toMatchObject({ kind: 'error', error: '#DIV/0!' });
  });

  test('a document-properties stream claiming 2^31 entries is dropped, not believed', () => {
    // The library reserves one entry per claimed property: without the guard this 5 KB file fills
    // the heap and kills the process.
    const wb = communeList();
    wb.Props = { Title: 'Danh sách', Author: 'Cán bộ' };
    const xls = CFB.read(write(wb, 'biff8'), { type: 'buffer' });
    const props = CFB.find(xls, '/!SummaryInformation');
    if (!props) throw new Error('the writer stored no SummaryInformation');
    const stream = Buffer.from(props.content);
    const set = stream.readUInt32LE(28 + 16); // [MS-OLEPS] 2.21: the first property set's offset
    stream.writeUInt32LE(0x7fffffff, set + 4); // its property count
    props.content = stream;
    expect(at(grid(CFB.write(xls, { type: 'buffer' })), 'B5')?.text).toBe('Nguyễn Văn An');
  });

  test("the library's console messages about a damaged file are not written", () => {
    const xls = CFB.read(write(communeList(), 'biff8'), { type: 'buffer' });
    const book = CFB.find(xls, 'Workbook');
    if (!book) throw new Error('no Workbook stream');
    const content = Buffer.from(book.content);
    const eof = content.lastIndexOf(Buffer.from([0x0a, 0, 0, 0])); // the last sheet's EOF record
    // Unknown record types inside the sheet: the library writes one console line for each.
    const unknown = Buffer.from(Array.from({ length: 50 }, () => [0x77, 0x77, 0, 0]).flat());
    book.content = Buffer.concat([content.subarray(0, eof), unknown, content.subarray(eof)]);
    book.size = book.content.length;
    const spy = vi.spyOn(console, 'error');
    try {
      expect(at(grid(CFB.write(xls, { type: 'buffer' })), 'B5')?.text).toBe('Nguyễn Văn An');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('readSheet: .csv', () => {
  test('UTF-8 with BOM and ";": quotes, a quoted line break, CRLF; row = record, empty rows kept', () => {
    const csv = [
      `${TITLE};;;`,
      ';;;',
      'STT;Họ và tên;Địa chỉ;Mức trợ cấp',
      '1;"Nguyễn Văn ""Út"" An";"Thôn Đông;\r\nxã Lộc An";1.500.000',
      ';;;',
      '2;Trần Thị Bình;Thôn Tây;750.000',
      '',
    ].join('\r\n');
    const g = grid(new TextEncoder().encode(`\ufeff${csv}`), 'tháng 5.csv');
    expect(g).toMatchObject({ format: 'csv', sheetName: 'tháng 5', merges: [] });
    expect(texts(g)).toEqual([
      [TITLE, '', '', ''],
      ['', '', '', ''],
      ['STT', 'Họ và tên', 'Địa chỉ', 'Mức trợ cấp'],
      ['1', 'Nguyễn Văn "Út" An', 'Thôn Đông;\r\nxã Lộc An', '1.500.000'],
      ['', '', '', ''],
      ['2', 'Trần Thị Bình', 'Thôn Tây', '750.000'],
    ]);
    expect(at(g, 'D4')).toEqual({ text: '1.500.000', value: '1.500.000', kind: 'string' });
    expect(at(g, 'A2')?.kind).toBe('empty');
  });

  test('tab-separated UTF-8 without BOM, commas inside the fields', () => {
    const csv = 'Họ và tên\tMức trợ cấp\nNguyễn Văn An\t1,500,000\nTrần Thị Bình\t750,000\n';
    expect(texts(grid(new TextEncoder().encode(csv)))).toEqual([
      ['Họ và tên', 'Mức trợ cấp'],
      ['Nguyễn Văn An', '1,500,000'],
      ['Trần Thị Bình', '750,000'],
    ]);
  });

  test('Windows-1258 bytes are decoded as they are (tones as combining marks), no normalisation', () => {
    expect([...cp1258('Trần')]).toEqual([0x54, 0x72, 0xe2, 0xcc, 0x6e]);
    const bytes = cp1258('Họ và tên,Thôn\r\nTrần Thị Bình,Đông Phước\r\n');
    const g = grid(bytes);
    expect(texts(g).map((row) => row.map((t) => t.normalize('NFC')))).toEqual([
      ['Họ và tên', 'Thôn'],
      ['Trần Thị Bình', 'Đông Phước'],
    ]);
    expect(at(g, 'A2')?.text).toBe('Trần Thị Bình'.normalize('NFD').replace('a\u0302', 'â'));
  });

  test('a Windows-1258 CSV of names and addresses is not mistaken for a legacy font', () => {
    // Read byte for byte, 1258 Vietnamese looks like TCVN3 to the font detector; it reads better as 1258.
    // (No letter with a dot below and a circumflex: this file's cp1258 helper cannot write them.)
    const names = ['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Phùng Thị Mai', 'Lê Văn Đức', 'Hồ Thị Lan', 'Phạm Minh Tuấn'];
    const csv = ['STT,Họ và tên,Địa chỉ', ...names.map((n, i) => `${String(i + 1)},${n},Thôn ${String(i)} xã Phú Bài`)];
    const g = grid(cp1258(csv.join('\r\n')), 'ds.csv');
    expect(texts(g).map((row) => row.map((t) => t.normalize('NFC')))).toEqual(csv.map((line) => line.split(',')));
  });

  test('a column typed in TCVN3 (.VnTime) in a non-Unicode CSV is read byte for byte, then converted', () => {
    // Saved by Excel as "CSV" on a Windows in Vietnamese: the TCVN3 column's bytes are the font's.
    const tcvn3 = Uint8Array.from(
      codepages.encode(
        1252,
        [
          'STT,Hä vµ tªn,N¨m sinh,Thôn,Møc trî cÊp',
          '1,NguyÔn V¨n B×nh,1940,\u00d0\u00f4ng,750000',
          '2,TrÇn ThÞ Hoa,1952,\u00d0\u00f4ng,750000',
          '3,Lª V¨n T¸m,1948,T\u00e2y,750000',
        ].join('\r\n'),
      ),
    );
    const g = grid(tcvn3, 'tcvn3.csv');
    // The TCVN3 columns keep the font's characters; the village column is Windows-1258 as before.
    expect(texts(g).map((row) => row.slice(1, 3))).toEqual([
      ['Hä vµ tªn', 'N¨m sinh'],
      ['NguyÔn V¨n B×nh', '1940'],
      ['TrÇn ThÞ Hoa', '1952'],
      ['Lª V¨n T¸m', '1948'],
    ]);
    expect(at(g, 'D2')?.text.normalize('NFC')).toBe('Đông');
    const prepared = prepareList(g.rows, { month: '2026-12', provinceCode: '46' });
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.value.rows.map((r) => r.fullName)).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Tám']);
  });

  test("UTF-16 with a BOM (Excel's Unicode text), tab-separated", () => {
    const text = '\ufeffHọ và tên\tThôn\r\nTrần Thị Bình\tThôn Tây\r\n';
    expect(texts(grid(Buffer.from(text, 'utf16le')))).toEqual([
      ['Họ và tên', 'Thôn'],
      ['Trần Thị Bình', 'Thôn Tây'],
    ]);
  });
});

describe('readSheet: refusals', () => {
  const xlsx = write(communeList(), 'xlsx');

  test.each<[string, () => Uint8Array, ReadSheetOptions | undefined, SheetError]>([
    ['random bytes', () => noise(4096), undefined, 'not-a-spreadsheet'],
    [
      'an HTML table saved as .xls',
      () => new TextEncoder().encode('<html><table><tr><td>1</td></tr></table>'),
      undefined,
      'not-a-spreadsheet',
    ],
    [
      'a zip without a workbook (.docx)',
      () => zipOf({ 'word/document.xml': '<w:document/>' }),
      undefined,
      'not-a-spreadsheet',
    ],
    [
      'an OLE file without a workbook (.doc)',
      () => cfbOf({ WordDocument: noise(600) }),
      undefined,
      'not-a-spreadsheet',
    ],
    ['a truncated .xlsx', () => xlsx.subarray(0, Math.floor(xlsx.length / 2)), undefined, 'corrupted'],
    ['an .xlsx with one flipped byte', () => flipped(xlsx, Math.floor(xlsx.length / 3)), undefined, 'corrupted'],
    ['a zip entry inflating past its declared size', () => lyingZip(), undefined, 'corrupted'],
    [
      'an encrypted .xlsx',
      () => cfbOf({ EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]), EncryptedPackage: noise(4096) }),
      undefined,
      'encrypted',
    ],
    ['a password-protected .xls', () => protectedXls(), undefined, 'encrypted'],
    ['a file over 20 MB', () => new Uint8Array(20 * 1024 * 1024 + 1), undefined, 'too-large'],
    ['a file over a lower byte limit', () => xlsx, { maxBytes: 1000 }, 'too-large'],
    ['a zip unzipping past the budget', () => xlsx, { maxUnzippedBytes: 4000 }, 'too-large'],
    ['more rows than allowed', () => xlsx, { maxRows: 7 }, 'too-many-rows'],
    ['more rows than allowed (.xls)', () => write(communeList(), 'biff8'), { maxRows: 7 }, 'too-many-rows'],
    ['more cells than allowed', () => xlsx, { maxCells: 8 * 7 - 1 }, 'too-many-cells'],
    ['merges stacked over one another', () => write(stackedMerges(), 'xlsx'), undefined, 'too-many-cells'],
    ['a CSV with more rows than allowed', () => new TextEncoder().encode('a\nb\nc\n'), { maxRows: 2 }, 'too-many-rows'],
    [
      'a CSV with more cells than allowed',
      () => new TextEncoder().encode('a;b;c\nd;e;f\n'),
      { maxCells: 5 },
      'too-many-cells',
    ],
    ['no bytes', () => new Uint8Array(0), undefined, 'empty'],
    ['a CSV of separators only', () => new TextEncoder().encode('\ufeff;;;\r\n;;;\r\n'), undefined, 'empty'],
    ['a workbook with one empty sheet', () => write(oneEmptySheet(), 'xlsx'), undefined, 'empty'],
  ])('%s', (_name, bytes, options, expected) => {
    expect(failure(bytes(), options)).toBe(expected);
  });

  test('a parse that outlasts the time limit is a timeout', () => {
    let now = 0;
    const slowClock = { now: () => (now += 1000) }; // every look at the clock costs a second
    expect(failure(xlsx, { timeoutMs: 1500, clock: slowClock })).toBe('timeout');
    expect(failure(new TextEncoder().encode('a;b\n'.repeat(5000)), { timeoutMs: 1500, clock: slowClock })).toBe(
      'timeout',
    );
    expect(failure(xlsx, { timeoutMs: 60_000, clock: slowClock })).toBe('ok');
  });

  test('the name does not decide the format: an .xlsx named .csv is read as .xlsx', () => {
    expect(grid(xlsx, 'list.csv').format).toBe('xlsx');
  });
});

function zipOf(files: Record<string, string>): Buffer {
  const zip = CFB.utils.cfb_new();
  for (const [path, text] of Object.entries(files)) CFB.utils.cfb_add(zip, path, new TextEncoder().encode(text));
  return CFB.write(zip, { type: 'buffer', fileType: 'zip' });
}

function cfbOf(streams: Record<string, Uint8Array>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, content);
  return CFB.write(container, { type: 'buffer' });
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}

/** A one-entry zip whose 1 MB of zeros claims to be 1 KB (both headers agree, the stream does not). */
function lyingZip(): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(Buffer.alloc(1024 * 1024));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** A BIFF8 file with a FilePass record after the workbook's BOF: what Excel writes for a password. */
function protectedXls(): Buffer {
  const xls = CFB.read(write(communeList(), 'biff8'), { type: 'buffer' });
  const book = CFB.find(xls, 'Workbook');
  if (!book) throw new Error('no Workbook stream');
  const content = Buffer.from(book.content);
  const bof = 4 + content.readUInt16LE(2);
  const filePass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]); // XOR obfuscation
  book.content = Buffer.concat([content.subarray(0, bof), filePass, content.subarray(bof)]);
  book.size = book.content.length;
  return CFB.write(xls, { type: 'buffer' });
}
