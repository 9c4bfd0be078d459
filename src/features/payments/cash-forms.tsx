/**
 * The forms of a payer's cash ledger (issue 16): cash received or returned with the other
 * person's name and signature, a handover to another payer signed by both, and the end-of-day
 * count by denomination. Each checks what it can before recording (domain/cash-custody.ts) and
 * records one `cash.*` op with its signatures in one transaction: nothing partial is kept.
 */
import { useState, type FormEvent } from 'react';
import { denominations, readCashInput, countedTotal, type Count } from '../../domain/cash-custody';
import { ledgerId, type LedgerKey } from '../../domain/cash-ops';
import { formatVnd, vnd, type Vnd } from '../../domain/money';
import { hashEvidence } from '../../storage/payments';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { SignaturePad } from '../../ui/signature-pad';
import { useRecordOp, type RecordOp } from '../../ui/use-record-op';
import type { RecordOpError } from '../../ui/use-record-op';
import type { Result } from '../../lib/result';
import { usePayers } from './use-payers';

type Done = () => void;

async function evidenceOf(png: Blob) {
  return hashEvidence({ bytes: await png.arrayBuffer(), type: 'image/png' });
}

/**
 * What every cash form shares: one op recorded with its evidence, or the reason it was not, said
 * in Vietnamese; the buttons wait while it records.
 */
function useCashSave(onDone: Done) {
  const { record, isReady } = useRecordOp();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function save(write: (record: RecordOp) => Promise<Result<unknown, RecordOpError>>): Promise<void> {
    setSaving(true);
    try {
      const result = await write(record);
      if (!result.ok) return setProblem(recordErrorMessage(result.error));
      onDone();
    } finally {
      setSaving(false);
    }
  }
  return { problem, setProblem, busy: saving || !isReady, save };
}

function Problem({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={id} className="error" role="alert">
      {text}
    </p>
  ) : null;
}

function AmountField({ value, onChange, invalid }: { value: string; onChange: (v: string) => void; invalid: boolean }) {
  return (
    <>
      <label htmlFor="cash-amount">{t.cash.amount}</label>
      <input
        id="cash-amount"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        aria-invalid={invalid}
        aria-describedby="cash-amount-hint cash-error"
        onChange={(e) => onChange(e.target.value)}
      />
      <p id="cash-amount-hint" className="muted">
        {t.cash.amountHint}
      </p>
    </>
  );
}

/** Cash received from, or returned to, someone outside the payers (the commune's treasurer). */
export function CashMoveForm({
  kind,
  ledger,
  today,
  onDone,
}: {
  kind: 'receive' | 'return';
  ledger: LedgerKey;
  today: string;
  onDone: Done;
}) {
  const { problem, setProblem, busy, save } = useCashSave(onDone);
  const [amount, setAmount] = useState('');
  const [name, setName] = useState('');
  const [signature, setSignature] = useState<Blob | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const read = readCashInput(amount);
    if (!read.ok) return setProblem(t.cash.errors[read.problem]);
    if (!name.trim()) return setProblem(t.cash.errors.name);
    if (!signature) return setProblem(t.cash.errors.signature);
    await save(async (record) => {
      const sign = await evidenceOf(signature);
      const common = { ...ledger, date: today, amount: read.amount, signature: sign.hash };
      return kind === 'receive'
        ? record('cash.receive', ledgerId(ledger), { ...common, fromName: name }, { evidence: [sign] })
        : record('cash.return', ledgerId(ledger), { ...common, toName: name }, { evidence: [sign] });
    });
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="cash-form-title">
      <h2 id="cash-form-title">{kind === 'receive' ? t.cash.receive : t.cash.return}</h2>
      <AmountField value={amount} onChange={setAmount} invalid={problem !== null} />
      <label htmlFor="cash-name">{kind === 'receive' ? t.cash.fromName : t.cash.toName}</label>
      <input id="cash-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <p className="label">{kind === 'receive' ? t.cash.counterpartSign : t.cash.returnSign}</p>
      <SignaturePad label={t.cash.signHere} clearLabel={t.cash.clearSign} onChange={setSignature} />
      <Problem id="cash-error" text={problem} />
      <FormButtons saving={busy} onCancel={onDone} />
    </form>
  );
}

function FormButtons({ saving, onCancel }: { saving: boolean; onCancel: Done }) {
  return (
    <p className="actions">
      <button type="submit" className="primary" disabled={saving}>
        {t.cash.save}
      </button>
      <button type="button" onClick={onCancel}>
        {t.cash.cancel}
      </button>
    </p>
  );
}

