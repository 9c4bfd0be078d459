/**
 * One provider as an admin defines it: code, name, kind, the names officers record for it, and
 * its batch file template — file type and CSV details, columns in order (header and field), the
 * transfer text, a totals row, and what its account numbers look like. The server checks the
 * template can make a file (`invalid-provider`).
 */
import { useState } from 'react';
import { batchFields, type BatchField } from '../../domain/batch-template';
import { exampleTemplates } from '../../domain/batch-templates.examples';
import { providerKinds, type Provider, type ProviderInput } from '../../protocol/batches';
import { t } from '../../ui/messages';

type Template = ProviderInput['template'];

/** A new provider starts from the example bank's template (an example, to be made the provider's own). */
export const blankProvider: ProviderInput = {
  code: '',
  name: '',
  kind: 'bank',
  aliases: [],
  disabled: false,
  template: exampleTemplates.find((e) => e.method === 'bank')?.template ?? {
    fileType: 'xlsx',
    encoding: 'utf-8',
    separator: ',',
    columns: [],
    content: '',
    totalsRow: true,
    account: { kind: 'digits', minLength: 8, maxLength: 19 },
  },
};

export const inputOf = (p: Provider): ProviderInput => ({
  code: p.code,
  name: p.name,
  kind: p.kind,
  aliases: p.aliases,
  disabled: p.disabled,
  template: p.template,
});

export function ProviderForm({
  initial,
  busy,
  onSave,
}: {
  initial: ProviderInput;
  busy: boolean;
  onSave: (provider: ProviderInput) => void;
}) {
  const [p, setP] = useState<ProviderInput>(initial);
  const [aliases, setAliases] = useState(initial.aliases.join(', '));
  const template = p.template;
  const setTemplate = (patch: Partial<Template>) => setP({ ...p, template: { ...template, ...patch } });
  const setColumn = (i: number, patch: Partial<Template['columns'][number]>) =>
    setTemplate({ columns: template.columns.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const moveUp = (i: number) => {
    const columns = [...template.columns];
    const [moved] = columns.splice(i, 1);
    if (moved) columns.splice(i - 1, 0, moved);
    setTemplate({ columns });
  };
  const f = t.payout.fields;
  return (
    <form
      className="card provider-form"
      onSubmit={(e) => {
        e.preventDefault();
        const names = aliases
          .split(',')
          .map((a) => a.trim())
          .filter((a) => a !== '');
        onSave({ ...p, code: p.code.trim().toUpperCase(), aliases: names });
      }}
    >
      <label>
        {f.code}
        <input
          value={p.code}
          required
          pattern="[A-Za-z0-9]{2,10}"
          onChange={(e) => setP({ ...p, code: e.target.value })}
        />
      </label>
      <label>
        {f.name}
        <input value={p.name} required onChange={(e) => setP({ ...p, name: e.target.value })} />
      </label>
      <label>
        {f.kind}
        <select value={p.kind} onChange={(e) => setP({ ...p, kind: e.target.value as ProviderInput['kind'] })}>
          {providerKinds.map((k) => (
            <option key={k} value={k}>
              {t.payout.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {f.aliases}
        <input value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <label>
        {f.fileType}
        <select
          value={template.fileType}
          onChange={(e) => setTemplate({ fileType: e.target.value as Template['fileType'] })}
        >
          <option value="xlsx">.xlsx</option>
          <option value="csv">.csv</option>
        </select>
      </label>
      {template.fileType === 'csv' && (
        <>
          <label>
            {f.encoding}
            <select
              value={template.encoding}
              onChange={(e) => setTemplate({ encoding: e.target.value as Template['encoding'] })}
            >
              <option value="utf-8">UTF-8</option>
              <option value="utf-8-bom">UTF-8 (BOM)</option>
              <option value="windows-1258">Windows-1258</option>
            </select>
          </label>
          <label>
            {f.separator}
            <select
              value={template.separator}
              onChange={(e) => setTemplate({ separator: e.target.value as Template['separator'] })}
            >
              {([',', ';', '\t'] as const).map((s) => (
                <option key={s} value={s}>
                  {t.payout.separators[s]}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <fieldset>
        <legend>{f.columns}</legend>
        <ol>
          {template.columns.map((c, i) => (
            <li key={i}>
              <label>
                {f.header}
                <input value={c.header} required onChange={(e) => setColumn(i, { header: e.target.value })} />
              </label>
              <label>
                {f.field}
                <select value={c.field} onChange={(e) => setColumn(i, { field: e.target.value as BatchField })}>
                  {batchFields.map((b) => (
                    <option key={b} value={b}>
                      {t.payout.batchFields[b]}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={i === 0} onClick={() => moveUp(i)}>
                {t.payout.moveUp}
              </button>
              <button
                type="button"
                onClick={() => setTemplate({ columns: template.columns.filter((_, j) => j !== i) })}
              >
                {t.payout.removeColumn}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => setTemplate({ columns: [...template.columns, { header: '', field: 'idNumber' }] })}
        >
          {t.payout.addColumn}
        </button>
      </fieldset>
      <label>
        {f.content}
        <input value={template.content} onChange={(e) => setTemplate({ content: e.target.value })} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={template.totalsRow}
          onChange={(e) => setTemplate({ totalsRow: e.target.checked })}
        />
        {f.totalsRow}
      </label>
      <label>
        {f.accountKind}
        <select
          value={template.account.kind}
          onChange={(e) =>
            setTemplate({ account: { ...template.account, kind: e.target.value as Template['account']['kind'] } })
          }
        >
          <option value="digits">{t.payout.accountKinds.digits}</option>
          <option value="mobile">{t.payout.accountKinds.mobile}</option>
        </select>
      </label>
      <label>
        {f.minLength}
        <input
          type="number"
          min={1}
          value={template.account.minLength}
          onChange={(e) => setTemplate({ account: { ...template.account, minLength: Number(e.target.value) } })}
        />
      </label>
      <label>
        {f.maxLength}
        <input
          type="number"
          min={1}
          value={template.account.maxLength}
          onChange={(e) => setTemplate({ account: { ...template.account, maxLength: Number(e.target.value) } })}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={p.disabled} onChange={(e) => setP({ ...p, disabled: e.target.checked })} />
        {f.disabled}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t.payout.save}
      </button>
    </form>
  );
}
