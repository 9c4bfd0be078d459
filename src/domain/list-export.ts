/**
 * An approved list written back in the columns it came in (issue 11): each column the mapping
 * names gets the field's value as a commune's list writes it (dates `dd/mm/yyyy`, the group as
 * "Khoản 5 điểm b", amounts as numbers), a column it kept unmapped gets its kept text, and the
 * row-number column is renumbered. Reading the result again gives the same people (tested).
 */
import { listFields, type ListField } from './list-columns';
import type { SavedMapping } from './list-import';
import type { ListRow } from './list-rows';
import { foldVietnamese } from './vietnamese-text';
import type { CategoryCode, DisabilitySeverity, PaymentMethod } from './vocabulary';

export type ExportCell = string | number | null;

/** "Khoản 5 điểm b" for `k5b`. */
export function groupText(code: CategoryCode): string {
  const m = /^k(\d)([a-d])?$/u.exec(code);
  return m ? `Khoản ${m[1] ?? ''}${m[2] ? ` điểm ${m[2]}` : ''}` : code;
}

export function severityText(severity: DisabilitySeverity | null | undefined): string | null {
  return severity === 'severe' ? 'Nặng' : severity === 'extremely-severe' ? 'Đặc biệt nặng' : null;
}

const methodText: Record<PaymentMethod, string> = {
  bank: 'Chuyển khoản',
  'mobile-money': 'Ví điện tử',
  'cash-point': 'Tiền mặt tại điểm chi trả',
  'home-delivery': 'Chi trả tại nhà',
};

/** `YYYY-MM-DD` → `dd/mm/yyyy`; a bare year stays. */
export function birthText(date: string): string {
  return date.length === 10 ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
}

function valueOf(row: ListRow, field: ListField): ExportCell {
  switch (field) {
    case 'birthDate':
      return birthText(row.birthDate);
    case 'gender':
      return row.gender === null ? null : row.gender === 'female' ? 'Nữ' : 'Nam';
    case 'category':
      return row.category === null ? null : groupText(row.category);
    case 'disabilitySeverity':
      return severityText(row.disabilitySeverity);
    case 'coefficient':
      return row.coefficientTenths === null ? null : row.coefficientTenths / 10;
    case 'paymentMethod':
      return row.paymentMethod === null ? null : methodText[row.paymentMethod];
    case 'startMonth':
      return row.startMonth === null ? null : `${row.startMonth.slice(5, 7)}/${row.startMonth.slice(0, 4)}`;
    case 'monthlyAmount':
    case 'arrearsMonths':
    case 'arrearsAmount':
    case 'recoveryAmount':
    case 'total':
    case 'childrenCount':
    case 'code':
    case 'fullName':
    case 'idNumber':
    case 'oldIdNumber':
    case 'village':
    case 'address':
    case 'bankName':
    case 'accountNumber':
    case 'phone':
    case 'decisionNo':
    case 'note':
      return row[field];
  }
}

/** Headers of the row-number column. */
const rowNumberHeaders = new Set(['stt', 'so tt', 'tt']);

const letterIndex = (letter: string): number =>
  [...letter.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** The header row and one row per person, in the list's own columns. */
export function exportRows(headers: readonly string[], fields: SavedMapping, rows: readonly ListRow[]): ExportCell[][] {
  const fieldAt = new Map<number, ListField>();
  for (const field of listFields) {
    const letter = fields[field];
    if (letter !== undefined) fieldAt.set(letterIndex(letter), field);
  }
  return [
    [...headers],
    ...rows.map((row, i) =>
      headers.map((header, c) => {
        const field = fieldAt.get(c);
        if (field) return valueOf(row, field);
        if (rowNumberHeaders.has(foldVietnamese(header).trim())) return i + 1;
        return row.extra[header] ?? null;
      }),
    ),
  ];
}
