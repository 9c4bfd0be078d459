/** New beneficiary (issue 5): typed or filled from a scanned card, kept as a draft, saved offline. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { categoryCodes, disabilitySeverities, genders } from '../../domain/vocabulary';
import { vietnamDate, vietnamMonth } from '../../lib/clock';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { recordErrorMessage } from '../../ui/record-error';
import { useCan } from '../../ui/use-can';
import { useRecordOp } from '../../ui/use-record-op';
import { useServices } from '../../ui/services';
import { useDraft } from '../../ui/use-draft';
import { useSession } from '../../ui/use-session';
import {
  emptyEnrolmentForm,
  enrolmentFormSchema,
  enrolmentWarnings,
  fillFromCard,
  toCreatePayload,
  type EnrolmentForm,
} from './enrolment-schema';
import { SelectField, textFieldsOf } from './form-field';
import { ScanCard } from './scan-card';
import { useFormDraft, type Draft } from './use-form-draft';
import { useMyCommunes, type CommuneChoice } from '../../ui/use-my-communes';

export const ENROLMENT_DRAFT = 'enrolment';

export function EnrolmentPage() {
  const session = useSession();
  const can = useCan();
  const draft = useDraft<EnrolmentForm>(ENROLMENT_DRAFT);
  const communes = useMyCommunes();
  if (session === undefined || draft.loaded === undefined || communes === undefined) return null;
  if (!can('beneficiary.create')) {
    return <p className="empty">{t.enrol.notAllowed}</p>;
  }
  const only = communes.length === 1 ? communes[0]?.code : undefined;
  const initial = draft.loaded ?? { ...emptyEnrolmentForm, communeCode: only ?? '' };
  return <EnrolmentFormView initial={initial} draft={draft} communes={communes} />;
}

function EnrolmentFormView({
  initial,
  draft,
  communes,
}: {
  initial: EnrolmentForm;
  draft: Draft<EnrolmentForm>;
  communes: CommuneChoice[];
}) {
  const { clock, makeId } = useServices();
  const navigate = useNavigate();
  const { isReady, record } = useRecordOp();
  const [failure, setFailure] = useState<string | null>(null);
  const today = vietnamDate(clock.now());
  const schema = useMemo(() => enrolmentFormSchema(today), [today]);
  const form = useForm<EnrolmentForm>({ resolver: zodResolver(schema), defaultValues: initial });
  useFormDraft(form, draft, emptyEnrolmentForm);
  const values = { ...emptyEnrolmentForm, ...useWatch({ control: form.control }) };
  const warnings = enrolmentWarnings(values, today);
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (data) => {
    const id = makeId();
    const provinceCode = communes.find((c) => c.code === data.communeCode)?.provinceCode ?? undefined;
    const payload = toCreatePayload(data, vietnamMonth(clock.now()), provinceCode);
    const saved = await record('beneficiary.create', id, payload);
    setFailure(saved.ok ? null : recordErrorMessage(saved.error));
    if (!saved.ok) return;
    // Not dirty first, so no render after this schedules the draft again.
    form.reset(data);
    await draft.clear();
    await navigate(`/nguoi/${encodeURIComponent(id)}`, { state: { saved: true } });
  });

  const text = textFieldsOf(form, 'en');

  return (
    <section className="enrolment">
      <h1>{t.enrol.title}</h1>
      <GuideLink guide="enrol" />
      <div className="card">
        <ScanCard
          onCard={(card) => {
            for (const [key, value] of Object.entries(fillFromCard(card))) {
              form.setValue(key as keyof EnrolmentForm, value, {
                shouldDirty: true,
                shouldValidate: form.formState.isSubmitted,
              });
            }
          }}
        />
        <p className="muted">{t.enrol.draftKept}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="form-grid">
            <SelectField
              id="en-communeCode"
              label={t.enrol.commune}
              registration={form.register('communeCode')}
              error={errors.communeCode?.message}
            >
              {communes.length !== 1 && <option value="">{t.enrol.choose}</option>}
              {communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            {text('fullName', t.enrol.fullName, { input: { autoCapitalize: 'words' } })}
            {text('birthDate', t.person.birthDate, { hint: t.enrol.birthDateHint, input: { inputMode: 'numeric' } })}
            <SelectField
              id="en-gender"
              label={t.person.gender}
              registration={form.register('gender')}
              error={errors.gender?.message}
            >
              <option value="">{t.enrol.choose}</option>
              {genders.map((g) => (
                <option key={g} value={g}>
                  {t.genders[g]}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="en-category"
              label={t.person.category}
              registration={form.register('category')}
              error={errors.category?.message}
              warnings={warnings.category}
            >
              <option value="">{t.enrol.choose}</option>
              {categoryCodes.map((c) => (
                <option key={c} value={c} title={t.categoryNames[c]}>
                  {t.categories[c]}
                </option>
              ))}
            </SelectField>
            {values.category === 'k6' && (
              <SelectField
                id="en-disabilitySeverity"
                label={t.enrol.disabilitySeverity}
                registration={form.register('disabilitySeverity')}
                error={errors.disabilitySeverity?.message}
              >
                <option value="">{t.enrol.choose}</option>
                {disabilitySeverities.map((s) => (
                  <option key={s} value={s}>
                    {t.enrol.severities[s]}
                  </option>
                ))}
              </SelectField>
            )}
            {values.category === 'k4' &&
              text('childrenCount', t.enrol.childrenCount, { input: { inputMode: 'numeric' } })}
            {text('village', t.enrol.village)}
            {text('address', t.person.address)}
            {text('idNumber', t.person.idNumber, { warnings: warnings.idNumber, input: { inputMode: 'numeric' } })}
            {text('oldIdNumber', t.person.oldIdNumber, {
              warnings: warnings.oldIdNumber,
              input: { inputMode: 'numeric' },
            })}
            {text('phone', t.person.phone, { warnings: warnings.phone, input: { inputMode: 'tel', type: 'tel' } })}
          </div>
          <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t.enrol.saving : t.enrol.save}
          </button>
          {failure && (
            <p className="error" role="alert">
              {failure}
            </p>
          )}
          <button
            type="button"
            className="wide"
            onClick={() => {
              form.reset({
                ...emptyEnrolmentForm,
                communeCode: communes.length === 1 ? (communes[0]?.code ?? '') : '',
              });
              void draft.clear();
            }}
          >
            {t.enrol.clearDraft}
          </button>
        </form>
      </div>
    </section>
  );
}
