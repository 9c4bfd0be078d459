import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { paymentMethods } from '../../domain/vocabulary';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';
import { useDraft } from '../../ui/use-draft';
import { SelectField, textFieldsOf } from './form-field';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
import {
  emptyPaymentMethodForm,
  homeDeliveryReasons,
  paymentMethodFormSchema,
  toPaymentMethodPayload,
  type PaymentMethodForm,
} from './payment-method-schema';

function fromRow(row: BeneficiaryRow): PaymentMethodForm {
  const d = row.paymentDetails ?? {};
  return {
    method: row.paymentMethod ?? 'cash-point',
    bankName: d.bankName ?? '',
    accountNumber: d.accountNumber ?? '',
    accountHolder: d.accountHolder ?? '',
    provider: d.provider ?? '',
    walletPhone: d.walletPhone ?? '',
    homeDeliveryReason: d.homeDeliveryReason ?? '',
  };
}

/** Registration of the chosen payment method (seed step 3), kept as a draft while typed. */
export function PaymentMethodFormView({ person }: { person: BeneficiaryRow }) {
  const draft = useDraft<PaymentMethodForm>(`payment-method:${person.id}`);
  if (draft.loaded === undefined) return null;
  return <Form person={person} initial={draft.loaded ?? fromRow(person)} draft={draft} />;
}

function Form({
  person,
  initial,
  draft,
}: {
  person: BeneficiaryRow;
  initial: PaymentMethodForm;
  draft: ReturnType<typeof useDraft<PaymentMethodForm>>;
}) {
  const { isReady, record } = useRecordOp();
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<PaymentMethodForm>({
    resolver: zodResolver(paymentMethodFormSchema),
    defaultValues: { ...emptyPaymentMethodForm, ...initial },
  });
  const values = useWatch({ control: form.control });
  const method = values.method;
  const errors = form.formState.errors;

  useEffect(() => {
    if (form.formState.isDirty) draft.save({ ...emptyPaymentMethodForm, ...values });
  }, [values, form.formState.isDirty, draft]);

  const submit = form.handleSubmit(async (data) => {
    const recorded = await record('beneficiary.set-payment-method', person.id, toPaymentMethodPayload(data), {
      baseVersion: person.version,
    });
    setFailure(recorded.ok ? null : recordErrorMessage(recorded.error));
    if (!recorded.ok) return;
    await draft.clear();
    form.reset(data);
    setSaved(true);
  });

  const field = textFieldsOf(form, 'pm');

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t.person.registerMethod}</h2>
      <fieldset>
        <legend>{t.person.method}</legend>
        {paymentMethods.map((m) => (
          <label key={m} className="radio">
            <input type="radio" value={m} {...form.register('method')} />
            {t.methods[m]}
          </label>
        ))}
      </fieldset>
      {method === 'bank' && (
        <>
          {field('bankName', t.person.bankName, { input: { list: 'bank-names' } })}
          <datalist id="bank-names">
            {['Agribank', 'Vietcombank', 'BIDV', 'VietinBank', 'LPBank'].map((b) => (
              <option key={b} value={b} />
            ))}
          </datalist>
          {field('accountNumber', t.person.accountNumber, { input: { inputMode: 'numeric' } })}
          {field('accountHolder', t.person.accountHolder)}
        </>
      )}
      {method === 'mobile-money' && (
        <>
          {field('provider', t.person.provider, { input: { list: 'wallet-providers' } })}
          <datalist id="wallet-providers">
            {['Viettel Money', 'VNPT Money', 'MobiFone Money'].map((b) => (
              <option key={b} value={b} />
            ))}
          </datalist>
          {field('walletPhone', t.person.walletPhone, { input: { inputMode: 'tel' } })}
        </>
      )}
      {method === 'home-delivery' && (
        <>
          <SelectField
            id="pm-homeDeliveryReason"
            label={t.person.homeDeliveryReason}
            registration={form.register('homeDeliveryReason')}
            error={errors.homeDeliveryReason?.message}
          >
            <option value="">—</option>
            {homeDeliveryReasons.map((r) => (
              <option key={r} value={r}>
                {t.homeDeliveryReasons[r]}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
        {t.person.saveMethod}
      </button>
      {saved && <p role="status">{t.person.methodSaved}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
