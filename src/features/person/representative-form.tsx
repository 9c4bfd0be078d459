/** Guardian or authorised person on a person's page: set (the whole field) or remove it. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { representativeKinds } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
import { useServices } from '../../ui/services';
import { useDraft } from '../../ui/use-draft';
import { textFieldsOf } from './form-field';
import {
  emptyRepresentativeForm,
  representativeFormSchema,
  representativeFromRow,
  representativeWarnings,
  toRepresentative,
  type RepresentativeForm,
} from './representative-schema';
import { useFormDraft, type Draft } from './use-form-draft';

export function RepresentativeFormView({ person }: { person: BeneficiaryRow }) {
  const draft = useDraft<RepresentativeForm>(`representative:${person.id}`);
  if (draft.loaded === undefined) return null;
  return <Form person={person} initial={draft.loaded ?? representativeFromRow(person.representative)} draft={draft} />;
}

function Form({
  person,
  initial,
  draft,
}: {
  person: BeneficiaryRow;
  initial: RepresentativeForm;
  draft: Draft<RepresentativeForm>;
}) {
  const { clock } = useServices();
  const { isReady, record } = useRecordOp();
  const [notice, setNotice] = useState<'saved' | 'removed' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<RepresentativeForm>({ resolver: zodResolver(representativeFormSchema), defaultValues: initial });
  useFormDraft(form, draft, emptyRepresentativeForm);
  const values = { ...emptyRepresentativeForm, ...useWatch({ control: form.control }) };
  const today = vietnamDate(clock.now());
  const warnings = representativeWarnings(values, today);
  const errors = form.formState.errors;

  async function send(representative: ReturnType<typeof toRepresentative> | null, next: RepresentativeForm) {
    const saved = await record('beneficiary.update', person.id, { representative }, { baseVersion: person.version });
    setFailure(saved.ok ? null : recordErrorMessage(saved.error));
    if (!saved.ok) return;
    form.reset(next);
    await draft.clear();
    setNotice(representative ? 'saved' : 'removed');
  }

  const submit = form.handleSubmit((data) => send(toRepresentative(data), data));

  async function remove() {
    setBusy(true);
    try {
      await send(null, emptyRepresentativeForm);
    } finally {
      setBusy(false);
    }
  }

  const text = textFieldsOf(form, 'rep', { warnings, onChange: () => setNotice(null) });

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t.enrol.repTitle}</h2>
      <fieldset
        aria-invalid={errors.kind ? true : undefined}
        aria-describedby={errors.kind ? 'rep-kind-error' : undefined}
      >
        <legend>{t.enrol.repKind}</legend>
        {representativeKinds.map((k) => (
          <label key={k} className="radio">
            <input type="radio" value={k} {...form.register('kind', { onChange: () => setNotice(null) })} />
            {t.representativeKinds[k]}
          </label>
        ))}
        {errors.kind && (
          <p className="error" id="rep-kind-error">
            {errors.kind.message}
          </p>
        )}
      </fieldset>
      <div className="form-grid">
        {text('fullName', t.enrol.repFullName)}
        {text('relationship', t.enrol.repRelationship, { hint: t.enrol.repRelationshipHint })}
        {text('idNumber', t.enrol.repIdNumber, { input: { inputMode: 'numeric' } })}
        {text('phone', t.enrol.repPhone, { input: { inputMode: 'tel', type: 'tel' } })}
        {text('paperRef', t.enrol.repPaperRef, { hint: t.enrol.repPaperRefHint })}
        {text('validUntil', t.enrol.repValidUntil, { input: { type: 'date' } })}
      </div>
      <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting || busy}>
        {form.formState.isSubmitting ? t.enrol.saving : t.enrol.saveRep}
      </button>
      {person.representative && (
        <button
          type="button"
          className="danger wide"
          disabled={!isReady || form.formState.isSubmitting || busy}
          onClick={() => void remove()}
        >
          {t.enrol.removeRep}
        </button>
      )}
      {notice === 'saved' && <p role="status">{t.enrol.saved}</p>}
      {notice === 'removed' && <p role="status">{t.enrol.repRemoved}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
