/**
 * The fast path at a communication day's table (issue 17): one screen per person — scan the card
 * for the ID number, check the phone, choose the method, record the representative's paper if
 * it was brought and the appointment for a new card — with what is still missing shown as it
 * changes. Saving records at most two ops (outreach-schema.ts), counts the person for the day
 * and opens the slip to print.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { compareCardWithPerson } from '../../domain/citizen-id-compare';
import { idCardRequestKinds } from '../../domain/id-card-request';
import { papersToBring } from '../../domain/outreach-day';
import { homeDeliveryReasons, paymentMethods } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
import { useServices } from '../../ui/services';
import { useMyCommunes } from '../../ui/use-my-communes';
import { SelectField, textFieldsOf } from './form-field';
import {
  methodPayload,
  outreachFormOf,
  outreachFormSchema,
  personAfter,
  readinessOf,
  updatePatch,
  type OutreachForm,
} from './outreach-schema';
import { PaperNeedList } from './outreach-needs';
import { ScanCard } from './scan-card';
import { usePerson } from './use-person';
import { useOutreachDay } from './use-outreach-day';

export function OutreachPersonPage() {
  const { id = '' } = useParams();
  const view = usePerson(id);
  const communes = useMyCommunes();
  if (view === undefined || communes === undefined) return null;
  if (view === null) return <p className="empty">{t.person.notFound}</p>;
  const communeName = communes.find((c) => c.code === view.person.communeCode)?.name ?? view.person.communeCode;
  // Keyed by person, not version: the first of the two ops saved must not start the form again.
  return <FastForm key={view.person.id} person={view.person} communeName={communeName} />;
}

function FastForm({ person, communeName }: { person: BeneficiaryRow; communeName: string }) {
  const { clock } = useServices();
  const navigate = useNavigate();
  const { isReady, record } = useRecordOp();
  const outreach = useOutreachDay(person.communeCode);
  const today = vietnamDate(clock.now());
  const [failure, setFailure] = useState<string | null>(null);
  const [otherCard, setOtherCard] = useState<string | null>(null);
  const schema = useMemo(() => outreachFormSchema(person, today), [person, today]);
  const initial = useMemo(
    () => outreachFormOf(person, today, t.outreach.placeDefault(communeName)),
    [person, today, communeName],
  );
  const form = useForm<OutreachForm>({ resolver: zodResolver(schema), defaultValues: initial });
  const values = { ...initial, ...useWatch({ control: form.control }) };
  const after = personAfter(person, values, today);
  const readiness = readinessOf(after, today);
  const needs = papersToBring(readiness);
  const showCard = person.idCardRequest != null || needs.some((n) => n.code === 'get-new-id-card');
  const errors = form.formState.errors;
  const text = textFieldsOf(form, 'od');
  const back = `/ngay-truyen-thong?xa=${person.communeCode}`;

  const submit = form.handleSubmit(async (data) => {
    const base = { baseVersion: person.version };
    const patch = updatePatch(person, data, today);
    if (patch) {
      const saved = await record('beneficiary.update', person.id, patch, base);
      if (!saved.ok) return setFailure(recordErrorMessage(saved.error));
    }
    const method = methodPayload(person, data);
    if (method) {
      const saved = await record('beneficiary.set-payment-method', person.id, method, base);
      if (!saved.ok) return setFailure(recordErrorMessage(saved.error));
    }
    setFailure(null);
    const status = readinessOf(personAfter(person, data, today), today).status;
    if (data.method !== '') await outreach.done(person.id, { method: data.method, readiness: status });
    await navigate(`/ngay-truyen-thong/phieu/${encodeURIComponent(person.id)}`, { state: { saved: true } });
  });

  return (
    <section className="outreach-person">
      <p>
        <Link to={back}>{t.outreach.back}</Link>
      </p>
      <h1>{t.outreach.formTitle(person.fullName)}</h1>
      <p className="muted">{t.outreach.person(person.code, formatBirthDate(person.birthDate), person.village)}</p>
      <div className="card">
        <ScanCard
          labels={{ open: t.outreach.scanCard, close: t.outreach.closeScan, done: t.outreach.cardRead }}
          onCard={(card) => {
            // Someone else's card (a spouse of the same age passes the number's own checks): not recorded.
            if (compareCardWithPerson(card, person).fullName.status === 'mismatch') {
              setOtherCard(card.fullName);
              return;
            }
            setOtherCard(null);
            const opts = { shouldDirty: true, shouldValidate: form.formState.isSubmitted };
            form.setValue('idNumber', card.idNumber, opts);
            if (card.oldIdNumber && !values.oldIdNumber) form.setValue('oldIdNumber', card.oldIdNumber, opts);
          }}
        />
        {otherCard !== null && (
          <p className="warning" role="alert">
            {t.outreach.cardOfOther(otherCard)}
          </p>
        )}
      </div>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {text('idNumber', t.outreach.idNumber, { input: { inputMode: 'numeric' } })}
          {text('oldIdNumber', t.person.oldIdNumber, { input: { inputMode: 'numeric' } })}
          {text('phone', t.outreach.phone, { input: { inputMode: 'tel', type: 'tel' } })}
        </div>
        <fieldset aria-describedby={errors.method ? 'od-method-error' : undefined}>
          <legend>{t.outreach.method}</legend>
          {paymentMethods.map((m) => (
            <label key={m} className="radio">
              <input type="radio" value={m} {...form.register('method')} />
              {t.methods[m]}
            </label>
          ))}
          {errors.method && (
            <p className="error" id="od-method-error">
              {errors.method.message}
            </p>
          )}
        </fieldset>
        {values.method === 'bank' && text('bankName', t.outreach.bankName, { input: { list: 'od-banks' } })}
        <datalist id="od-banks">
          {['Agribank', 'Vietcombank', 'BIDV', 'VietinBank', 'LPBank'].map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
        {values.method === 'mobile-money' && (
          <div className="form-grid">
            {text('provider', t.outreach.provider)}
            {text('walletPhone', t.outreach.walletPhone, { input: { inputMode: 'tel', type: 'tel' } })}
          </div>
        )}
        {values.method === 'home-delivery' && (
          <SelectField
            id="od-homeDeliveryReason"
            label={t.outreach.homeDeliveryReason}
            registration={form.register('homeDeliveryReason')}
            error={errors.homeDeliveryReason?.message}
          >
            <option value="">{t.enrol.choose}</option>
            {homeDeliveryReasons.map((r) => (
              <option key={r} value={r}>
                {t.homeDeliveryReasons[r]}
              </option>
            ))}
          </SelectField>
        )}
        <h2>{t.outreach.papers}</h2>
        {person.representative &&
          text('paperRef', t.outreach.representativePaper(t.person.paperKinds[person.representative.kind]))}
        {showCard && (
          <fieldset className="outreach-card-request">
            <legend>{t.outreach.cardRequest}</legend>
            <p className="muted">{t.outreach.cardRequestNeeded}</p>
            <SelectField id="od-cardKind" label={t.outreach.cardRequestKind} registration={form.register('cardKind')}>
              <option value="">{t.enrol.choose}</option>
              {idCardRequestKinds.map((k) => (
                <option key={k} value={k}>
                  {t.outreach.kinds[k]}
                </option>
              ))}
            </SelectField>
            {text('appointmentOn', t.outreach.appointmentOn, { input: { type: 'date', min: today } })}
            {text('place', t.outreach.place)}
          </fieldset>
        )}
        <div data-testid="outreach-needs" aria-live="polite">
          {needs.length === 0 ? (
            <p>{t.outreach.papersComplete}</p>
          ) : (
            <>
              <p>{t.outreach.papersMissing}</p>
              <PaperNeedList needs={needs} />
            </>
          )}
        </div>
        <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
          {t.outreach.save}
        </button>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
      </form>
    </section>
  );
}
