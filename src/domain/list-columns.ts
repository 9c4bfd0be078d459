/**
 * The columns of a commune's monthly list, found by their Vietnamese header text (no public MIS
 * Posasoft export template exists, docs/domain.md §4.2): folded (no diacritics, any case), with
 * synonyms, under a merged parent header where lists have one ("Chưa trả tháng trước" over "Số
 * tháng" / "Số tiền"). The header row is found below the title rows. Unmapped columns are kept.
 */
import { foldVietnamese } from './vietnamese-text';

/** What a column of the list holds. */
export const listFields = [
  'code',
  'fullName',
  'birthDate',
  'gender',
  'idNumber',
  'oldIdNumber',
  'village',
  'address',
  'category',
  'disabilitySeverity',
  'childrenCount',
  'coefficient',
  'monthlyAmount',
  'arrearsMonths',
  'arrearsAmount',
  'recoveryAmount',
  'total',
  'paymentMethod',
  'bankName',
  'accountNumber',
  'phone',
  'decisionNo',
  'startMonth',
  'note',
] as const;
export type ListField = (typeof listFields)[number];

/** Fields a list must have: without them a row is no one (code or ID number identify a person). */
export const requiredListFields: readonly ListField[] = ['fullName', 'birthDate', 'monthlyAmount'];

/**
 * Header texts per field, folded. A header matches a field when its folded text equals one of
 * them, or (for the longer ones) starts with it. Order matters where one header contains another's
 * words: the first field that matches wins.
 */
const synonyms: readonly [ListField, readonly string[]][] = [
  ['code', ['ma doi tuong', 'ma dt', 'ma so', 'ma so doi tuong', 'ma', 'ma ho so', 'so so linh tien', 'so so']],
  ['fullName', ['ho va ten', 'ho ten', 'ten doi tuong', 'ho va ten doi tuong', 'ho ten doi tuong']],
  ['birthDate', ['ngay sinh', 'nam sinh', 'ngay thang nam sinh', 'ngay/thang/nam sinh', 'ngay, thang, nam sinh']],
  ['gender', ['gioi tinh', 'gioi']],
  [
    'idNumber',
    [
      'so cccd',
      'so dinh danh',
      'so dinh danh ca nhan',
      'cccd',
      'cmnd/cccd',
      'so cmnd/cccd',
      'cccd/cmnd',
      'so can cuoc',
    ],
  ],
  ['oldIdNumber', ['so cmnd', 'cmnd', 'so cmnd cu']],
  ['village', ['thon', 'to', 'thon/to', 'thon, to', 'thon/to dan pho', 'to dan pho', 'thon, xom', 'xom']],
  ['address', ['dia chi', 'noi o', 'noi cu tru', 'dia chi thuong tru']],
  ['category', ['nhom doi tuong', 'doi tuong', 'dien', 'dien doi tuong', 'khoan', 'loai doi tuong']],
  ['disabilitySeverity', ['muc do khuyet tat', 'dang khuyet tat', 'muc do']],
  ['childrenCount', ['so con', 'so con dang nuoi']],
  ['coefficient', ['he so', 'he so huong', 'he so tro cap']],
  [
    'monthlyAmount',
    [
      'muc tro cap',
      'muc huong',
      'tien tro cap thang nay',
      'so tien hang thang',
      'muc tro cap hang thang',
      'muc huong/thang',
      'tien tro cap',
      'so tien tro cap',
    ],
  ],
  ['arrearsMonths', ['chua tra thang truoc so thang', 'truy linh so thang', 'so thang truy linh']],
  ['arrearsAmount', ['chua tra thang truoc so tien', 'truy linh so tien', 'truy linh', 'so tien truy linh']],
  ['recoveryAmount', ['truy thu', 'so tien truy thu']],
  ['total', ['tong so tien tro cap', 'tong so tien', 'tong cong', 'thanh tien', 'tong tien', 'tong']],
  ['paymentMethod', ['hinh thuc nhan', 'hinh thuc chi tra', 'hinh thuc', 'phuong thuc chi tra']],
  ['bankName', ['ngan hang', 'ten ngan hang', 'ngan hang mo tai khoan']],
  ['accountNumber', ['so tai khoan', 'tai khoan', 'so tk']],
  ['phone', ['so dien thoai', 'dien thoai', 'sdt', 'so dt']],
  ['decisionNo', ['so quyet dinh huong', 'so quyet dinh', 'so qd', 'quyet dinh']],
  ['startMonth', ['thang bat dau huong', 'huong tu thang', 'thoi diem huong', 'tu thang']],
  ['note', ['ghi chu']],
];

