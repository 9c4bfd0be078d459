/**
 * A batch's file as the provider's template says (issue 12, domain/batch-template.ts): `.xlsx`, or
 * `.csv` with the template's separator and encoding. Amounts are whole đồng numbers; account
 * numbers and references are text, so a spreadsheet never shows them as numbers (leading zeros
 * kept, no exponent).
 */
import * as XLSX from '@e965/xlsx';
import { batchRows, type BatchLine, type BatchTemplate } from '../../domain/batch-template';
import { encodeCp1258 } from './encode-1258';

export function batchFile(template: BatchTemplate, lines: readonly BatchLine[], month: string): Uint8Array {
  const rows = batchRows(template, lines, month);
  if (template.fileType === 'xlsx') {
    // Every cell but the amount and the sequence is text (`t: 's'`).
    const numeric = new Set(
      template.columns.flatMap((c, i) => (c.field === 'amount' || c.field === 'sequence' ? [i] : [])),
    );
    const sheet = XLSX.utils.aoa_to_sheet(
      rows.map((row, r) => row.map((cell, i) => (r > 0 && numeric.has(i) ? cell : { t: 's', v: String(cell) }))),
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Chi tra');
    return new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  }
  const text = rows.map((row) => row.map((cell) => csvCell(String(cell), template.separator)).join(template.separator));
  const body = `${text.join('\r\n')}\r\n`;
  if (template.encoding === 'windows-1258') return encodeCp1258(body);
  const utf8 = new TextEncoder().encode(body.normalize('NFC'));
  if (template.encoding === 'utf-8') return utf8;
  const withBom = new Uint8Array(utf8.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(utf8, 3);
  return withBom;
}

/** Quoted when it holds the separator, a quote or a line break. */
function csvCell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function batchFileName(reference: string, template: BatchTemplate): string {
  return `${reference}.${template.fileType}`;
}
