/**
 * A supervisor's status decision on a person's page (`beneficiary.set-status`): suspend,
 * terminate, record a death or resume, from a month, with a reason that fits the status. The
 * reasons offered follow the domain's `statusReasons`, so the form cannot send a pair the
 * reducer would refuse.
 */
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { statusReasons, type StatusChangeReason } from '../../domain/beneficiary-ops';
import { addMonths } from '../../domain/calendar';
import { beneficiaryStatuses, type BeneficiaryStatus } from '../../domain/vocabulary';
import { vietnamMonth } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useServices } from '../../ui/services';
import { useRecordOp } from '../../ui/use-record-op';
import { SelectField, textFieldsOf } from './form-field';

type StatusForm = { status: BeneficiaryStatus; reason: StatusChangeReason; effectiveMonth: string; note: string };

/** The stored status decision, shown on the person's page (absent until a supervisor records one). */
export function statusLine(person: BeneficiaryRow): string {
  const reason = person['statusReason'] as StatusChangeReason | undefined;
  const month = person['statusEffectiveMonth'];
  return t.statusChange.current(
    t.statuses[person.status],
    reason ? t.statusChange.reasons[reason] : null,
    typeof month === 'string' ? month : null,
  );
}

export function StatusFormView({ person }: { person: BeneficiaryRow }) {
  const { clock } = useServices();
  const { isReady, record } = useRecordOp();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A decision usually takes effect from the coming month (Decree 20 Art. 8: from the month after).
  const nextMonth = addMonths(vietnamMonth(clock.now()), 1) ?? vietnamMonth(clock.now());
  const initialStatus: BeneficiaryStatus = person.status === 'active' ? 'suspended' : 'active';
  const form = useForm<StatusForm>({
    defaultValues: {
      status: initialStatus,
      reason: statusReasons[initialStatus][0],
      effectiveMonth: nextMonth,
      note: '',
    },
  });
  const status = useWatch({ control: form.control, name: 'status' });
  const reasons = statusReasons[status];
  const text = textFieldsOf(form, 'st', { onChange: () => setNotice(null) });

  const submit = form.handleSubmit(async (data) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/u.test(data.effectiveMonth)) {
      form.setError('effectiveMonth', { message: t.statusChange.monthRequired });
      return;
    }
    const note = data.note.trim();
    const recorded = await record(
      'beneficiary.set-status',
      person.id,
      { status: data.status, reason: data.reason, effectiveMonth: data.effectiveMonth, ...(note ? { note } : {}) },
      { baseVersion: person.version },
    );
    setFailure(recorded.ok ? null : recordErrorMessage(recorded.error));
    setNotice(recorded.ok ? t.statusChange.saved : null);
  });

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t.statusChange.title}</h2>
      <p data-testid="status-line">{statusLine(person)}</p>
      <div className="form-grid">
        <SelectField
          id="st-status"
          label={t.statusChange.status}
          registration={form.register('status', {
            // A reason of the previous status may not fit the new one: take the new one's first.
            onChange: (e: { target: { value: BeneficiaryStatus } }) => {
              form.setValue('reason', statusReasons[e.target.value][0]);
              setNotice(null);
            },
          })}
        >
          {beneficiaryStatuses.map((s) => (
            <option key={s} value={s}>
              {t.statuses[s]}
            </option>
          ))}
        </SelectField>
        <SelectField id="st-reason" label={t.statusChange.reason} registration={form.register('reason')}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {t.statusChange.reasons[r]}
            </option>
          ))}
        </SelectField>
        {text('effectiveMonth', t.statusChange.effectiveMonth, { input: { type: 'month' } })}
        {text('note', t.statusChange.note)}
      </div>
      <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
        {t.statusChange.save}
      </button>
      {notice && <p role="status">{notice}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