/** Cash handed to another payer of the commune, both signing on this tablet. */
export function HandoverForm({ ledger, today, onDone }: { ledger: LedgerKey; today: string; onDone: Done }) {
  const { problem, setProblem, busy, save } = useCashSave(onDone);
  const { saved } = usePayers();
  const others = (saved?.payers ?? []).filter(
    (p) => p.id !== ledger.payerId && p.communes.includes(ledger.communeCode),
  );
  const [amount, setAmount] = useState('');
  const [to, setTo] = useState('');
  const [giver, setGiver] = useState<Blob | null>(null);
  const [receiver, setReceiver] = useState<Blob | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const read = readCashInput(amount);
    if (!read.ok) return setProblem(t.cash.errors[read.problem]);
    const payer = others.find((p) => p.id === to);
    if (!payer) return setProblem(t.cash.errors.payer);
    if (!giver || !receiver) return setProblem(t.cash.errors.bothSignatures);
    await save(async (record) => {
      const [g, r] = await Promise.all([evidenceOf(giver), evidenceOf(receiver)]);
      return record(
        'cash.handover',
        ledgerId(ledger),
        {
          ...ledger,
          date: today,
          amount: read.amount,
          toPayerId: payer.id,
          toPayerName: payer.displayName,
          giverSignature: g.hash,
          receiverSignature: r.hash,
        },
        { evidence: [g, r] },
      );
    });
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="cash-form-title">
      <h2 id="cash-form-title">{t.cash.handover}</h2>
      {others.length === 0 && <p className="warning">{t.cash.noPayers}</p>}
      <label htmlFor="cash-to">{t.cash.toPayer}</label>
      <select id="cash-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t.cash.choosePayer}</option>
        {others.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
      </select>
      <AmountField value={amount} onChange={setAmount} invalid={problem !== null} />
      <p className="label">{t.cash.giverSign}</p>
      <SignaturePad label={t.cash.giverSign} clearLabel={t.cash.clearSign} onChange={setGiver} />
      <p className="label">{t.cash.receiverSign}</p>
      <SignaturePad label={t.cash.receiverSign} clearLabel={t.cash.clearSign} onChange={setReceiver} />
      <Problem id="cash-error" text={problem} />
      <FormButtons saving={busy} onCancel={onDone} />
    </form>
  );
}

/** The end-of-day count: notes by denomination, totalled, against the ledger's balance. */
export function CloseForm({
  ledger,
  today,
  balance,
  onDone,
}: {
  ledger: LedgerKey;
  today: string;
  balance: Vnd;
  onDone: Done;
}) {
  const { problem, setProblem, busy, save } = useCashSave(onDone);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');

  const count: Count = {};
  let countOk = true;
  for (const d of denominations) {
    const text = (typed[d] ?? '').trim();
    if (text === '') continue;
    if (!/^\d+$/u.test(text)) countOk = false;
    else if (Number(text) > 0) count[d] = Number(text);
  }
  const total = countedTotal(count);
  const counted = countOk && total.ok ? total.total : null;
  const difference = counted === null ? null : vnd(counted - balance);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (counted === null) return setProblem(t.cash.errors.count);
    if (difference !== 0 && !reason.trim()) return setProblem(t.cash.errors.reason);
    await save((record) =>
      record('cash.close', ledgerId(ledger), {
        ...ledger,
        date: today,
        count,
        counted,
        balance,
        ...(reason.trim() ? { reason } : {}),
      }),
    );
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="cash-form-title">
      <h2 id="cash-form-title">{t.cash.closeTitle}</h2>
      <p className="muted">{t.cash.closeIntro}</p>
      <table className="count-table">
        <thead>
          <tr>
            <th scope="col">{t.cash.denomination}</th>
            <th scope="col">{t.cash.pieces}</th>
          </tr>
        </thead>
        <tbody>
          {denominations.map((d) => (
            <tr key={d}>
              <th scope="row">
                <label htmlFor={`count-${d}`}>{formatVnd(vnd(d))}</label>
              </th>
              <td>
                <input
                  id={`count-${d}`}
                  inputMode="numeric"
                  autoComplete="off"
                  size={5}
                  value={typed[d] ?? ''}
                  onChange={(e) => setTyped({ ...typed, [d]: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="cash-close-sums">
        <dt>{t.cash.countedTotal}</dt>
        <dd data-testid="cash-counted">{counted === null ? '—' : formatVnd(counted)}</dd>
        <dt>{t.cash.bookBalance}</dt>
        <dd>{formatVnd(balance)}</dd>
        <dt>{t.cash.difference}</dt>
        <dd data-testid="cash-difference">{difference === null ? '—' : formatVnd(difference)}</dd>
      </dl>
      {difference !== null && difference !== 0 && (
        <>
          <p className="warning">{t.cash.ackNeeded}</p>
          <label htmlFor="cash-reason">{t.cash.reason}</label>
          <textarea id="cash-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </>
      )}
      <Problem id="cash-error" text={problem} />
      <FormButtons saving={busy} onCancel={onDone} />
    </form>
  );
}
