/**
 * A demo month's list for a commune (issue 11; README "Monthly lists"): next month's list as a
 * commune would receive it, made from what the server holds — the people paid this month, at next
 * month's amounts (coefficients that change with age included) — with the changes a real month
 * brings: the last person leaves (a decrease), the first is owed one month of arrears (an
 * adjustment) and one person new to the commune arrives (an increase). Written as `.xlsx` with
 * title rows, a merged title and a totals row, in the columns the import reads.
 */
import * as XLSX from '@e965/xlsx';
import { monthlyAmount } from '../../domain/benefits';
import { vnd } from '../../domain/money';
import type { Kysely } from 'kysely';
import { addMonths } from '../../domain/calendar';
import type { BeneficiaryData } from '../../protocol/entities';
import type { Database } from '../db/schema';
import { isRecord } from '../services/data-fields';

const headers = [
  'STT',
  'Mã đối tượng',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Thôn',
  'Nhóm đối tượng',
  'Mức độ khuyết tật',
  'Số con',
  'Mức trợ cấp',
  'Truy lĩnh số tháng',
  'Truy lĩnh số tiền',
  'Tổng số tiền',
  'Ghi chú',
];

type Row = (string | number | null)[];

const birth = (d: string) => (d.length === 10 ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : d);
const group = (code: string) => {
  const m = /^k(\d)([a-d])?$/u.exec(code);
  return m ? `Khoản ${m[1] ?? ''}${m[2] ? ` điểm ${m[2]}` : ''}` : code;
};
const severity = (s: string | null | undefined) =>
  s === 'severe' ? 'Nặng' : s === 'extremely-severe' ? 'Đặc biệt nặng' : null;

export type DemoPerson = Pick<
  BeneficiaryData,
  | 'code'
  | 'fullName'
  | 'birthDate'
  | 'gender'
  | 'idNumber'
  | 'village'
  | 'category'
  | 'disabilitySeverity'
  | 'childrenCount'
>;

/** A person new to the commune (invented; the import enrols her when the list is published). */
const newcomer: DemoPerson = {
  code: 'MOI-001',
  fullName: 'Phạm Thị Lài',
  birthDate: '1948-03-01',
  gender: 'female',
  idNumber: null,
  village: 'Thôn 1',
  category: 'k5b',
  disabilitySeverity: null,
  childrenCount: null,
};

export function demoListRows(people: readonly DemoPerson[], month: string): { rows: Row[]; total: number } {
  const staying = people.slice(0, Math.max(0, people.length - 1));
  const rows: Row[] = [];
  let total = 0;
  for (const [i, p] of [...staying, newcomer].entries()) {
    const amount = monthlyAmount(
      {
        category: p.category,
        birthDate: p.birthDate,
        disabilitySeverity: p.disabilitySeverity ?? null,
        childrenCount: p.childrenCount ?? null,
      },
      month,
    );
    if (!amount.ok) continue;
    const monthly = amount.value.amount;
    const arrears = i === 0 ? monthly : vnd(0);
    total += monthly + arrears;
    rows.push([
      rows.length + 1,
      p.code ?? null,
      p.fullName,
      birth(p.birthDate),
      p.gender === 'female' ? 'Nữ' : 'Nam',
      p.idNumber ?? null,
      p.village || null,
      group(p.category),
      severity(p.disabilitySeverity),
      p.childrenCount ?? null,
      monthly,
      i === 0 ? 1 : 0,
      arrears,
      monthly + arrears,
      p === newcomer ? 'Tăng mới' : i === 0 ? 'Truy lĩnh 1 tháng' : null,
    ]);
  }
  return { rows, total };
}

/** `renamed`: headers written otherwise (a source whose columns the import must be told). */
export function demoListFile(
  people: readonly DemoPerson[],
  month: string,
  communeName: string,
  renamed: Readonly<Record<string, string>> = {},
): Uint8Array {
  const { rows, total } = demoListRows(people, month);
  const [year, mm] = month.split('-');
  const aoa: Row[] = [
    [`UBND ${communeName.toUpperCase()}`],
    [`DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HÀNG THÁNG - Tháng ${mm ?? ''} năm ${year ?? ''}`],
    headers.map((h) => renamed[h] ?? h),
    ...rows,
    [null, null, 'Tổng cộng', null, null, null, null, null, null, null, null, null, null, total, null],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!merges'] = ['A1:O1', 'A2:O2'].map((r) => XLSX.utils.decode_range(r));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, `Tháng ${mm ?? ''}`);
  return new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
}

/** The commune's active people with a line in the month before `month`, in code order. */
export async function demoPeople(db: Kysely<Database>, communeCode: string, month: string): Promise<DemoPerson[]> {
  const previous = addMonths(month, -1);
  const rows = await db
    .selectFrom('entities')
    .select(['entity', 'id', 'data'])
    .where('commune_code', '=', communeCode)
    .where('entity', 'in', ['beneficiary', 'payment-line'])
    .where('deleted', '=', 0)
    .execute();
  const paid = new Set<string>();
  const people = new Map<string, DemoPerson>();
  for (const r of rows) {
    const data: unknown = r.data ? JSON.parse(r.data) : null;
    if (!isRecord(data)) continue;
    if (r.entity === 'payment-line' && data['periodId'] === previous) paid.add(String(data['beneficiaryId']));
    if (r.entity === 'beneficiary' && data['status'] === 'active') people.set(r.id, data as unknown as DemoPerson);
  }
  return [...people]
    .filter(([id]) => paid.has(id))
    .map(([, p]) => p)
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.fullName.localeCompare(b.fullName, 'vi'));
}
