import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { amountInWordsVi, formatVnd } from '../../domain/money';
import { addDays } from '../../domain/calendar';
import { revisitReasons } from '../../domain/payment-ops';
import { receiverKinds, unpaidReasons, type UnpaidReason } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import { formatBirthDate, formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { PhotoInput } from './photo-input';
import { Receipt } from './receipt';
import { ReceiverCheckPanel } from './receiver-check-panel';
import type { Photo } from './shrink-photo';
import { SignaturePad } from '../../ui/signature-pad';
import { ImportedFacts } from '../../ui/imported-by';
import { EvidencePanel } from './evidence-panel';
import { usePay } from './use-pay';
import { useOverdraw } from './use-overdraw';
import { useReceiverCheck } from './use-receiver-check';
import { usePaymentLine } from './use-payment-list';
import { notOpenText } from './closed-line';

/** Paying one line at the person's home: who receives, the amount in figures and words, a signature. */
export function PayPage() {
  const lineId = decodeURIComponent(useParams()['lineId'] ?? '');
  const item = usePaymentLine(lineId);
  const can = useCan();
  if (item === undefined || !can.isKnown) return null;
  if (item === null) return <p className="empty">{t.pay.notFound}</p>;
  // Recording a payment or a visit is for the field roles (an admin manages users and devices).
  if (!can('payment.record', item.line.communeCode)) return <p className="empty">{t.pay.notAllowed}</p>;
  return <PayForm key={lineId} item={item} />;
}

function PayForm({ item }: { item: NonNullable<ReturnType<typeof usePaymentLine>> }) {
  const { line, person } = item;
  const { clock } = useServices();
  const can = useCan();
  const { pay, unpaid, error, saving, receipt, ready } = usePay(line);
  const receiver = useReceiverCheck(person, vietnamDate(clock.now()));
  const rep = person?.representative ?? null;
  const [signature, setSignature] = useState<Blob | null>(null);
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [reason, setReason] = useState<UnpaidReason>('absent');
  const [note, setNote] = useState('');
  const today = vietnamDate(clock.now());
  const [revisitOn, setRevisitOn] = useState(addDays(today, 1) ?? '');
  const [unpaidSaved, setUnpaidSaved] = useState<string | null>(null);
  const [revisitError, setRevisitError] = useState<string | null>(null);
  const revisits = revisitReasons.includes(reason);
  const overdraw = useOverdraw(line);
  const [warned, setWarned] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    // Paying more than the cash in hand warns first; a second tap confirms (issue 16).
    if (overdraw && !warned) return setWarned(true);
    void pay({
      receiver: receiver.kind,
      receiverName: receiver.typedName,
      receiverIdNumber: receiver.typedId,
      signature,
      photo,
      check: receiver.check,
    });
  }

  function recordUnpaid() {
    const check = receiver.check ? { check: receiver.check, receiver: receiver.kind } : null;
    const revisit = revisits && revisitOn ? revisitOn : null;
    // Dates are compared as calendar dates (YYYY-MM-DD sorts as it reads).
    if (revisit !== null && revisit < today) return setRevisitError(t.pay.revisitPast);
    setRevisitError(null);
    void unpaid(reason, note, check, revisit).then((ok) =>
      setUnpaidSaved(ok ? (revisit ? t.pay.unpaidSavedRevisit(formatIsoDate(revisit)) : t.pay.unpaidSaved) : null),
    );
  }

  if (receipt) return <Receipt op={receipt} person={person} beneficiaryId={line.beneficiaryId} />;
  const open = line.status === 'due' || line.status === 'unpaid';
  const blocked = receiver.blockedBy;

  return (
    <section className="pay">
      <p className="no-print">
        <Link to="/chi-tra">← {t.payments.back}</Link>
      </p>
      <h1>{person?.fullName}</h1>
      <GuideLink guide="pay" />
      <p className="muted">
        {person &&
          `${formatBirthDate(person.birthDate)} · ${person.village} · ${t.person.idShort} ${person.idNumber ?? '—'}`}
      </p>
      <div className="card amount">
        <span className="big" data-testid="pay-amount">
          {formatVnd(line.amount)}
        </span>
        {/* Vietnamese in every interface language: the payer reads it out to the recipient, and it
            is the wording of the receipt that follows. */}
        <span>{amountInWordsVi(line.amount)}</span>
        <span className={`badge line-${line.status}`}>{t.lineStatuses[line.status]}</span>
        <ImportedFacts line={line} />
      </div>
      {!open && can('evidence.view', line.communeCode) && <EvidencePanel lineId={line.id} />}
      {!open ? (
        <p className="warning">{notOpenText(line)}</p>
      ) : (
        <>
          <form className="card" onSubmit={submit}>
            <fieldset>
              <legend>{t.pay.receiver}</legend>
              {receiverKinds.map((kind) => (
                <label key={kind} className="radio">
                  <input
                    type="radio"
                    name="receiver"
                    checked={receiver.kind === kind}
                    onChange={() => receiver.chooseKind(kind)}
                  />
                  {t.receivers[kind]}
                  {rep?.kind === kind ? ` (${rep.fullName})` : ''}
                </label>
              ))}
            </fieldset>
            <ReceiverCheckPanel state={receiver} />
            <p className="label">{t.pay.signature}</p>
            <SignaturePad label={t.pay.signatureLabel} clearLabel={t.pay.clearSignature} onChange={setSignature} />
            <PhotoInput photo={photo} onChange={setPhoto} />
            {blocked && (
              <p className="warning" data-testid="pay-blocked">
                {t.pay.blocked[blocked]}
              </p>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            {overdraw && warned && (
              <p className="warning" role="alert" data-testid="pay-overdraw">
                {t.cash.overdraw(formatVnd(overdraw.balance), formatVnd(line.amount))}
              </p>
            )}
            <button type="submit" className="primary wide" disabled={saving || !ready || blocked !== null}>
              {overdraw && warned ? t.cash.overdrawConfirm : t.pay.confirm}
            </button>
          </form>
          <div className="card">
            <h2>{t.pay.unpaidTitle}</h2>
            <label htmlFor="unpaid-reason">{t.pay.reason}</label>
            <select id="unpaid-reason" value={reason} onChange={(e) => setReason(e.target.value as UnpaidReason)}>
              {unpaidReasons.map((r) => (
                <option key={r} value={r}>
                  {t.unpaidReasons[r]}
                </option>
              ))}
            </select>
            <label htmlFor="unpaid-note">{t.pay.note}</label>
            <input id="unpaid-note" value={note} onChange={(e) => setNote(e.target.value)} />
            {revisits && (
              <>
                <label htmlFor="unpaid-revisit">{t.pay.revisitOn}</label>
                <input
                  id="unpaid-revisit"
                  type="date"
                  min={today}
                  value={revisitOn}
                  aria-describedby="unpaid-revisit-hint"
                  aria-invalid={revisitError !== null}
                  onChange={(e) => setRevisitOn(e.target.value)}
                />
                <p id="unpaid-revisit-hint" className="muted">
                  {t.pay.revisitHint}
                </p>
                {revisitError && (
                  <p role="alert" className="error">
                    {revisitError}
                  </p>
                )}
              </>
            )}
            <button type="button" onClick={recordUnpaid} disabled={!ready}>
              {t.pay.recordUnpaid}
            </button>
            {unpaidSaved && <p role="status">{unpaidSaved}</p>}
          </div>
        </>
      )}
    </section>
  );
}
