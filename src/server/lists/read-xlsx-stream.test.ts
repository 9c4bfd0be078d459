// The streaming reader against the library's own reading of the same bytes: the grids (or errors)
// must be identical. Workbooks come from the library's writer or are written part by part here.
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { checkZip } from './check-container';
import { readSheet, readWithLibrary } from './read-sheet';
import { readXlsxStream } from './read-xlsx-stream';
import { book1904, communeList, hiddenFirstSheet, oneEmptySheet, stackedMerges, write } from './sheet-fixtures';
import { defaultSheetLimits, type Run, type SheetLimits } from './sheet-types';

const run = (limits: Partial<SheetLimits> = {}): Run => ({
  limits: { ...defaultSheetLimits, ...limits },
  deadline: { expired: () => false },
});

/** Both readers on one file; the streaming one must not have handed the file back. */
function bothReaders(bytes: Uint8Array, sheet?: string, limits?: Partial<SheetLimits>) {
  const checked = checkZip(Buffer.from(bytes), run(limits));
  if (!checked.ok) throw new Error(`not a readable zip: ${checked.error}`);
  return {
    streamed: readXlsxStream(checked.value, sheet, run(limits)),
    library: readWithLibrary(checked.value, 'xlsx', sheet, run(limits)),
  };
}

const sst = (wb: XLSX.WorkBook): Buffer =>
  XLSX.write(wb, { bookType: 'xlsx', type: 'buffer', bookSST: true }) as Buffer;

/** 2,000 people: rows cross the inflater's pieces; shared strings, numbers, a date format. */
function manyRows(): XLSX.WorkBook {
  const rows: unknown[][] = [['STT', 'Họ và tên', 'Ngày sinh', 'Mức trợ cấp', 'Giới tính']];
  for (let i = 1; i <= 2000; i++)
    rows.push([i, `Nguyễn Văn ${String(i % 97)}`, 18000 + i, 500000 + (i % 3) * 250000, i % 2 ? 'Nam' : 'Nữ']);
  const ws = XLSX.utils.aoa_to_sheet(rows);
  for (let r = 2; r <= 2001; r++) (ws[`C${String(r)}`] as XLSX.CellObject).z = 'dd/mm/yyyy';
  ws['!merges'] = [XLSX.utils.decode_range('A1:A1')];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'DS');
  return wb;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const workbookXml = (date1904: boolean) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Ẩn &amp; cũ" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Tháng 5" sheetId="2" r:id="rId2"/></sheets></workbook>`;
// 0 General, 1 dd/mm/yyyy (custom), 2 #,##0" đ" (custom), 3 built-in 14, 4 built-in 3, 5 text (@), 6 0.00%,
// then ids the workbook does not define: 7 accounting (43), 8 currency (5), 9 unknown (100), 10 a date (30)
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0&quot; đ&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="11"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="43" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="5" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="100" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="30" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
const STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>STT</t></si><si><t>Họ và tên</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Nguyễn </t></r><r><t>Văn An</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>Trần &amp; Lê &lt;Bình&gt; &#7877;&#x1EC5;</t></si><si><t>dòng 1_x000D_
dòng 2</t></si><si><t/></si><si><t xml:space="preserve">  có khoảng trắng  </t></si><si><t>Nam</t></si><si><t>0987654321</t></si></sst>`;
const HIDDEN_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B1"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`;
const LIST_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:H12"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="5"/></cols><sheetData>
<row r="1" spans="1:8"><c r="A1" t="inlineStr"><is><t>DANH SÁCH &amp; KẾT QUẢ</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><r><t>Ngày </t></r><r><rPr><i/></rPr><t>sinh</t></r></is></c><c r="D2" t="str"><v>Mức &amp;amp; tiền</v></c></row>
<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" s="1"><v>19500</v></c><c r="D3" s="2"><v>500000</v></c><c r="E3" t="s"><v>7</v></c><c r="F3" t="s" s="5"><v>8</v></c><c r="G3" s="6"><v>0.125</v></c></row>
<row r="4"><c r="A4"><v>2</v></c><c r="B4" t="s"><v>3</v></c><c r="C4" s="3"><v>20000.5</v></c><c r="D4" s="4"><v>750000</v></c><c r="E4" t="b"><v>1</v></c><c r="F4" t="b"><v>0</v></c><c r="G4"><v>0.30000000000000004</v></c><c r="H4"><v>1E+15</v></c></row>
<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" t="s"><v>5</v></c><c r="C5" t="s"><v>6</v></c><c r="D5"><f>SUM(D3:D4)</f><v>1250000</v></c><c r="E5" t="e"><f>D3/0</f><v>#DIV/0!</v></c><c r="F5" t="e"><v>#FOO</v></c><c r="G5"><f>_xlfn.CONCAT(A1,B1)</f></c><c r="H5" t="str"><f>A1&amp;"x"</f><v>DANH SÁCH x</v></c></row>
<row r="6"/>
<row r="7"><c r="A7" s="1"/><c r="B7" t="s"/><c r="C7"><v></v></c></row>
<row><c><v>-3.5</v></c><c t="s"><v>7</v></c><c r="E8"><v>12345678901234</v></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>dòng một
dòng hai</t></is></c><c r="B9" t="s"><v>1</v></c><c r="B9" t="s"><v>7</v></c></row>
<row r="10"><c r="A10" s="4"><v>-1234567.891</v></c><c r="B10" s="3"><v>60</v></c><c r="C10" s="1"><v>0</v></c></row>
<row r="12"><c r="C12" t="s"><v>3</v></c><c r="D12" s="7"><v>1234.5</v></c><c r="E12" s="8"><v>-99</v></c><c r="F12" s="9"><v>7</v></c><c r="G12" s="7"><v>0</v></c></row>
</sheetData><mergeCells count="3"><mergeCell ref="A1:H1"/><mergeCell ref="E3:E4"/><mergeCell ref="B11:C12"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

