import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { amountInWordsVi, formatVnd } from '../../domain/money';
import { unpaidReasons, type ReceiverKind, type UnpaidReason } from '../../domain/vocabulary';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { Receipt } from './receipt';
import { SignaturePad } from './signature-pad';
import { usePay } from './use-pay';
import { usePaymentLine } from './use-payment-list';

/** Paying one line at the person's home: who receives, the amount in figures and words, a signature. */
export function PayPage() {
  const lineId = decodeURIComponent(useParams()['lineId'] ?? '');
  const item = usePaymentLine(lineId);
  if (item === undefined) return null;
  if (item === null) return <p className="empty">{t.pay.notFound}</p>;
  return <PayForm key={lineId} lineId={lineId} item={item} />;
}

function PayForm({ lineId, item }: { lineId: string; item: NonNullable<ReturnType<typeof usePaymentLine>> }) {
  const { line, person } = item;
  const rep = person?.representative ?? null;
  const { pay, unpaid, error, saving, receipt, ready } = usePay(lineId, line.amount);
  const [receiver, setReceiver] = useState<ReceiverKind>('self');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [signature, setSignature] = useState<Blob | null>(null);
  const [reason, setReason] = useState<UnpaidReason>('absent');
  const [note, setNote] = useState('');
  const [unpaidSaved, setUnpaidSaved] = useState(false);

  function chooseReceiver(kind: ReceiverKind) {
    setReceiver(kind);
    // The registered representative of that kind is the expected receiver: prefill, editable.
    const match = rep && rep.kind === kind ? rep : null;
    setName(match?.fullName ?? '');
    setIdNumber(match?.idNumber ?? '');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void pay({ receiver, receiverName: name, receiverIdNumber: idNumber, signature });
  }

  if (receipt) return <Receipt op={receipt} person={person} />;
  const open = line.status === 'due' || line.status === 'unpaid';

  return (
    <section className="pay">
      <p className="no-print">
        <Link to="/chi-tra">← {t.payments.back}</Link>
      </p>
      <h1>{person?.fullName}</h1>
      <p className="muted">
        {person && `${formatBirthDate(person.birthDate)} · ${person.village} · CCCD ${person.idNumber ?? '—'}`}
      </p>
      <div className="card amount">
        <span className="big" data-testid="pay-amount">
          {formatVnd(line.amount)}
        </span>
        <span>{amountInWordsVi(line.amount)}</span>
        <span className={`badge line-${line.status}`}>{t.lineStatuses[line.status]}</span>
      </div>
      {!open ? (
        <p className="warning">{t.pay.notOpen}</p>
      ) : (
        <>
          <form className="card" onSubmit={submit}>
            <fieldset>
              <legend>{t.pay.receiver}</legend>
              {(['self', 'guardian', 'authorized'] as const).map((kind) => (
                <label key={kind} className="radio">
                  <input
                    type="radio"
                    name="receiver"
                    checked={receiver === kind}
                    onChange={() => chooseReceiver(kind)}
                  />
                  {t.receivers[kind]}
                  {rep?.kind === kind ? ` (${rep.fullName})` : ''}
                </label>
              ))}
            </fieldset>
            {receiver !== 'self' && (
              <>
                <label htmlFor="receiver-name">{t.pay.receiverName}</label>
                <input id="receiver-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
                <label htmlFor="receiver-id">{t.pay.receiverId}</label>
                <input
                  id="receiver-id"
                  inputMode="numeric"
                  value={idNumber}
                  onChange={(e) => setIdNumber(e.target.value.replace(/\s/gu, ''))}
                  autoComplete="off"
                />
              </>
            )}
            <p className="label">{t.pay.signature}</p>
            <SignaturePad onChange={setSignature} />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary wide" disabled={saving || !ready}>
              {t.pay.confirm}
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
            <button type="button" onClick={() => void unpaid(reason, note).then(setUnpaidSaved)} disabled={!ready}>
              {t.pay.recordUnpaid}
            </button>
            {unpaidSaved && <p role="status">{t.pay.unpaidSaved}</p>}
          </div>
        </>
      )}
    </section>
  );
}
