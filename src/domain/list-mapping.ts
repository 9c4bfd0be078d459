/**
 * How a list's columns were read, as the mapping screen shows them (issue 11): each column's
 * letter, header text, the field it was taken for (or none: kept, unmapped) and a few sample
 * values; and the check of a mapping a user fixed (each field in one column, each column for one
 * field, letters that exist).
 */
import type { ListCell } from './list-cells';
import { columnLetter, listFields, type ColumnMapping, type ListField } from './list-columns';
import type { SavedMapping } from './list-import';

export type ColumnView = {
  letter: string;
  header: string;
  field: ListField | null;
  /** Up to three non-empty values below the header, as the sheet shows them. */
  samples: string[];
};

const SAMPLES = 3;

export function describeColumns(rows: readonly (readonly ListCell[])[], mapping: ColumnMapping): ColumnView[] {
  const fieldAt = new Map(Object.entries(mapping.fields).map(([field, column]) => [column, field as ListField]));
  return mapping.headers.map((header, column) => {
    const samples: string[] = [];
    for (let r = mapping.headerRow + 1; r < rows.length && samples.length < SAMPLES; r++) {
      const text = rows[r]?.[column]?.text.trim() ?? '';
      if (text !== '') samples.push(text);
    }
    return { letter: columnLetter(column), header: header.trim(), field: fieldAt.get(column) ?? null, samples };
  });
}

export type MappingProblem =
  | { code: 'unknown-field'; field: string }
  | { code: 'bad-letter'; field: ListField; letter: string }
  | { code: 'column-twice'; letter: string; fields: ListField[] };

const isListField = (f: string): f is ListField => (listFields as readonly string[]).includes(f);

/** A user's mapping as the server keeps it, or what is wrong with it. */
export function checkMapping(
  fields: Readonly<Record<string, string>>,
): { ok: true; value: SavedMapping } | { ok: false; error: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const mapping: SavedMapping = {};
  const byLetter = new Map<string, ListField[]>();
  for (const [field, raw] of Object.entries(fields)) {
    if (!isListField(field)) {
      problems.push({ code: 'unknown-field', field });
      continue;
    }
    const letter = raw.trim().toUpperCase();
    if (!/^[A-Z]{1,3}$/u.test(letter)) {
      problems.push({ code: 'bad-letter', field, letter: raw });
      continue;
    }
    mapping[field] = letter;
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), field]);
  }
  for (const [letter, taken] of byLetter)
    if (taken.length > 1) problems.push({ code: 'column-twice', letter, fields: taken });
  return problems.length > 0 ? { ok: false, error: problems } : { ok: true, value: mapping };
}