// Excel's fill-down: one formula per range (si), the other cells refer to it, in both forms; an si
// written "01" is not the formula "1" (the library looks it up as written), an unknown si is none.
const SHARED_FORMULAS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:C4" si="0">A1+B1*$B$1</f><v>5</v></c><c r="D1" t="str"><f t="shared" ref="D1:D3" si="1">SUM($A$1:A1)&amp;"đ"</f><v>1đ</v></c></row>
<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c><c r="C2"><f t="shared" si="0"/><v>11</v></c><c r="D2" t="str"><f t="shared" si="1"></f><v>4đ</v></c></row>
<row r="3"><c r="A3"><v>5</v></c><c r="C3"><f t="shared" si="0"/><v>5</v></c><c r="D3"><f t="shared" si="01"/><v>9</v></c><c r="E3"><f t="shared" si="7"/></c></row>
<row r="4"><c r="C4"><f t="shared" si="0"/><v>0</v></c><c r="E4"><f t="shared" si="0"/><v>1</v></c></row>
</sheetData></worksheet>`;

/** A workbook written part by part: a hidden first sheet, then a list with what lists contain. */
function handWritten(parts: { date1904?: boolean; list?: string } = {}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': workbookXml(parts.date1904 ?? false),
    'xl/_rels/workbook.xml.rels': WORKBOOK_RELS,
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': STRINGS,
    'xl/worksheets/sheet1.xml': HIDDEN_SHEET,
    'xl/worksheets/sheet2.xml': parts.list ?? LIST_SHEET,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

describe('the streaming reader reads every .xlsx as the library does', () => {
  test.each<[string, () => Uint8Array, string | undefined, Partial<SheetLimits> | undefined]>([
    ["a commune's list (the library's writer)", () => write(communeList(), 'xlsx'), undefined, undefined],
    ['the same with shared strings', () => sst(communeList()), undefined, undefined],
    ['a hidden first sheet, an empty one, the list', () => write(hiddenFirstSheet(), 'xlsx'), undefined, undefined],
    ['the hidden sheet by name', () => write(hiddenFirstSheet(), 'xlsx'), 'Ẩn', undefined],
    ['the empty sheet by name', () => write(hiddenFirstSheet(), 'xlsx'), 'Trống', undefined],
    ['a sheet that is not there', () => write(hiddenFirstSheet(), 'xlsx'), 'Không có', undefined],
    ['the 1904 date system', () => write(book1904(), 'xlsx'), undefined, undefined],
    ['stacked merges', () => write(stackedMerges(), 'xlsx'), undefined, undefined],
    ['one empty sheet', () => write(oneEmptySheet(), 'xlsx'), undefined, undefined],
    ['2,000 rows with shared strings', () => sst(manyRows()), undefined, undefined],
    ['written part by part', () => handWritten(), undefined, undefined],
    ['written part by part, 1904', () => handWritten({ date1904: true }), undefined, undefined],
    ['its hidden sheet by name', () => handWritten(), 'Ẩn & cũ', undefined],
    ['shared formulas', () => handWritten({ list: SHARED_FORMULAS }), undefined, undefined],
    ['rows up to the limit', () => sst(communeList()), undefined, { maxRows: 8 }],
    ['one row past the limit', () => sst(communeList()), undefined, { maxRows: 7 }],
    ['a dimension claiming more rows than the limit', () => handWritten(), undefined, { maxRows: 10 }],
    ['cells up to the limit', () => sst(communeList()), undefined, { maxCells: 56 }],
    ['one cell past the limit', () => sst(communeList()), undefined, { maxCells: 55 }],
  ])('%s', (_name, bytes, sheet, limits) => {
    const { streamed, library } = bothReaders(bytes(), sheet, limits);
    expect(streamed).not.toBe('unsupported');
    expect(streamed).toEqual(library);
  });

  test('the hand-written list reads as a list (the comparison is not between two empty grids)', () => {
    const { streamed } = bothReaders(handWritten());
    if (streamed === 'unsupported' || !streamed.ok) throw new Error('no grid');
    const g = streamed.value;
    expect(g).toMatchObject({ sheetName: 'Tháng 5', sheetNames: ['Ẩn & cũ', 'Tháng 5'] });
    expect(g.rows[0]?.[7]?.text).toBe('DANH SÁCH & KẾT QUẢ');
    expect(g.rows[2]?.slice(1, 4)).toEqual([
      { text: 'Nguyễn Văn An', value: 'Nguyễn Văn An', kind: 'string' },
      { text: '21/05/1953', value: 19500, kind: 'date' },
      { text: '500,000 đ', value: 500000, kind: 'number' },
    ]);
    expect(g.rows[3]?.[1]?.text).toBe('Trần & Lê <Bình> ễễ');
    expect(g.rows[4]?.[3]).toEqual({ text: '1250000', value: 1250000, kind: 'number', formula: 'SUM(D3:D4)' });
    expect(g.rows[11]?.[2]).toBe(g.rows[10]?.[1]); // B11:C12 merged: its anchor is empty
    // Formats the workbook uses without defining them: accounting (43), currency (5), unknown (100).
    expect(g.rows[11]?.slice(3, 6).map((c) => c.text)).toEqual([' 1,234.50 ', '($99)', '7']);
  });
});

test('a row of 300,000 unclosed cells is read in one pass, not one scan per cell', () => {
  // Each <c> without </c> once made the cell pattern scan to the end of the row (quadratic time):
  // the file is tiny zipped and would block the server for minutes. Read linearly, it is empty rows.
  const row = `<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c>${'<c>'.repeat(300_000)}</row>`;
  const { streamed } = bothReaders(handWritten({ list: LIST_SHEET.replace(/<row r="1"[\s\S]*?<\/row>/, row) }));
  if (streamed === 'unsupported' || !streamed.ok) throw new Error('no grid');
  expect(streamed.value.rows[0]?.[0]?.text).toBe('STT');
}, 20_000);

test('a shared formula is given to each cell of its range, moved there', () => {
  const { streamed } = bothReaders(handWritten({ list: SHARED_FORMULAS }));
  if (streamed === 'unsupported' || !streamed.ok) throw new Error('no grid');
  const formula = (r: number, c: number) => streamed.value.rows[r]?.[c]?.formula;
  expect([formula(1, 2), formula(3, 2), formula(3, 4)]).toEqual(['A2+B2*$B$1', 'A4+B4*$B$1', 'C4+D4*$B$1']);
  expect(streamed.value.rows[1]?.[3]).toEqual({ text: '4đ', value: '4đ', kind: 'string', formula: 'SUM($A$1:A2)&"đ"' });
  expect(streamed.value.rows[2]?.[3]).toEqual({ text: '9', value: 9, kind: 'number' });
});

describe('what the streaming reader hands back to the library', () => {
  const array = LIST_SHEET.replace('<c r="D5"><f>SUM(D3:D4)</f>', '<c r="D5"><f t="array" ref="D5">SUM(D3:D4)</f>');
  // Moved one column left, the formula's A1 would leave the sheet: the library gives up on the sheet.
  const offSheet = SHARED_FORMULAS.replace(
    '<c r="C2"><f t="shared" si="0"/>',
    '<c r="B2"><f t="shared" si="0"/>',
  ).replace('<c r="C1"><f t="shared" ref="C1:C4" si="0">', '<c r="C1"><f t="shared" ref="B1:C4" si="0">');
  test.each<[string, () => Uint8Array]>([
    ['an array formula', () => handWritten({ list: array })],
    [
      'a date format the workbook does not define',
      () => handWritten({ list: LIST_SHEET.replace('<c r="F12" s="9">', '<c r="F12" s="10">') }),
    ],
    ['a shared formula moved off the sheet', () => handWritten({ list: offSheet })],
    [
      'a date cell (t="d")',
      () => handWritten({ list: LIST_SHEET.replace('<c r="A3"><v>1</v>', '<c r="A3" t="d"><v>2024-05-01</v>') }),
    ],
    [
      'a shared string index past the table',
      () => handWritten({ list: LIST_SHEET.replace('<c r="E3" t="s"><v>7</v>', '<c r="E3" t="s"><v>99</v>') }),
    ],
    [
      'a comment in the rows that holds a row end',
      () => handWritten({ list: LIST_SHEET.replace('<row r="6"/>', '<row r="6"><!-- </row> --></row>') }),
    ],
    [
      'CDATA text',
      () => handWritten({ list: LIST_SHEET.replace('<t>DANH SÁCH &amp; KẾT QUẢ</t>', '<t><![CDATA[a</row>b]]></t>') }),
    ],
    [
      'a cell naming another row',
      () => handWritten({ list: LIST_SHEET.replace('<c r="A3"><v>1</v>', '<c r="A5"><v>1</v>') }),
    ],
    ['a cell reference without a column', () => handWritten({ list: LIST_SHEET.replace('<c r="A3">', '<c r="3">') })],
    [
      'a number that is not decimal',
      () => handWritten({ list: LIST_SHEET.replace('<c r="A3"><v>1</v>', '<c r="A3"><v>0x10</v>') }),
    ],
  ])('%s: the library reads it, through readSheet the same', (_name, bytes) => {
    const file = bytes();
    const { streamed, library } = bothReaders(file);
    expect(streamed).toBe('unsupported');
    expect(readSheet(file, 'list.xlsx')).toEqual(library);
  });
});
