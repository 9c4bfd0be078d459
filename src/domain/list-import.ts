/**
 * From a sheet's cells to the people of a monthly list (issue 11): text typed with a legacy
 * Vietnamese font is converted per column, the header row and its columns are found (or taken
 * from the mapping a user fixed for this source), and every row is read and checked
 * (list-rows.ts). Pure: the server reads the file, stores and answers.
 */
import { detectLegacyEncoding, toUnicode, type LegacyEncoding } from './legacy-vietnamese';
import type { ListCell } from './list-cells';
import { columnLetter, findColumns, listFields, type ColumnMapping, type ListField } from './list-columns';
import { describeColumns, type ColumnView } from './list-mapping';
import { readListRows, type Finding, type ListContext, type ListRow } from './list-rows';
import { foldVietnamese } from './vietnamese-text';

/** A mapping a user fixed: field → column letter (A, B, …). */
export type SavedMapping = Partial<Record<ListField, string>>;

export type PreparedList = {
  mapping: ColumnMapping;
  /** The encoding each column's text was found in (converted to Unicode NFC when legacy). */
  encodings: LegacyEncoding[];
  rows: ListRow[];
  findings: Finding[];
  /** Each column as read: letter, header, field, samples (what the mapping screen shows). */
  columns: ColumnView[];
};

export type PrepareError = 'no-header-row';

/** Converts each column's text from the legacy font it was typed with, when it was. */
export function decodeLegacyColumns(rows: readonly (readonly ListCell[])[]): {
  rows: ListCell[][];
  encodings: LegacyEncoding[];
} {
  // A loop, not Math.max(...rows): spreading 150,000 rows as arguments overflows the stack.
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const encodings = Array.from({ length: width }, (_, c) =>
    detectLegacyEncoding(
      rows
        .map((r) => r[c])
        .filter((cell) => cell?.kind === 'string')
        .map((cell) => cell?.text ?? ''),
    ),
  );
  const converted = rows.map((r) =>
    r.map((cell, c) => {
      const encoding = encodings[c] ?? 'unicode';
      if (encoding === 'unicode' || cell.kind !== 'string') return cell;
      const text = toUnicode(cell.text, encoding);
      return { ...cell, text, value: text };
    }),
  );
  return { rows: converted, encodings };
}

const letterIndex = (letter: string): number =>
  [...letter.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * The key a source's saved mapping is kept under: the folded header texts, so the same export
 * layout finds its mapping again whatever the file is called.
 */
export function sourceKeyOf(mapping: ColumnMapping): string {
  return mapping.headers.map((h) => foldVietnamese(h)).join('|');
}

/** A mapping found in the sheet, with the fields a user fixed for this source put where they said. */
function withSaved(found: ColumnMapping, saved: SavedMapping | undefined): ColumnMapping {
  if (!saved) return found;
  const fields = { ...found.fields };
  for (const field of listFields) {
    const letter = saved[field];
    if (letter === undefined) continue;
    // A column taken by the user for this field is no longer the column of another field.
    for (const other of listFields) if (fields[other] === letterIndex(letter)) delete fields[other];
    fields[field] = letterIndex(letter);
  }
  return { ...found, fields };
}

/** The fields a mapping gives as column letters (what a user sees and fixes). */
export function mappingLetters(mapping: ColumnMapping): SavedMapping {
  return Object.fromEntries(Object.entries(mapping.fields).map(([field, column]) => [field, columnLetter(column)]));
}

/**
 * Reads a list from a sheet's cells. `savedFor` gives the mapping a user fixed for a source key,
 * if any. A sheet without a header row naming the person is not a list.
 */
export function prepareList(
  sheet: readonly (readonly ListCell[])[],
  context: ListContext,
  savedFor: (sourceKey: string) => SavedMapping | undefined = () => undefined,
): { ok: true; value: PreparedList & { sourceKey: string } } | { ok: false; error: PrepareError } {
  const { rows, encodings } = decodeLegacyColumns(sheet);
  const found = findColumns(rows.map((r) => r.map((c) => c.text)));
  if (!found) return { ok: false, error: 'no-header-row' };
  const sourceKey = sourceKeyOf(found);
  const mapping = withSaved(found, savedFor(sourceKey));
  const read = readListRows(rows, mapping, context);
  const columns = describeColumns(rows, mapping);
  return { ok: true, value: { mapping, encodings, rows: read.rows, findings: read.findings, sourceKey, columns } };
}
