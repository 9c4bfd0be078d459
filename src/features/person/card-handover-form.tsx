/**
 * The bank card (or wallet details) hand-over on a person's page (issue 12): once the account is
 * `opened`, an officer records, offline, the day, who handed it over, who received it, the
 * receiver's signature and that the safety guidance was given, as `beneficiary.set-account-status`
 * `card-handed-over` with a `handover`. Once handed over, the page shows what was recorded.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { receiverKinds } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { hashEvidence } from '../../storage/payments';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useServices } from '../../ui/services';
import { useRecordOp } from '../../ui/use-record-op';
import { useSession } from '../../ui/use-session';
import {
  cardHandoverDefaults,
  cardHandoverFormSchema,
  receiverNameFor,
  toCardHandoverPayload,
  type CardHandoverForm,
} from './card-handover-schema';
import { textFieldsOf } from './form-field';
import { SignaturePad } from '../../ui/signature-pad';

/**
 * The hand-over card of a person's page: the recorded hand-over, or the way to record one for a
 * user who may send `beneficiary.set-account-status` in the person's commune (`canRecord`).
 */
export function CardHandoverSection({ person, canRecord }: { person: BeneficiaryRow; canRecord: boolean }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  if (person.accountStatus === 'card-handed-over') {
    return (
      <div className="card" data-testid="card-handover">
        <h2>{t.handover.recordedTitle}</h2>
        <RecordedHandover person={person} />
        {saved && <p role="status">{t.handover.saved}</p>}
      </div>
    );
  }
  if (person.accountStatus !== 'opened' || !canRecord) return null;
  return (
    <div className="card" data-testid="card-handover">
      <h2>{t.handover.title}</h2>
      {open ? (
        <HandoverForm
          person={person}
          userName={session?.user.displayName ?? ''}
          onCancel={() => setOpen(false)}
          onSaved={() => setSaved(true)}
        />
      ) : (
        <>
          <p className="muted">{t.handover.intro}</p>
          <button
            type="button"
            className="primary wide"
            // The form starts with the signed-in user's name: wait until it is read.
            disabled={session === undefined}
            onClick={() => setOpen(true)}
          >
            {t.handover.open}
          </button>
        </>
      )}
    </div>
  );
}

function RecordedHandover({ person }: { person: BeneficiaryRow }) {
  const h = person.cardHandover;
  if (!h) return <p>{t.handover.noRecord}</p>;
  return (
    <dl className="facts">
      <dt>{t.handover.recordedDate}</dt>
      <dd>{formatBirthDate(h.date)}</dd>
      <dt>{t.handover.recordedBy}</dt>
      <dd>{h.handedOverBy}</dd>
      <dt>{t.handover.recordedReceiver}</dt>
      <dd>
        {t.receivers[h.receiver.kind]}: {h.receiver.fullName}
      </dd>
      <dt>{t.handover.recordedGuidance}</dt>
      <dd>{h.guidanceGiven ? t.handover.guidanceGiven : t.handover.guidanceNotGiven}</dd>
      <dt>{t.handover.recordedSignature}</dt>
      <dd>{h.signature ? t.handover.signed : t.handover.notSigned}</dd>
    </dl>
  );
}

function HandoverForm({
  person,
  userName,
  onCancel,
  onSaved,
}: {
  person: BeneficiaryRow;
  userName: string;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { clock } = useServices();
  const { isReady, record } = useRecordOp();
  const today = vietnamDate(clock.now());
  const form = useForm<CardHandoverForm>({
    resolver: zodResolver(cardHandoverFormSchema(today)),
    defaultValues: cardHandoverDefaults(person, userName, today),
  });
  const [signature, setSignature] = useState<Blob | null>(null);
  const [signatureMissing, setSignatureMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A second tap while the first is being written must not record the hand-over twice.
  const inFlight = useRef(false);
  const errors = form.formState.errors;
  // The button that opened the form is gone: a keyboard user goes on from the first field.
  const fields = useRef<HTMLDivElement>(null);
  useEffect(() => fields.current?.querySelector('input')?.focus(), []);

  async function save(data: CardHandoverForm) {
    if (!signature) {
      setSignatureMissing(true);
      return;
    }
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      // Stored with its op in one transaction, content-addressed, as the pay page stores a signature.
      const evidence = await hashEvidence({ bytes: await signature.arrayBuffer(), type: 'image/png' });
      const recorded = await record(
        'beneficiary.set-account-status',
        person.id,
        toCardHandoverPayload(data, evidence.hash),
        { baseVersion: person.version, evidence: [evidence] },
      );
      setFailure(recorded.ok ? null : recordErrorMessage(recorded.error));
      if (recorded.ok) onSaved();
    } finally {
      inFlight.current = false;
    }
  }

  const submit = form.handleSubmit(save, () => setSignatureMissing(signature === null));
  const text = textFieldsOf(form, 'ho');

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid" ref={fields}>
        {text('date', t.handover.date, { input: { type: 'date', max: today } })}
        {text('handedOverBy', t.handover.handedOverBy)}
      </div>
      <fieldset>
        <legend>{t.handover.receiver}</legend>
        {receiverKinds.map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              value={k}
              {...form.register('receiverKind', {
                // The usual name for the kind: the person, or the registered representative.
                onChange: () => form.setValue('receiverName', receiverNameFor(person, k)),
              })}
            />
            {t.receivers[k]}
          </label>
        ))}
      </fieldset>
      {text('receiverName', t.handover.receiverName)}
      <p className="label" id="ho-signature-title">
        {t.handover.signature}
      </p>
      <SignaturePad
        label={t.handover.signatureLabel}
        clearLabel={t.handover.clearSignature}
        describedBy={signatureMissing ? 'ho-signature-error' : undefined}
        onChange={(png) => {
          setSignature(png);
          if (png) setSignatureMissing(false);
        }}
      />
      {signatureMissing && (
        <p className="error" id="ho-signature-error" role="alert">
          {t.handover.errors.signature}
        </p>
      )}
      <label className="radio">
        <input
          id="ho-guidanceGiven"
          type="checkbox"
          {...form.register('guidanceGiven')}
          aria-invalid={errors.guidanceGiven ? true : undefined}
          aria-describedby={errors.guidanceGiven ? 'ho-guidanceGiven-error' : undefined}
        />
        {t.handover.guidance}
      </label>
      {errors.guidanceGiven && (
        <p className="error" id="ho-guidanceGiven-error" role="alert">
          {errors.guidanceGiven.message}
        </p>
      )}
      <button type="submit" className="primary wide" disabled={!isReady || form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t.handover.saving : t.handover.save}
      </button>
      <button type="button" className="wide" onClick={onCancel} disabled={form.formState.isSubmitting}>
        {t.handover.cancel}
      </button>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
