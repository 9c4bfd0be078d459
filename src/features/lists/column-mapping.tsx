/**
 * How the file's columns were read (docs/protocol.md "Lists"): each column's letter, header and
 * sample values with the field it holds. The user fixes a column; the mapping is saved for the
 * commune's files of this layout and the file is read again.
 */
import { useState } from 'react';
import { listFields, type ListField } from '../../domain/list-columns';
import { checkMapping } from '../../domain/list-mapping';
import type { ListReading } from '../../protocol/lists';
import { errorMessage, t } from '../../ui/messages';

export function ColumnMapping(props: {
  reading: ListReading;
  /** Open from the start (a column the import needs was not found). */
  open: boolean;
  busy: boolean;
  onSave: (fields: Record<string, string>) => Promise<void>;
}) {
  const { reading } = props;
  const [open, setOpen] = useState(props.open);
  const [chosen, setChosen] = useState<ReadonlyMap<string, ListField | null>>(
    () => new Map(reading.columns.map((c) => [c.letter, c.field])),
  );
  const [failure, setFailure] = useState<string | null>(null);

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t.lists.mappingShow}
      </button>
    );

  const fields: Record<string, string> = {};
  for (const [letter, field] of chosen) if (field) fields[field] = letter;
  // One column per field: choosing a field for a column frees the column that held it.
  const choose = (letter: string, field: ListField | null) =>
    setChosen((prev) => {
      const next = new Map(prev);
      if (field) for (const [l, f] of next) if (f === field) next.set(l, null);
      next.set(letter, field);
      return next;
    });

  async function save() {
    setFailure(null);
    const checked = checkMapping(fields);
    if (!checked.ok) {
      setFailure(errorMessage('invalid-mapping'));
      return;
    }
    try {
      await props.onSave(fields);
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    }
  }

  return (
    <div className="card" data-testid="column-mapping">
      <h3>{t.lists.mappingTitle}</h3>
      <p className="muted">{t.lists.mappingIntro(reading.headerRow)}</p>
      <table>
        <thead>
          <tr>
            <th>{t.lists.mappingCols.letter}</th>
            <th>{t.lists.mappingCols.header}</th>
            <th>{t.lists.mappingCols.samples}</th>
            <th>{t.lists.mappingCols.field}</th>
          </tr>
        </thead>
        <tbody>
          {reading.columns.map((c) => (
            <tr key={c.letter}>
              <td>{c.letter}</td>
              <td>{c.header}</td>
              <td className="muted">{c.samples.join(' · ')}</td>
              <td>
                <select
                  aria-label={`${t.lists.mappingCols.field}: ${t.lists.mappingCols.letter} ${c.letter}`}
                  value={chosen.get(c.letter) ?? ''}
                  disabled={props.busy}
                  onChange={(e) => choose(c.letter, e.target.value === '' ? null : (e.target.value as ListField))}
                >
                  <option value="">{t.lists.unused}</option>
                  {listFields.map((f) => (
                    <option key={f} value={f}>
                      {t.lists.fields[f]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <button type="button" className="primary" disabled={props.busy} onClick={() => void save()}>
        {t.lists.mappingSave}
      </button>
    </div>
  );
}
