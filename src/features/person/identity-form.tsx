/** "Update ID papers and contact" on a person's page: only changed fields go out, as a field patch. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
import { useServices } from '../../ui/services';
import { useDraft } from '../../ui/use-draft';
import { textFieldsOf } from './form-field';
import {
  identityFormSchema,
  identityFromCard,
  identityFromRow,
  identityWarnings,
  toIdentityPatch,
  type IdentityForm,
} from './identity-schema';
import { ScanCard } from './scan-card';
import { useFormDraft, type Draft } from './use-form-draft';

export function IdentityFormView({ person }: { person: BeneficiaryRow }) {
  const draft = useDraft<IdentityForm>(`identity:${person.id}`);
  if (draft.loaded === undefined) return null;
  return <Form person={person} initial={draft.loaded ?? identityFromRow(person)} draft={draft} />;
}

function Form({
  person,
  initial,
  draft,
}: {
  person: BeneficiaryRow;
  initial: IdentityForm;
  draft: Draft<IdentityForm>;
}) {
  const { clock } = useServices();
  const { isReady, record } = useRecordOp();
  const [notice, setNotice] = useState<'saved' | 'unchanged' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const context = useMemo(
    () => ({ birthDate: person.birthDate, gender: person.gender, today: vietnamDate(clock.now()) }),
    [person.birthDate, person.gender, clock],
  );
  const schema = useMemo(() => identityFormSchema(context), [context]);
  const form = useForm<IdentityForm>({ resolver: zodResolver(schema), defaultValues: initial });
  const empty = useMemo(() => identityFromRow(person), [person]);
  useFormDraft(form, draft, empty);
  const values = { ...empty, ...useWatch({ control: form.control }) };
  const warnings = identityWarnings(values, context);

  const submit = form.handleSubmit(async (data) => {
    const patch = toIdentityPatch(data, person);
    if (Object.keys(patch).length === 0) {
      setNotice('unchanged');
      return;
    }
    const saved = await record('beneficiary.update', person.id, patch, { baseVersion: person.version });
    setFailure(saved.ok ? null : recordErrorMessage(saved.error));
    if (!saved.ok) return;
    form.reset(identityFromRow({ ...person, ...patch }));
    await draft.clear();
    setNotice('saved');
  });

  const text = textFieldsOf(form, 'idf', { warnings, onChange: () => setNotice(null) });

  return (
    <div className="card">
      <h2>{t.enrol.identityTitle}</h2>
      <ScanCard
        onCard={(card) => {
          setNotice(null);
          for (const [key, value] of Object.entries(identityFromCard(card))) {
            form.setValue(key as keyof IdentityForm, value, { shouldDirty: true, shouldValidate: true });
          }
        }}
      />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {text('idNumber', t.person.idNumber, { input: { inputMode: 'numeric' } })}
          {text('oldIdNumber', t.person.oldIdNumber, { input: { inputMode: 'numeric' } })}
          {text('phone', t.person.phone, { input: { inputMode: 'tel', type: 'tel' } })}
          {text('village', t.enrol.village)}
          {text('address', t.person.address)}
        </div>
        <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t.enrol.saving : t.enrol.saveIdentity}
        </button>
        {notice === 'saved' && <p role="status">{t.enrol.saved}</p>}
        {notice === 'unchanged' && <p role="status">{t.enrol.nothingChanged}</p>}
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
      </form>
    </div>
  );
}
