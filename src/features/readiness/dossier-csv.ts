/** The account-opening dossier list as CSV for a bank or wallet provider (Excel-friendly UTF-8). */
import type { BeneficiaryRow } from '../../storage/app-db';

/** The columns, in order; their header texts come in with the labels (`t.readiness.csvColumns`). */
export const dossierColumns = [
  'no',
  'code',
  'fullName',
  'birthDate',
  'gender',
  'idNumber',
  'phone',
  'village',
  'communeCode',
  'method',
  'provider',
  'holder',
  'accountStatus',
] as const;
export type DossierColumn = (typeof dossierColumns)[number];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/u.test(s)) s = `'${s}`;
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** The texts of the file, from the catalogue of the language the screen shows. */
export type DossierLabels = {
  headers: Record<DossierColumn, string>;
  method: (m: string) => string;
  gender: (g: string) => string;
  accountStatus: (s: string) => string;
};

export function dossierCsv(rows: readonly BeneficiaryRow[], labels: DossierLabels): string {
  const lines = [dossierColumns.map((c) => csvCell(labels.headers[c])).join(',')];
  rows.forEach((r, i) => {
    const d = r.paymentDetails ?? {};
    const holder = r.representative ? `${r.representative.fullName} (${r.representative.idNumber ?? ''})` : r.fullName;
    lines.push(
      [
        i + 1,
        r.code,
        r.fullName,
        r.birthDate,
        labels.gender(r.gender),
        r.idNumber,
        r.phone,
        r.village,
        r.communeCode,
        r.paymentMethod ? labels.method(r.paymentMethod) : '',
        d.bankName ?? d.provider ?? '',
        holder,
        labels.accountStatus(r.accountStatus),
      ]
        .map(csvCell)
        .join(','),
    );
  });
  // The BOM makes Excel read UTF-8 (Vietnamese names) instead of the system code page.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