/** Headers a list has that hold nothing to import (row number, signature). */
const ignoredHeaders = ['stt', 'so tt', 'tt', 'ky nhan', 'nguoi nhan', 'nguoi nhan ky', 'ky, ghi ro ho ten'];

/** A header of a column that holds nothing to keep (the row number, the signature). */
export const isIgnoredHeader = (header: string): boolean =>
  ignoredHeaders.includes(
    fold(header)
      .replace(/[:.()]/gu, '')
      .trim(),
  );

const fold = (text: string) =>
  foldVietnamese(text)
    .replace(/\s*([/,])\s*/gu, '$1 ')
    .replace(/\s+/gu, ' ')
    .trim();

/** The field a header text names, or null (a column kept as it is). */
export function fieldOfHeader(header: string): ListField | null {
  const text = fold(header)
    .replace(/[:.()]/gu, '')
    .trim();
  if (text === '' || ignoredHeaders.includes(text)) return null;
  const normalised = (words: string) => fold(words);
  for (const [field, names] of synonyms) {
    if (names.some((n) => normalised(n) === text)) return field;
  }
  // "Họ và tên đối tượng (ghi rõ)" and the like: a long synonym that starts the header.
  for (const [field, names] of synonyms) {
    if (names.some((n) => n.length >= 6 && text.startsWith(normalised(n)))) return field;
  }
  return null;
}

/** Spreadsheet column letters as shown: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Which column holds which field; columns not named are kept under their header. */
export type ColumnMapping = {
  /** Index (0-based) of the last header row; data starts below it. */
  headerRow: number;
  /** Field → column index. */
  fields: Partial<Record<ListField, number>>;
  /** Header text of every column (parent and child joined for a two-row header). */
  headers: string[];
};

/** How many rows from the top may be titles before the header row is given up on. */
const MAX_TITLE_ROWS = 30;

/**
 * Finds the header row: the first row (within the first 30) whose cells name at least three
 * fields, among them the name. A parent header merged over two columns ("Chưa trả tháng trước")
 * is read with the row below it ("Số tháng", "Số tiền"): their texts are joined. `rows` are the
 * cells' texts, merged cells expanded (every covered cell carries the merge's text).
 */
export function findColumns(rows: readonly (readonly string[])[]): ColumnMapping | null {
  for (let r = 0; r < Math.min(rows.length, MAX_TITLE_ROWS); r++) {
    const row = rows[r] ?? [];
    const below = rows[r + 1] ?? [];
    const single = mapHeaders(row);
    // A two-row header: the parent text joined with the child below, where there is one.
    const joined = row.map((h, c) => {
      const child = (below[c] ?? '').trim();
      return child !== '' && child !== h.trim() ? `${h} ${child}` : h;
    });
    const double = mapHeaders(joined);
    // The row below is part of the header only when reading it in names more fields (else it is data).
    const isDouble = Object.keys(double).length > Object.keys(single).length;
    const fields = isDouble ? double : single;
    if (Object.keys(fields).length >= 3 && fields.fullName !== undefined) {
      return isDouble ? { headerRow: r + 1, fields, headers: joined } : { headerRow: r, fields, headers: [...row] };
    }
  }
  return null;
}

function mapHeaders(headers: readonly string[]): Partial<Record<ListField, number>> {
  const fields: Partial<Record<ListField, number>> = {};
  headers.forEach((header, column) => {
    const field = fieldOfHeader(header);
    // The first column naming a field keeps it (a merged header repeats its text to the right).
    if (field !== null && fields[field] === undefined) fields[field] = column;
  });
  return fields;
}
